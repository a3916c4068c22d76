package dev.steepest.compare;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.steepest.compare.RunResult.EpochPoint;
import dev.steepest.compare.RunResult.LocalLinearPoint;
import dev.steepest.compare.RunResult.StepPoint;
import dev.steepest.data.LabeledImages;
import dev.steepest.optim.NonFiniteGradientException;
import dev.steepest.optim.NonFiniteParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training run of one optimizer, written the way DJL's examples write a loop
 * (a {@link Trainer} from a {@link DefaultTrainingConfig}, a gradient collector, {@code trainer.step()}),
 * plus the bookkeeping a comparison needs: identical starting weights, a seeded batch order,
 * the time spent in the optimizer step, and sampled local-linear checks.
 */
public final class Training {
    private static final int EVAL_BATCH = 1000;

    /**
     * How to train.
     *
     * @param model {@code mlp} or {@code cnn} ({@code gpt} trains through {@link TextTraining})
     * @param epochs passes over the training set
     * @param batch batch size
     * @param seed seeds the initialization and the batch order
     * @param localLinearEvery sample the local-linear check every this many steps (0: never)
     */
    public record Setup(String model, int epochs, int batch, long seed, int localLinearEvery) {
        public Setup {
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
            }
            if (batch < 1) {
                throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
            }
            if (!Models.IMAGE.contains(model)) {
                Models.create(model, 2); // an unknown name: the error lists the models
                throw new IllegalArgumentException("--model " + model + " trains on text, not images");
            }
        }
    }

    /** Progress of a run: called once per step with (step, current loss). */
    public interface Progress {
        void step(int step, double loss);

        Progress NONE = (s, l) -> { };
    }

    private Training() {
    }

    /** The starting weights for {@code setup}'s model, drawn from its seed: every run starts from these. */
    public static Map<String, float[]> initialWeights(Setup setup, LabeledImages data) {
        Engine.getInstance().setRandomSeed((int) setup.seed());
        try (Model model = Model.newInstance("init")) {
            Block block = Models.create(setup.model(), data.classes());
            model.setBlock(block);
            block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                    Models.inputShape(setup.model(), 1, data.rows(), data.cols()));
            Map<String, float[]> w = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                w.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
            return w;
        }
    }

    /**
     * Trains a fresh model from {@code init} with {@code choice} at {@code lr} on {@code train}; after every epoch
     * evaluates on the held-out {@code val} (which chooses the best epoch) and on {@code test}.
     */
    public static RunResult train(OptimizerChoice choice, float lr, Setup setup, LabeledImages train, LabeledImages val,
                                  LabeledImages test, Map<String, float[]> init, Progress progress) {
        try (Model model = Model.newInstance(choice.name())) {
            Block block = Models.create(setup.model(), train.classes());
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(choice.create(lr, block));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(Models.inputShape(setup.model(), 1, train.rows(), train.cols()));
                for (Pair<String, Parameter> p : block.getParameters()) {
                    float[] w = init.get(p.getKey());
                    if (w == null) {
                        throw new IllegalStateException("no initial value for parameter " + p.getKey());
                    }
                    p.getValue().getArray().set(w);
                }
                return loop(choice.name(), lr, setup, trainer, block, train, val, test, progress);
            }
        }
    }

    private static RunResult loop(String name, float lr, Setup setup, Trainer trainer, Block block,
                                  LabeledImages train, LabeledImages val, LabeledImages test, Progress progress) {
        NDManager manager = trainer.getManager();
        List<EpochPoint> epochs = new ArrayList<>();
        List<StepPoint> steps = new ArrayList<>();
        List<LocalLinearPoint> checks = new ArrayList<>();
        RunResult.Spectrum spectrum = null;
        long trainNanos = 0;
        long optimizerNanos = 0;
        int step = 0;
        double bestVal = -1;
        double best = 0;
        double lastAcc = 0;
        double[] lastTest = {Double.NaN, 0};
        double[] lastVal = {Double.NaN, 0};
        double lastTrainLoss = Double.NaN;
        boolean diverged = false;
        int n = train.size();
        int perEpoch = (n + setup.batch() - 1) / setup.batch();
        for (int epoch = 1; epoch <= setup.epochs() && !diverged; epoch++) {
            int[] order = dev.steepest.data.EpochOrder.shuffled(n, setup.seed() * 1_000_003L + epoch);
            double sum = 0;
            int count = 0;
            for (int b = 0; b < perEpoch; b++) {
                int from = b * setup.batch();
                int to = Math.min(n, from + setup.batch());
                long t0 = System.nanoTime();
                try (NDManager bm = manager.newSubManager()) {
                    NDArray x = LabeledBatches.images(bm, train, order, from, to, setup.model());
                    NDArray y = LabeledBatches.labels(bm, train, order, from, to);
                    float loss;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDList pred = trainer.forward(new NDList(x));
                        NDArray l = trainer.getLoss().evaluate(new NDList(y), pred);
                        gc.backward(l);
                        loss = l.getFloat();
                    }
                    step++;
                    if (!Float.isFinite(loss)) {
                        diverged = true;
                        trainNanos += System.nanoTime() - t0;
                        break;
                    }
                    trainNanos += System.nanoTime() - t0;
                    Checked c = step(step, setup.localLinearEvery(), trainer, block, bm, x, y, loss, spectrum == null);
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
                    sum += loss;
                    count++;
                    steps.add(new StepPoint(step, trainNanos / 1e9, loss));
                    progress.step(step, loss);
                }
            }
            lastTrainLoss = count > 0 ? sum / count : Double.NaN;
            lastTest = diverged ? new double[] {Double.NaN, 0} : evaluate(trainer, test, setup.model());
            lastVal = diverged ? new double[] {Double.NaN, 0} : evaluate(trainer, val, setup.model());
            lastAcc = lastTest[1];
            if (lastVal[1] > bestVal) {
                bestVal = lastVal[1];
                best = lastAcc;
            }
            epochs.add(new EpochPoint(epoch, step, trainNanos / 1e9, lastTrainLoss, lastTest[0], lastTest[1],
                    lastVal[0], lastVal[1]));
        }
        return new RunResult(name, lr, List.of(), lastAcc, best, lastTrainLoss, trainNanos / 1e9,
                optimizerNanos / 1e9, epochs, steps, checks, diverged, setup.seed(), lastTest[0], lastVal[0], lastVal[1], spectrum);
    }

    /** A step: its local-linear point and spectrum when it was checked (else null), and the optimizer's time. */
    record Checked(LocalLinearPoint point, long stepNanos, RunResult.Spectrum spectrum) {
    }

    /**
     * The optimizer step of one batch, checked against the local linear model every {@code checkEvery} steps
     * (0: never); null when the optimizer refused the gradient or its update overflowed (the run diverged).
     */
    static Checked step(int step, int checkEvery, Trainer trainer, Block block, NDManager bm, NDArray x, NDArray y,
                        float loss, boolean wantSpectrum) {
        try {
            if (checkEvery > 0 && step % checkEvery == 0) {
                return stepWithCheck(step, trainer, block, bm, x, y, loss, wantSpectrum);
            }
            long s0 = System.nanoTime();
            trainer.step();
            return new Checked(null, System.nanoTime() - s0, null);
        } catch (NonFiniteGradientException | NonFiniteParameterException e) {
            return null;
        }
    }

    /** Takes the step, timing only {@code trainer.step()}, and measures ⟨g,u⟩ against L(θ+u) − L(θ). */
    static Checked stepWithCheck(int step, Trainer trainer, Block block, NDManager bm,
                                                  NDArray x, NDArray y, float lossBefore, boolean wantSpectrum) {
        List<NDArray> w0 = new ArrayList<>();
        List<NDArray> g = new ArrayList<>();
        List<NDArray> now = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            now.add(a);
            NDArray c = a.duplicate();
            c.attach(bm);
            w0.add(c);
            NDArray grad = a.getGradient();
            grad.attach(bm);
            NDArray gc = grad.duplicate();
            gc.attach(bm);
            g.add(gc);
        }
        long s0 = System.nanoTime();
        trainer.step();
        long stepNanos = System.nanoTime() - s0;
        double predicted = 0;
        for (int i = 0; i < now.size(); i++) {
            NDArray u = now.get(i).sub(w0.get(i));
            u.attach(bm);
            NDArray gu = g.get(i).mul(u).sum();
            gu.attach(bm);
            predicted += gu.getFloat();
        }
        NDList pred = trainer.evaluate(new NDList(x));
        NDArray l = trainer.getLoss().evaluate(new NDList(y), pred);
        double observed = l.getFloat() - lossBefore;
        RunResult.Spectrum spectrum = null;
        if (wantSpectrum) {
            int i = 0;
            Map<String, String> names = dev.steepest.djl.ParameterNames.of(block);
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray a = now.get(i);
                String name = names.getOrDefault(p.getValue().getId(), p.getKey());
                if (a.getShape().dimension() == 2 && !name.startsWith(dev.steepest.djl.ParameterNames.OUTPUT_PREFIX)
                        && dev.steepest.optim.Role.of(dev.steepest.optim.Param.of(name, new float[(int) a.size()],
                        (int) a.getShape().get(0), (int) a.getShape().get(1))) == dev.steepest.optim.Role.HIDDEN) {
                    NDArray u = a.sub(w0.get(i));
                    u.attach(bm);
                    spectrum = new RunResult.Spectrum(step, p.getKey(), singularValues(g.get(i)), singularValues(u));
                    break;
                }
                i++;
            }
        }
        return new Checked(new LocalLinearPoint(step, predicted, observed), stepNanos, spectrum);
    }

    /** Singular values, descending, of a 2-D array. */
    static double[] singularValues(NDArray m) {
        int rows = (int) m.getShape().get(0);
        int cols = (int) m.getShape().get(1);
        dev.steepest.core.linalg.ExactPolar svd = new dev.steepest.core.linalg.ExactPolar(rows, cols,
                dev.steepest.core.linalg.Blas.get());
        svd.decompose(m.toFloatArray());
        float[] s = svd.singularValues();
        double[] out = new double[Math.min(rows, cols)];
        for (int k = 0; k < out.length; k++) {
            out[k] = s[k];
        }
        return out;
    }

    /** Loss and accuracy on {@code test} (the test set or the held-out split). */
    static double[] evaluate(Trainer trainer, LabeledImages test, String model) {
        NDManager manager = trainer.getManager();
        int[] idx = LabeledBatches.identity(test.size());
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < test.size(); from += EVAL_BATCH) {
            int to = Math.min(test.size(), from + EVAL_BATCH);
            try (NDManager bm = manager.newSubManager()) {
                NDArray x = LabeledBatches.images(bm, test, idx, from, to, model);
                NDArray y = LabeledBatches.labels(bm, test, idx, from, to);
                NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
                lossSum += trainer.getLoss().evaluate(new NDList(y), new NDList(logits)).getFloat() * (to - from);
                correct += logits.argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .eq(y).sum().getLong();
            }
        }
        return new double[] {lossSum / test.size(), (double) correct / test.size()};
    }
}
