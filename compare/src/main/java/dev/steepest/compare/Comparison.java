package dev.steepest.compare;

import dev.steepest.data.ImageDataset;
import dev.steepest.data.LabeledImages;
import dev.steepest.djl.DjlEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Trains one model with several optimizers from the same initial weights and the same batch
 * order, optionally choosing each optimizer's learning rate first on a held-out split.
 */
public final class Comparison {
    /** The share of the training set held out for {@code --lr-sweep}. */
    public static final double HELD_OUT = 0.1;

    private Comparison() {
    }

    /**
     * What to compare.
     *
     * @param setup model, epochs, batch, seed, local-linear sampling
     * @param optimizers names from {@link OptimizerCatalog}
     * @param lrSweep choose each learning rate from its grid on a held-out split first
     * @param sweepEpochs epochs per sweep run
     * @param progress show progress on stderr: a bar on a terminal, else one line per epoch
     * @param presetOptions per optimizer name, its preset options (see {@link OptimizerCatalog#get(String, Map)})
     */
    public record Options(Training.Setup setup, List<String> optimizers, boolean lrSweep, int sweepEpochs,
                          boolean progress, Map<String, Map<String, String>> presetOptions) {
        /** Without preset options. */
        public Options(Training.Setup setup, List<String> optimizers, boolean lrSweep, int sweepEpochs,
                       boolean progress) {
            this(setup, optimizers, lrSweep, sweepEpochs, progress, Map.of());
        }

        public Options {
            if (optimizers.isEmpty()) {
                throw new IllegalArgumentException("--optimizers needs at least one name");
            }
            presetOptions = Map.copyOf(presetOptions);
            for (String name : presetOptions.keySet()) {
                if (!optimizers.contains(name)) {
                    throw new IllegalArgumentException("options are given for '" + name
                            + "', which is not among the optimizers compared");
                }
            }
            for (String n : optimizers) {
                OptimizerCatalog.get(n, presetOptions.get(n));
            }
            if (sweepEpochs < 1) {
                throw new IllegalArgumentException("sweep epochs must be at least 1, got " + sweepEpochs);
            }
        }
    }

    /**
     * Which group each parameter of the model joins under each steepest preset compared (see
     * {@link dev.steepest.djl.SteepestOptimizer#groupTable}), the presets that give the same table together:
     * table → the preset names. Builds and initializes the model once; trains nothing.
     */
    public static Map<String, List<String>> groupTables(ImageDataset data, Options o) {
        DjlEnvironment.configureOffline();
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        try (ai.djl.Model model = ai.djl.Model.newInstance("groups")) {
            ai.djl.nn.Block block = Models.create(o.setup().model(), data.train().classes());
            model.setBlock(block);
            try (ai.djl.training.Trainer trainer = model.newTrainer(new ai.djl.training.DefaultTrainingConfig(
                    ai.djl.training.loss.Loss.softmaxCrossEntropyLoss()))) {
                trainer.initialize(Models.inputShape(o.setup().model(), 1, data.train().rows(), data.train().cols()));
                for (String name : o.optimizers()) {
                    if (!dev.steepest.optim.Presets.NAMES.contains(name)) {
                        continue;
                    }
                    Map<String, String> opts = o.presetOptions().getOrDefault(name, Map.of());
                    String table = dev.steepest.djl.SteepestOptimizer.groupTable(
                            dev.steepest.optim.Presets.get(name, opts), block);
                    out.computeIfAbsent(table, k -> new ArrayList<>()).add(name);
                }
            }
        }
        return out;
    }

    /** Runs the comparison; one result per optimizer, in the order given. */
    public static List<RunResult> run(ImageDataset data, Options o) {
        DjlEnvironment.configureOffline();
        Training.Setup setup = o.setup();
        Map<String, float[]> init = Training.initialWeights(setup, data.train());
        List<RunResult> out = new ArrayList<>();
        for (String name : o.optimizers()) {
            OptimizerChoice choice = OptimizerCatalog.get(name, o.presetOptions().get(name));
            float lr = choice.learningRate();
            List<RunResult.SweepPoint> sweep = List.of();
            if (o.lrSweep()) {
                sweep = sweep(choice, data.train(), o);
                lr = best(sweep, lr);
            }
            RunResult r = trainWithBar(o, name, setup, data.train(), choice, lr, data.test(), init);
            out.add(new RunResult(r.name(), r.learningRate(), sweep, r.testAccuracy(), r.bestTestAccuracy(),
                    r.trainLoss(), r.seconds(), r.optimizerSeconds(), r.epochs(), r.steps(), r.localLinear(), r.diverged()));
        }
        return out;
    }

    /** Validation accuracy of every learning rate in {@code choice}'s grid, trained on the rest of the training set. */
    static List<RunResult.SweepPoint> sweep(OptimizerChoice choice, LabeledImages train, Options o) {
        int hold = Math.max(1, (int) Math.round(train.size() * HELD_OUT));
        LabeledImages fit = train.range(0, train.size() - hold);
        LabeledImages val = train.range(train.size() - hold, train.size());
        Training.Setup s = new Training.Setup(o.setup().model(), o.sweepEpochs(), o.setup().batch(), o.setup().seed(), 0);
        Map<String, float[]> init = Training.initialWeights(s, fit);
        List<RunResult.SweepPoint> points = new ArrayList<>();
        for (float lr : choice.sweep()) {
            RunResult r = trainWithBar(o, choice.name() + " lr=" + lr, s, fit, choice, lr, val, init);
            points.add(new RunResult.SweepPoint(lr, r.diverged() ? 0 : r.testAccuracy(), r.diverged()));
        }
        return points;
    }

    static float best(List<RunResult.SweepPoint> points, float fallback) {
        double bestAcc = -1;
        float lr = fallback;
        for (RunResult.SweepPoint p : points) {
            if (!p.diverged() && p.validationAccuracy() > bestAcc) {
                bestAcc = p.validationAccuracy();
                lr = (float) p.learningRate();
            }
        }
        return lr;
    }

    /** Progress for a log: one line when each epoch ends, e.g. {@code muon  epoch 2/3  step 64/96  loss 0.512}. */
    static Training.Progress perEpochLines(String task, int epochs, int totalSteps, java.io.PrintStream err) {
        int perEpoch = Math.max(1, totalSteps / Math.max(1, epochs));
        return (step, loss) -> {
            if (step % perEpoch == 0 || step == totalSteps) {
                err.printf(java.util.Locale.ROOT, "%s  epoch %d/%d  step %d/%d  loss %.3f%n", task.strip(),
                        Math.min(epochs, (step + perEpoch - 1) / perEpoch), epochs, step, totalSteps, loss);
            }
        };
    }

    private static RunResult trainWithBar(Options o, String task, Training.Setup s, LabeledImages train,
                                             OptimizerChoice choice, float lr, LabeledImages test,
                                             Map<String, float[]> init) {
        int total = s.epochs() * ((train.size() + s.batch() - 1) / s.batch());
        if (!o.progress()) {
            return Training.train(choice, lr, s, train, test, init, Training.Progress.NONE);
        }
        if (System.console() == null) { // a log, not a terminal: no carriage returns, one line per epoch
            return Training.train(choice, lr, s, train, test, init, perEpochLines(task, s.epochs(), total, System.err));
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(String.format("%-16s", task)).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setMaxRenderedLength(100).build()) {
            RunResult r = Training.train(choice, lr, s, train, test, init, (step, loss) -> {
                bar.stepTo(step);
                bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.3f", loss));
            });
            bar.stepTo(total);
            return r;
        }
    }
}
