package dev.steepest.compare;

import dev.steepest.data.ImageDataset;
import dev.steepest.data.LabeledImages;
import dev.steepest.data.TextCorpus;
import dev.steepest.djl.DjlEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Trains one model with several optimizers from the same initial weights and the same batch
 * order, optionally choosing each optimizer's learning rate first on a held-out split, and repeats
 * each run with several seeds (seed s, s+1, …: each seed draws its own initialization and batch order,
 * shared by every optimizer).
 *
 * <p>Image models train on the first 90% of the training set; the last 10% is held out: the sweep's
 * learning rate and each run's best epoch are chosen on it, never on the test set. {@code gpt} trains on
 * the training part of the text; the sweep holds out the last 10% of that part, so the validation text
 * that scores the runs decides nothing.
 */
public final class Comparison {
    /** The share of the training set held out for choices (learning rate, best epoch). */
    public static final double HELD_OUT = 0.1;
    /** The most seeds one comparison runs. */
    public static final int MAX_SEEDS = 100;

    private Comparison() {
    }

    /**
     * What to compare.
     *
     * @param setup model, epochs, batch, seed, local-linear sampling (image models)
     * @param optimizers names from {@link OptimizerCatalog}
     * @param lrSweep choose each learning rate from its grid on a held-out split first
     * @param sweepEpochs epochs per sweep run (image models)
     * @param progress draw a progress bar on stderr
     * @param seeds runs per optimizer, seeds setup.seed() … setup.seed() + seeds − 1
     * @param schedule the learning-rate schedule ({@link OptimizerChoice#SCHEDULES})
     * @param presetOptions per optimizer name, its preset options (see {@link OptimizerCatalog#get(String, String, Map)})
     */
    public record Options(Training.Setup setup, List<String> optimizers, boolean lrSweep, int sweepEpochs,
                          boolean progress, int seeds, String schedule, Map<String, Map<String, String>> presetOptions) {
        public Options {
            presetOptions = Map.copyOf(presetOptions);
            checkCommon(optimizers, seeds, schedule, setup.model(), presetOptions);
            if (sweepEpochs < 1) {
                throw new IllegalArgumentException("sweep epochs must be at least 1, got " + sweepEpochs);
            }
        }

        /** One seed, constant learning rates, no preset options. */
        public Options(Training.Setup setup, List<String> optimizers, boolean lrSweep, int sweepEpochs, boolean progress) {
            this(setup, optimizers, lrSweep, sweepEpochs, progress, 1, "constant", Map.of());
        }

        /** Constant learning rates, no preset options. */
        public Options(Training.Setup setup, List<String> optimizers, boolean lrSweep, int sweepEpochs, boolean progress,
                       int seeds) {
            this(setup, optimizers, lrSweep, sweepEpochs, progress, seeds, "constant", Map.of());
        }

        /** No preset options. */
        public Options(Training.Setup setup, List<String> optimizers, boolean lrSweep, int sweepEpochs, boolean progress,
                       int seeds, String schedule) {
            this(setup, optimizers, lrSweep, sweepEpochs, progress, seeds, schedule, Map.of());
        }
    }

    /**
     * What to compare on text ({@code gpt}).
     *
     * @param setup model sizes, steps, batch, evaluation, seed
     * @param optimizers names from {@link OptimizerCatalog}
     * @param lrSweep choose each learning rate from its grid on a held-out split of the training text first
     * @param sweepSteps steps per sweep run
     * @param progress draw a progress bar on stderr
     * @param seeds runs per optimizer
     */
    public record TextOptions(TextTraining.Setup setup, List<String> optimizers, boolean lrSweep, int sweepSteps,
                              boolean progress, int seeds, String schedule, Map<String, Map<String, String>> presetOptions) {
        public TextOptions {
            presetOptions = Map.copyOf(presetOptions);
            checkCommon(optimizers, seeds, schedule, "gpt", presetOptions);
            if (sweepSteps < 1) {
                throw new IllegalArgumentException("sweep steps must be at least 1, got " + sweepSteps);
            }
        }

        /** Constant learning rates, no preset options. */
        public TextOptions(TextTraining.Setup setup, List<String> optimizers, boolean lrSweep, int sweepSteps,
                           boolean progress, int seeds) {
            this(setup, optimizers, lrSweep, sweepSteps, progress, seeds, "constant", Map.of());
        }

        /** No preset options. */
        public TextOptions(TextTraining.Setup setup, List<String> optimizers, boolean lrSweep, int sweepSteps,
                           boolean progress, int seeds, String schedule) {
            this(setup, optimizers, lrSweep, sweepSteps, progress, seeds, schedule, Map.of());
        }
    }

