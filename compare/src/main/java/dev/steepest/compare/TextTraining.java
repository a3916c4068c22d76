package dev.steepest.compare;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import dev.steepest.optim.qkclip.QkClip;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.steepest.compare.RunResult.EpochPoint;
import dev.steepest.compare.RunResult.LocalLinearPoint;
import dev.steepest.compare.RunResult.StepPoint;
import dev.steepest.data.TextCorpus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Training runs of the character-level transformer {@link Gpt}: a fixed number of steps, each on {@code batch}
 * windows of {@code context + 1} characters drawn at random positions of the training text (seeded), evaluated
 * every {@code evalEvery} steps on fixed, non-overlapping windows of the held-out text: mean cross-entropy per
 * predicted character in nats (and bits per character = nats / ln 2) and next-character accuracy.
 */
public final class TextTraining {
    private static final int EVAL_BATCH = 32;

    private TextTraining() {
    }

    /**
     * How to train.
     *
     * @param config the model's sizes
     * @param steps optimizer steps
     * @param batch windows per step
     * @param evalEvery evaluate every this many steps (and after the last)
     * @param evalWindows at most this many held-out windows per evaluation
     * @param seed seeds the initialization and the windows drawn
     * @param localLinearEvery sample the local-linear check every this many steps (0: never)
     * @param qkClip QK-clip's τ applied after every step ({@link QkClip}), or 0 for none
     */
    public record Setup(Gpt.Config config, int steps, int batch, int evalEvery, int evalWindows, long seed,
                        int localLinearEvery, double qkClip) {
        public Setup {
            if (steps < 1 || batch < 1 || evalEvery < 1 || evalWindows < 1) {
                throw new IllegalArgumentException("steps, batch, evaluation interval and windows must be at least 1");
            }
            if (!(qkClip >= 0) || Double.isInfinite(qkClip)) {
                throw new IllegalArgumentException("--qk-clip must be a positive finite τ, got " + qkClip);
            }
        }

        /** Without QK-clip. */
        public Setup(Gpt.Config config, int steps, int batch, int evalEvery, int evalWindows, long seed,
                     int localLinearEvery) {
            this(config, steps, batch, evalEvery, evalWindows, seed, localLinearEvery, 0);
        }

        /** The same setup with another seed. */
        public Setup withSeed(long s) {
            return new Setup(config, steps, batch, evalEvery, evalWindows, s, localLinearEvery, qkClip);
        }

        /** The same setup with {@code n} steps and no local-linear sampling (for the sweep). */
        public Setup withSteps(int n) {
            return new Setup(config, n, batch, Math.min(evalEvery, n), evalWindows, seed, 0, qkClip);
        }
    }

