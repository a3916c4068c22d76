package dev.steepest.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.data.Datasets;
import dev.steepest.data.ImageDataset;
import dev.steepest.data.LabeledImages;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Presets;
import dev.steepest.optim.checkpoint.Checkpoint;
import java.nio.file.Path;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Training on a local Spark with two threads, against single-machine training written here. */
@Tag("slow")
class SparkTrainingTest {
    static final int TRAIN = 256;
    static final int BATCH = 64;
    static final long SEED = 7;
    static JavaSparkContext sc;
    static ImageDataset data;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(SparkMain.conf("local[2]"));
        sc.setLogLevel("OFF");
        data = Datasets.shipped();
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    static SparkTraining.Settings settings(int workers, String optimizer, double lr, int epochs, String mode, int h,
                                           String outer, String compress, Path checkpoint, Path resume) {
        return new SparkTraining.Settings("default", workers, optimizer, lr, BATCH, epochs, mode, h, outer, compress,
                checkpoint, 4, resume, SEED, TRAIN, 100);
    }

    static SparkTraining.Result sync(int workers, String optimizer, double lr, int epochs, String compress) {
        return SparkTraining.run(sc, settings(workers, optimizer, lr, epochs, "sync", 1, "average", compress, null, null),
                data, null);
    }

    /** Plain minibatch training on one machine: epoch e visits a seeded permutation of the examples in batches. */
    static float[][] singleMachine(String optimizer, double lr, int epochs, double[] lastEpochLoss) {
        LabeledImages train = data.train();
        float[][] v = Mlp.init(SEED);
        float[][] g = Mlp.zeros();
        Optimizer opt = Presets.get(optimizer, lr).build(Mlp.params(v, g));
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] perm = new int[TRAIN];
            for (int i = 0; i < TRAIN; i++) {
                perm[i] = i;
            }
            Random r = new Random(SEED * 1_000_003L + epoch);
            for (int i = TRAIN - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double sum = 0;
            int steps = 0;
            for (int from = 0; from < TRAIN; from += BATCH) {
                int to = Math.min(TRAIN, from + BATCH);
                for (float[] a : g) {
                    java.util.Arrays.fill(a, 0f);
                }
                double loss = Mlp.lossAndGradient(v, train.gather(perm, from, to), train.gatherLabels(perm, from, to),
                        to - from, g);
                float inv = 1f / (to - from);
                for (float[] a : g) {
                    for (int i = 0; i < a.length; i++) {
                        a[i] *= inv;
                    }
                }
                opt.step();
                sum += loss / (to - from);
                steps++;
            }
            lastEpochLoss[0] = sum / steps;
        }
        return v;
    }

    static double maxAbsDiff(float[][] a, float[][] b) {
        double m = 0;
        for (int t = 0; t < a.length; t++) {
            for (int i = 0; i < a[t].length; i++) {
                m = Math.max(m, Math.abs(a[t][i] - b[t][i]));
            }
        }
        return m;
    }

    @Test
    void oneWorkerWithoutCompressionIsSingleMachineTrainingBitForBit() {
        double[] loss = new double[1];
        float[][] reference = singleMachine("adamw", 1e-3, 2, loss);
        SparkTraining.Result r = sync(1, "adamw", 1e-3, 2, "none");
        assertEquals(8, r.steps());
        for (int t = 0; t < reference.length; t++) {
            assertArrayEquals(reference[t], r.parameters()[t], Mlp.NAMES.get(t));
        }
        assertEquals(loss[0], r.trainLoss(), 1e-12);
    }

    /**
     * Two workers sum their parts of each batch separately, so the float sums are taken in another
     * order: the parameters agree to 1e-5 (entries are ~0.1; one step's sum differs by a few float
     * ulps, and 8 steps of adamw do not amplify that beyond 1e-5) and the loss to 1e-5 relative.
     */
    @Test
    void twoWorkersWithoutCompressionMatchSingleMachineWithinFloatSummation() {
        double[] loss = new double[1];
        float[][] reference = singleMachine("adamw", 1e-3, 2, loss);
        SparkTraining.Result r = sync(2, "adamw", 1e-3, 2, "none");
        double diff = maxAbsDiff(reference, r.parameters());
        System.out.println("two workers vs one machine, 8 adamw steps: max |θ_spark − θ_single| = " + diff
                + ", train loss " + r.trainLoss() + " vs " + loss[0]);
        assertTrue(diff <= 1e-5, "max |θ_spark − θ_single| = " + diff);
        assertEquals(loss[0], r.trainLoss(), 1e-5 * loss[0]);
        assertTrue(r.trainLoss() < Math.log(10), "the model learns: " + r.trainLoss());
    }

    @Test
    void signSendsAtLeast25TimesFewerBytesAndLearns() {
        SparkTraining.Result none = sync(2, "sgd", 0.1, 1, "none");
        SparkTraining.Result sign = sync(2, "sgd", 0.1, 2, "sign");
        int p = Mlp.parameterCount();
        assertTrue(none.bytesPerWorkerPerStep() >= 4.0 * p, "dense payload " + none.bytesPerWorkerPerStep());
        assertTrue(sign.bytesPerWorkerPerStep() >= p / 8.0, "1 bit per entry at least: " + sign.bytesPerWorkerPerStep());
        assertTrue(none.bytesPerWorkerPerStep() >= 25 * sign.bytesPerWorkerPerStep(),
                none.bytesPerWorkerPerStep() + " vs " + sign.bytesPerWorkerPerStep());
        assertTrue(sign.curves().get(1).trainLoss() < sign.curves().get(0).trainLoss(), "sign learns: " + sign.curves());
    }

    @Test
    void signWithErrorFeedbackIsReproducibleAndKeepsItsResiduals() {
        SparkTraining.Result a = sync(2, "sgd", 0.1, 2, "sign-ef");
        SparkTraining.Result b = sync(2, "sgd", 0.1, 2, "sign-ef");
        assertEquals(0, a.stateResets());
        for (int t = 0; t < 4; t++) {
            assertArrayEquals(a.parameters()[t], b.parameters()[t]);
        }
        assertTrue(a.curves().get(1).trainLoss() < a.curves().get(0).trainLoss(), "sign-ef learns: " + a.curves());
    }

    @Test
    void errorFeedbackResidualIsWhatTheBitsDidNotSay() {
        Shard sh = Shard.load("default", TRAIN, 0, 1);
        float[][] p = Mlp.init(SEED);
        String run = "ef-test";
        float[][] residual = Mlp.zeros();
        for (long step = 0; step < 3; step++) {
            Contribution dense = Worker.syncStep(sh, p, SEED, BATCH, 1, (int) step, step, "none", run, null);
            Contribution c = Worker.syncStep(sh, p, SEED, BATCH, 1, (int) step, step, "sign-ef", run, null);
            Contribution again = Worker.syncStep(sh, p, SEED, BATCH, 1, (int) step, step, "sign-ef", run, null);
            WorkerState.Entry e = WorkerState.get(run + "-ef", 0);
            assertNotNull(e);
            float[][] next = (float[][]) e.after();
            for (int t = 0; t < 4; t++) {
                assertArrayEquals(c.bits()[t], again.bits()[t], "a rerun task sends the same bits");
                assertArrayEquals(next[t], Worker.carried(run, 0, "sign-ef", false).residual()[t], "the state sent for a checkpoint is the residual");
                int n = next[t].length;
                for (int i = 0; i < n; i++) {
                    float sent = c.scales()[t] / n * SignCodec.sign(c.bits()[t], i);
                    float wanted = dense.dense()[t][i] / dense.count() + residual[t][i];
                    assertEquals(wanted, sent + next[t][i], 1e-6f * (1 + Math.abs(wanted)), "step " + step + " tensor " + t);
                }
            }
            residual = next;
        }
        WorkerState.clear(run);
    }

    /**
     * Every mode and compression: a run of 8 steps writes checkpoints every 6 steps (in mode local,
     * with H = 2, the one after the round that ends at step 6); a run resumed from that checkpoint
     * ends with the same parameters, bit for bit, and the same curves (but for the seconds), with no
     * worker state restarted. Both runs' stray executor state is cleared by the runs themselves, so
     * the resumed run's workers have only what the checkpoint holds.
     */
    @ParameterizedTest
    @CsvSource({"sync,none", "sync,sign", "sync,sign-ef", "local,none", "local,sign", "local,sign-ef"})
    void resumedRunEqualsUninterruptedRun(String mode, String compress, @TempDir Path dir) {
        SparkTraining.Settings whole = new SparkTraining.Settings("default", 2, "adamw", 1e-3, BATCH, 2, mode, 2,
                "nesterov", compress, dir, 6, null, SEED, TRAIN, 100);
        SparkTraining.Result a = SparkTraining.run(sc, whole, data, null);
        assertEquals(8, a.steps());
        Checkpoint cp = Checkpoint.read(dir.resolve(SparkTraining.CHECKPOINT_FILE));
        assertEquals("6", cp.metadata().get("step"));
        SparkTraining.Settings resumed = new SparkTraining.Settings("default", 2, "adamw", 1e-3, BATCH, 2, mode, 2,
                "nesterov", compress, null, 6, dir, SEED, TRAIN, 100);
        SparkTraining.Result b = SparkTraining.run(sc, resumed, data, SparkTraining.readResume(resumed));
        assertEquals(a.steps(), b.steps());
        for (int t = 0; t < 4; t++) {
            assertArrayEquals(a.parameters()[t], b.parameters()[t], mode + " " + compress + " " + Mlp.NAMES.get(t));
        }
        assertEquals(0, a.stateResets());
        assertEquals(0, b.stateResets());
        assertEquals(a.curves(), b.curves().stream().map(p -> new SparkTraining.EpochPoint(p.epoch(), p.step(),
                p.trainLoss(), p.testLoss(), p.testAccuracy(), a.curves().get(p.epoch() - 1).seconds())).toList());
        assertEquals(a.trainLoss(), b.trainLoss());
    }

    /** A stopped run continued with a larger --epochs, as before; and a checkpoint of another run is refused. */
    @Test
    void aStoppedRunContinuesWithMoreEpochs(@TempDir Path dir) {
        SparkTraining.Result whole = SparkTraining.run(sc,
                settings(2, "adamw", 1e-3, 2, "sync", 1, "average", "sign-ef", null, null), data, null);
        SparkTraining.run(sc, settings(2, "adamw", 1e-3, 1, "sync", 1, "average", "sign-ef", dir, null), data, null);
        SparkTraining.Settings resumed = settings(2, "adamw", 1e-3, 2, "sync", 1, "average", "sign-ef", null, dir);
        SparkTraining.Result r = SparkTraining.run(sc, resumed, data, SparkTraining.readResume(resumed));
        assertEquals(whole.steps(), r.steps());
        for (int t = 0; t < 4; t++) {
            assertArrayEquals(whole.parameters()[t], r.parameters()[t], Mlp.NAMES.get(t));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTraining.readResume(
                settings(2, "adamw", 1e-3, 2, "sync", 1, "average", "none", null, dir)));
        assertTrue(e.getMessage().contains("compress"), e.getMessage());
    }

    /** A checkpoint without the workers' state (as written before it was saved) cannot continue sign-ef or local. */
    @ParameterizedTest
    @CsvSource({"sync,sign-ef,residual", "local,none,inner", "local,sign-ef,residual"})
    void aCheckpointWithoutWorkerStateIsRefused(String mode, String compress, String missing, @TempDir Path dir) {
        SparkTraining.Settings s = new SparkTraining.Settings("default", 2, "sgd", 0.1, BATCH, 1, mode, 2, "average",
                compress, dir, 4, null, SEED, TRAIN, 100);
        SparkTraining.run(sc, s, data, null);
        Path file = dir.resolve(SparkTraining.CHECKPOINT_FILE);
        stripWorkerState(file);
        SparkTraining.Settings resumed = new SparkTraining.Settings("default", 2, "sgd", 0.1, BATCH, 2, mode, 2,
                "average", compress, null, 4, dir, SEED, TRAIN, 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkTraining.readResume(resumed));
        assertTrue(e.getMessage().contains(missing.equals("inner") ? "inner optimizer state" : "residual"),
                e.getMessage());
    }

    /** Rewrites {@code file} as the format before worker state: the driver's entries and the run's metadata only. */
    static void stripWorkerState(Path file) {
        Checkpoint cp = Checkpoint.read(file);
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(cp.metadata());
        meta.keySet().removeIf(k -> k.equals("workerState") || k.startsWith("worker/"));
        new Checkpoint(cp.config(), cp.step(), cp.skipped(),
                cp.entries().stream().filter(e -> !e.name().startsWith("worker/")).toList(), meta).write(file);
    }

    /**
     * With one worker and the plain average as outer step, local mode is the worker's own training
     * whatever H is: the inner optimizer's state must survive from one job to the next.
     */
    @Test
    void localStepsWithOneWorkerDoNotDependOnH() {
        float[][] h1 = SparkTraining.run(sc, settings(1, "adamw", 1e-3, 2, "local", 1, "average", "none", null, null),
                data, null).parameters();
        SparkTraining.Result h3 = SparkTraining.run(sc,
                settings(1, "adamw", 1e-3, 2, "local", 3, "average", "none", null, null), data, null);
        assertEquals(0, h3.stateResets());
        double diff = maxAbsDiff(h1, h3.parameters());
        assertTrue(diff < 1e-5, "H=1 vs H=3: " + diff);
        assertTrue(maxAbsDiff(h1, Mlp.init(SEED)) > 1e-3, "it trained");
    }

    @Test
    void localStepsWithTwoWorkersLearnAndSendOncePerRound() {
        SparkTraining.Result r = SparkTraining.run(sc,
                settings(2, "sgd", 0.1, 2, "local", 3, "nesterov", "none", null, null), data, null);
        assertEquals(8, r.steps());
        assertTrue(r.bytesPerWorkerPerStep() < 4.0 * Mlp.parameterCount() / 2, "one dense payload per 3 steps: "
                + r.bytesPerWorkerPerStep());
        assertTrue(r.curves().get(1).trainLoss() < r.curves().get(0).trainLoss(), r.curves().toString());
    }
}