    private static void checkCommon(List<String> optimizers, int seeds, String schedule, String model,
                                    Map<String, Map<String, String>> presetOptions) {
        if (optimizers.isEmpty()) {
            throw new IllegalArgumentException("--optimizers needs at least one name");
        }
        for (String name : presetOptions.keySet()) {
            if (!optimizers.contains(name)) {
                throw new IllegalArgumentException("options are given for '" + name
                        + "', which is not among the optimizers compared");
            }
        }
        optimizers.forEach(name -> OptimizerCatalog.get(name, model, presetOptions.get(name)).withSchedule(schedule, 1));
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw new IllegalArgumentException("--seeds must be between 1 and " + MAX_SEEDS + ", got " + seeds);
        }
    }

    /** How one kind of model is trained: the pieces the seed and sweep loops need. */
    private interface Runner {
        /** One run of {@code choice} at {@code lr} with {@code seed} on the real split. */
        RunResult run(OptimizerChoice choice, float lr, long seed, Training.Progress progress);

        /** One sweep run on the held-out split with the first seed. */
        RunResult sweepRun(OptimizerChoice choice, float lr, Training.Progress progress);

        int steps(boolean sweep);

        /** The sweep point of a sweep run. */
        RunResult.SweepPoint point(float lr, RunResult r);
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

    /** Runs the comparison on images; for each optimizer in the order given, one result per seed. */
    public static List<RunResult> run(ImageDataset data, Options o) {
        DjlEnvironment.configureOffline();
        Training.Setup setup = o.setup();
        LabeledImages train = data.train();
        int hold = Math.max(1, (int) Math.round(train.size() * HELD_OUT));
        LabeledImages fit = train.range(0, train.size() - hold);
        LabeledImages val = train.range(train.size() - hold, train.size());
        Training.Setup sweepSetup = new Training.Setup(setup.model(), o.sweepEpochs(), setup.batch(), setup.seed(), 0);
        Map<Long, Map<String, float[]>> inits = new HashMap<>();
        Runner runner = new Runner() {
            @Override
            public RunResult run(OptimizerChoice choice, float lr, long seed, Training.Progress p) {
                Training.Setup s = new Training.Setup(setup.model(), setup.epochs(), setup.batch(), seed,
                        setup.localLinearEvery());
                Map<String, float[]> init = inits.computeIfAbsent(seed, k -> Training.initialWeights(s, fit));
                return Training.train(choice, lr, s, fit, val, data.test(), init, p);
            }

            @Override
            public RunResult sweepRun(OptimizerChoice choice, float lr, Training.Progress p) {
                Map<String, float[]> init = inits.computeIfAbsent(setup.seed(), k -> Training.initialWeights(sweepSetup, fit));
                return Training.train(choice, lr, sweepSetup, fit, val, val, init, p);
            }

            @Override
            public int steps(boolean sweep) {
                return (sweep ? o.sweepEpochs() : setup.epochs()) * ((fit.size() + setup.batch() - 1) / setup.batch());
            }

            @Override
            public RunResult.SweepPoint point(float lr, RunResult r) {
                return new RunResult.SweepPoint(lr, r.diverged() ? 0 : r.valAccuracy(), r.valLoss(), r.diverged());
            }
        };
        return loop(runner, o.optimizers(), o.lrSweep(), setup.seed(), o.seeds(), o.progress(), false, setup.model(),
                o.schedule(), o.presetOptions(), setup.epochs());
    }

    /** Runs the comparison on text with {@link Gpt}; for each optimizer in the order given, one result per seed. */
    public static List<RunResult> run(TextCorpus text, TextOptions o) {
        DjlEnvironment.configureOffline();
        TextTraining.Setup setup = o.setup();
        TextCorpus sweepText = text.holdOut(HELD_OUT);
        TextTraining.Setup sweepSetup = setup.withSteps(o.sweepSteps());
        Map<Long, Map<String, float[]>> inits = new HashMap<>();
        Runner runner = new Runner() {
            @Override
            public RunResult run(OptimizerChoice choice, float lr, long seed, Training.Progress p) {
                TextTraining.Setup s = setup.withSeed(seed);
                Map<String, float[]> init = inits.computeIfAbsent(seed, k -> TextTraining.initialWeights(s));
                return TextTraining.train(choice, lr, s, text, init, p);
            }

            @Override
            public RunResult sweepRun(OptimizerChoice choice, float lr, Training.Progress p) {
                Map<String, float[]> init = inits.computeIfAbsent(setup.seed(), k -> TextTraining.initialWeights(setup));
                return TextTraining.train(choice, lr, sweepSetup, sweepText, init, p);
            }

            @Override
            public int steps(boolean sweep) {
                return sweep ? o.sweepSteps() : setup.steps();
            }

            @Override
            public RunResult.SweepPoint point(float lr, RunResult r) {
                return new RunResult.SweepPoint(lr, r.valAccuracy(), r.diverged() ? Double.NaN : r.valLoss(), r.diverged());
            }
        };
        return loop(runner, o.optimizers(), o.lrSweep(), setup.seed(), o.seeds(), o.progress(), true, "gpt", o.schedule(),
                o.presetOptions(), 10);
    }

    private static List<RunResult> loop(Runner runner, List<String> optimizers, boolean lrSweep, long seed, int seeds,
                                        boolean progress, boolean byLoss, String model, String schedule,
                                        Map<String, Map<String, String>> presetOptions, int lines) {
        List<RunResult> out = new ArrayList<>();
        for (String name : optimizers) {
            OptimizerChoice base = OptimizerCatalog.get(name, model, presetOptions.get(name));
            OptimizerChoice sweepChoice = base.withSchedule(schedule, runner.steps(true));
            OptimizerChoice choice = base.withSchedule(schedule, runner.steps(false));
            float lr = choice.learningRate();
            List<RunResult.SweepPoint> sweep = List.of();
            if (lrSweep) {
                List<RunResult.SweepPoint> points = new ArrayList<>();
                for (float rate : choice.sweep()) {
                    RunResult r = withBar(progress, name + " lr=" + rate, runner.steps(true), lines,
                            p -> runner.sweepRun(sweepChoice, rate, p));
                    points.add(runner.point(rate, r));
                }
                sweep = points;
                lr = byLoss ? bestByLoss(sweep, lr) : best(sweep, lr);
            }
            float chosen = lr;
            for (int k = 0; k < seeds; k++) {
                long s = seed + k;
                String task = seeds > 1 ? name + " seed " + s : name;
                RunResult r = withBar(progress, task, runner.steps(false), lines, p -> runner.run(choice, chosen, s, p));
                out.add(r.withSweep(sweep));
            }
        }
        return out;
    }

    /** The learning rate with the best held-out accuracy among those that did not diverge. */
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

    /** The learning rate with the lowest held-out loss among those that did not diverge. */
    static float bestByLoss(List<RunResult.SweepPoint> points, float fallback) {
        double bestLoss = Double.POSITIVE_INFINITY;
        float lr = fallback;
        for (RunResult.SweepPoint p : points) {
            if (!p.diverged() && Double.isFinite(p.validationLoss()) && p.validationLoss() < bestLoss) {
                bestLoss = p.validationLoss();
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

    private interface Job {
        RunResult run(Training.Progress p);
    }

    private static RunResult withBar(boolean progress, String task, int total, int lines, Job job) {
        if (!progress) {
            return job.run(Training.Progress.NONE);
        }
        if (System.console() == null) { // a log, not a terminal: no carriage returns, one line per epoch
            return job.run(perEpochLines(task, lines, total, System.err));
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(String.format("%-16s", task)).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setMaxRenderedLength(100).build()) {
            RunResult r = job.run((step, loss) -> {
                bar.stepTo(step);
                bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.3f", loss));
            });
            bar.stepTo(total);
            return r;
        }
    }
}