    /** The starting weights for the seed of {@code setup}: every run of that seed starts from these. */
    public static Map<String, float[]> initialWeights(Setup setup) {
        Engine.getInstance().setRandomSeed((int) setup.seed());
        try (Model model = Model.newInstance("init")) {
            Gpt block = new Gpt(setup.config());
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, setup.config().context()));
            Map<String, float[]> w = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                w.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
            return w;
        }
    }

    /** Trains a fresh model from {@code init} with {@code choice} at {@code lr} on {@code text}'s training part. */
    public static RunResult train(OptimizerChoice choice, float lr, Setup setup, TextCorpus text,
                                  Map<String, float[]> init, Training.Progress progress) {
        int need = setup.config().context() + 1;
        if (text.train().length < need || text.validation().length < need) {
            throw new IllegalArgumentException("the text is shorter than one window of " + need + " characters");
        }
        try (Model model = Model.newInstance(choice.name())) {
            Gpt block = new Gpt(setup.config());
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(choice.create(lr, block));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, setup.config().context()));
                for (Pair<String, Parameter> p : block.getParameters()) {
                    float[] w = init.get(p.getKey());
                    if (w == null) {
                        throw new IllegalStateException("no initial value for parameter " + p.getKey());
                    }
                    p.getValue().getArray().set(w);
                }
                return loop(choice.name(), lr, setup, trainer, block, text, progress);
            }
        }
    }

    private static RunResult loop(String name, float lr, Setup setup, Trainer trainer, Gpt block, TextCorpus text,
                                  Training.Progress progress) {
        NDManager manager = trainer.getManager();
        List<EpochPoint> evals = new ArrayList<>();
        List<StepPoint> steps = new ArrayList<>();
        List<LocalLinearPoint> checks = new ArrayList<>();
        RunResult.Spectrum spectrum = null;
        Random windows = new Random(setup.seed() * 1_000_003L + 7);
        int t = setup.config().context();
        long trainNanos = 0;
        long optimizerNanos = 0;
        double sum = 0;
        int count = 0;
        double lastTrain = Double.NaN;
        double[] last = {Double.NaN, 0};
        boolean diverged = false;
        block.recordLogits(setup.qkClip() > 0);
        for (int step = 1; step <= setup.steps() && !diverged; step++) {
            int[] starts = new int[setup.batch()];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = windows.nextInt(text.train().length - t);
            }
            long t0 = System.nanoTime();
            try (NDManager bm = manager.newSubManager()) {
                NDArray x = inputs(bm, text.train(), starts, t);
                NDArray y = targets(bm, text.train(), starts, t);
                float loss;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList pred = trainer.forward(new NDList(x));
                    NDArray l = trainer.getLoss().evaluate(new NDList(y), pred);
                    gc.backward(l);
                    loss = l.getFloat();
                }
                if (!Float.isFinite(loss)) {
                    diverged = true;
                    trainNanos += System.nanoTime() - t0;
                    break;
                }
                trainNanos += System.nanoTime() - t0;
                Training.Checked c = Training.step(step, setup.localLinearEvery(), trainer, block, bm, x, y, loss,
                        spectrum == null);
                if (c == null) {
                    diverged = true;
                    break;
                }
                if (c.point() != null) {
                    checks.add(c.point());
                }
                if (c.spectrum() != null) {
                    spectrum = c.spectrum();
                }
                optimizerNanos += c.stepNanos();
                trainNanos += c.stepNanos();
                if (setup.qkClip() > 0) {
                    block.qkClip(setup.qkClip());
                }
                sum += loss;
                count++;
                steps.add(new StepPoint(step, trainNanos / 1e9, loss));
                progress.step(step, loss);
            }
            if (step % setup.evalEvery() == 0 || step == setup.steps()) {
                lastTrain = sum / count;
                sum = 0;
                count = 0;
                last = evaluate(trainer, text.validation(), t, setup.evalWindows());
                evals.add(new EpochPoint(evals.size() + 1, step, trainNanos / 1e9, lastTrain, last[0], last[1],
                        last[0], last[1]));
            }
        }
        if (diverged) {
            last = new double[] {Double.NaN, 0};
            evals.add(new EpochPoint(evals.size() + 1, steps.size() + 1, trainNanos / 1e9, Double.NaN, Double.NaN, 0,
                    Double.NaN, 0));
        }
        return new RunResult(name, lr, List.of(), last[1], last[1], lastTrain, trainNanos / 1e9, optimizerNanos / 1e9,
                evals, steps, checks, diverged, setup.seed(), last[0], last[0], last[1], spectrum);
    }

    /** Held-out loss (nats per character) and next-character accuracy on up to {@code maxWindows} windows. */
    static double[] evaluate(Trainer trainer, int[] text, int t, int maxWindows) {
        int n = Math.min(maxWindows, (text.length - 1) / t);
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = i * t;
        }
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += EVAL_BATCH) {
            int to = Math.min(n, from + EVAL_BATCH);
            int[] part = java.util.Arrays.copyOfRange(starts, from, to);
            try (NDManager bm = trainer.getManager().newSubManager()) {
                NDArray x = inputs(bm, text, part, t);
                NDArray y = targets(bm, text, part, t);
                NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
                lossSum += trainer.getLoss().evaluate(new NDList(y), new NDList(logits)).getFloat() * (double) (to - from);
                correct += logits.argMax(1).toType(DataType.FLOAT32, false).eq(y).sum().getLong();
            }
        }
        return new double[] {lossSum / n, (double) correct / ((long) n * t)};
    }

    /** Token ids text[s .. s+t) for each start s, shape (B, t), INT64. */
    static NDArray inputs(NDManager m, int[] text, int[] starts, int t) {
        long[] ids = new long[starts.length * t];
        for (int b = 0; b < starts.length; b++) {
            for (int i = 0; i < t; i++) {
                ids[b * t + i] = text[starts[b] + i];
            }
        }
        return m.create(ids, new Shape(starts.length, t));
    }

    /** The next characters text[s+1 .. s+t] for each start s, flattened to (B·t), as the loss wants them. */
    static NDArray targets(NDManager m, int[] text, int[] starts, int t) {
        float[] y = new float[starts.length * t];
        for (int b = 0; b < starts.length; b++) {
            for (int i = 0; i < t; i++) {
                y[b * t + i] = text[starts[b] + i + 1];
            }
        }
        return m.create(y, new Shape(y.length));
    }
}
