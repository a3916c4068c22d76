package dev.steepest.spark;

import dev.steepest.data.ImageDataset;
import dev.steepest.data.LabeledImages;
import dev.steepest.optim.Chain;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerSpec;
import dev.steepest.optim.Presets;
import dev.steepest.optim.Rule;
import dev.steepest.optim.checkpoint.Checkpoint;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.stage.momentum.Momentum;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Data-parallel training of {@link Mlp} on Spark. The driver holds the model and the optimizer;
 * the training set is an RDD of {@link Shard}s, one per worker, each read by its worker.
 *
 * <ul>
 *   <li>{@code sync}: one job per step. Every worker computes the gradient of its part of the
 *       global batch; the driver combines them and takes one optimizer step.</li>
 *   <li>{@code local}: one job per H steps. Every worker takes H steps of the optimizer on its own
 *       shard with its own state; the driver averages the changes and applies them with the
 *       outer optimizer (plain average, or Nesterov momentum as in DiLoCo).</li>
 * </ul>
 * What a worker sends is either dense, or one bit per entry plus one ℓ1 norm per tensor
 * ({@code sign}: majority vote; {@code sign-ef}: the mean of the workers' scaled signs, each
 * worker carrying what its bits did not say to its next job).
 *
 * <p>Results are collected in partition order, so the driver sums in a fixed order and a run is
 * reproducible for its seed and worker count, also when Spark reruns a task.
 */
public final class SparkTraining {
    /** The file written into the checkpoint folder. */
    public static final String CHECKPOINT_FILE = "checkpoint.ckpt";
    /** The model's name as recorded in checkpoints. */
    public static final String MODEL = "mlp-784-256-10";
    /** DiLoCo's outer Nesterov momentum and learning rate. */
    static final double OUTER_MOMENTUM = 0.9;
    static final double OUTER_LR = 0.7;

    /** Everything a run is made of. {@code localSteps} and {@code outer} matter for mode local only. */
    public record Settings(String dataset, int workers, String optimizer, double lr, int batch, int epochs, String mode,
                           int localSteps, String outer, String compress, Path checkpointDir, int checkpointEvery,
                           Path resume, long seed, int trainLimit, int testLimit, Map<String, String> options) {
        /** Without preset options. */
        public Settings(String dataset, int workers, String optimizer, double lr, int batch, int epochs, String mode,
                        int localSteps, String outer, String compress, Path checkpointDir, int checkpointEvery,
                        Path resume, long seed, int trainLimit, int testLimit) {
            this(dataset, workers, optimizer, lr, batch, epochs, mode, localSteps, outer, compress, checkpointDir,
                    checkpointEvery, resume, seed, trainLimit, testLimit, Map.of());
        }

        public Settings {
            options = Map.copyOf(options); // immutable and serializable, sent to the workers
        }

        /** The preset {@link #optimizer} at {@link #lr} with {@link #options}. */
        public dev.steepest.optim.OptimizerSpec preset() {
            return Presets.get(optimizer, dev.steepest.optim.schedule.Schedules.constant(lr), options);
        }
    }

    /**
     * One point of the curves, at the end of an epoch (in mode local: at the end of the first round
     * that reaches it); {@code trainLoss} is the mean batch loss of the steps since the previous point.
     */
    public record EpochPoint(int epoch, long step, double trainLoss, double testLoss, double testAccuracy,
                             double seconds) {
    }

    /**
     * The outcome. {@code bytesPerWorkerPerStep}: mean Java-serialized size of one worker's result per
     * job divided by the steps per job; {@code workerComputeShare}: the slowest worker's compute time
     * over the job's wall time, summed over jobs.
     */
    public record Result(long steps, double bytesPerWorkerPerStep, double trainLoss, double testAccuracy,
                         double seconds, double secondsPerStep, double workerComputeShare, int stateResets,
                         float[][] parameters, List<EpochPoint> curves) {
    }

    private SparkTraining() {
    }

    /**
     * Reads the checkpoint {@code s.resume()} names and checks that it continues this very run (same
     * model, data, optimizer, mode, compression, batch, seed; the worker count too where it changes
     * the result). Throws {@link IllegalArgumentException} naming the difference, or
     * {@link dev.steepest.optim.checkpoint.CheckpointException} for an unreadable file.
     */
    public static Checkpoint readResume(Settings s) {
        Path file = s.resume().resolve(CHECKPOINT_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no checkpoint to resume: " + file + " not found");
        }
        Checkpoint cp = Checkpoint.read(file);
        checkSameRun(cp.metadata(), metadata(s, 0, 0, 0, 0, List.of()));
        boolean local = s.mode().equals("local");
        (local ? outer(s.outer()) : s.preset()).build(Mlp.params(Mlp.zeros(), Mlp.zeros()))
                .restore(driverPart(cp));
        List<Carried> state = workerState(s, cp);
        if (local) {
            for (Carried c : state) {
                Worker.checkInner(s.optimizer(), s.lr(), s.options(), c);
            }
        }
        return cp;
    }

    /** What each worker carries from job to job in run {@code s}: {@code residual} (sign-ef), {@code inner} (mode local). */
    static List<String> carriedKinds(Settings s) {
        List<String> kinds = new ArrayList<>();
        if (s.compress().equals("sign-ef")) {
            kinds.add("residual");
        }
        if (s.mode().equals("local")) {
            kinds.add("inner");
        }
        return kinds;
    }

    /** {@code cp} without the workers' entries: the driver's optimizer's state and the model's values. */
    private static Checkpoint driverPart(Checkpoint cp) {
        List<Checkpoint.Entry> mine = cp.entries().stream().filter(e -> !e.name().startsWith(WORKER_PREFIX)).toList();
        return new Checkpoint(cp.config(), cp.step(), cp.skipped(), mine, cp.metadata());
    }

    private static final String WORKER_PREFIX = "worker/";

    /**
     * Each worker's carried state saved in {@code cp}, by partition; an empty list when run {@code s}
     * carries none. Throws IllegalArgumentException when {@code cp} lacks state that {@code s} needs
     * (a checkpoint written before worker state was saved cannot continue such a run exactly).
     */
    static List<Carried> workerState(Settings s, Checkpoint cp) {
        List<String> kinds = carriedKinds(s);
        if (kinds.isEmpty()) {
            return List.of();
        }
        String saved = cp.metadata().get("workerState");
        List<String> have = saved == null || saved.isEmpty() ? List.of() : List.of(saved.split(","));
        for (String kind : kinds) {
            if (!have.contains(kind)) {
                throw new IllegalArgumentException("the checkpoint holds no " + (kind.equals("residual")
                        ? "error-feedback residual" : "inner optimizer state") + " of the workers (written by an older "
                        + "version, or not of mode " + s.mode() + " --compress " + s.compress()
                        + "), so the run cannot continue exactly; start it again without --resume");
            }
        }
        Map<String, Checkpoint.Entry> byName = new LinkedHashMap<>();
        for (Checkpoint.Entry e : cp.entries()) {
            byName.put(e.name(), e);
        }
        List<Carried> out = new ArrayList<>();
        for (int p = 0; p < s.workers(); p++) {
            float[][] residual = null;
            if (kinds.contains("residual")) {
                residual = new float[Mlp.NAMES.size()][];
                for (int t = 0; t < residual.length; t++) {
                    Checkpoint.Entry e = workerEntry(byName, p, "residual", t);
                    if (e.stageBuffers().length != 1 || e.stageBuffers()[0].length != 1
                            || e.stageBuffers()[0][0].length != Mlp.size(t)) {
                        throw new IllegalArgumentException("the checkpoint's residual " + e.name() + " does not fit "
                                + Mlp.NAMES.get(t));
                    }
                    residual[t] = e.stageBuffers()[0][0];
                }
            }
            long innerStep = 0;
            long innerSkipped = 0;
            float[][][][] buffers = null;
            if (kinds.contains("inner")) {
                buffers = new float[Mlp.NAMES.size()][][][];
                for (int t = 0; t < buffers.length; t++) {
                    buffers[t] = workerEntry(byName, p, "inner", t).stageBuffers();
                }
                innerStep = parseCount(cp.metadata(), "worker/" + p + "/inner.step");
                innerSkipped = parseCount(cp.metadata(), "worker/" + p + "/inner.skipped");
            }
            out.add(new Carried(residual, innerStep, innerSkipped, buffers));
        }
        return out;
    }

    private static Checkpoint.Entry workerEntry(Map<String, Checkpoint.Entry> byName, int p, String kind, int t) {
        String name = WORKER_PREFIX + p + "/" + kind + "/" + Mlp.NAMES.get(t);
        Checkpoint.Entry e = byName.get(name);
        if (e == null) {
            throw new IllegalArgumentException("the checkpoint lacks " + name + ", so the run cannot continue exactly");
        }
        return e;
    }

    private static long parseCount(Map<String, String> m, String key) {
        try {
            long v = Long.parseLong(m.getOrDefault(key, ""));
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("the checkpoint's " + key + " is missing or not a count: " + m.get(key));
    }

    /** The driver's checkpoint {@code base} with each worker's carried state added as entries and counters. */
    private static Checkpoint withWorkerState(Checkpoint base, Settings s, List<Contribution> got, List<Carried> state) {
        List<String> kinds = carriedKinds(s);
        List<Checkpoint.Entry> entries = new ArrayList<>(base.entries());
        Map<String, String> meta = new LinkedHashMap<>(base.metadata());
        meta.put("workerState", String.join(",", kinds));
        for (int k = 0; k < got.size(); k++) {
            Carried st = state.get(k);
            int p = got.get(k).partition();
            for (int t = 0; t < Mlp.NAMES.size(); t++) {
                if (kinds.contains("residual")) {
                    entries.add(new Checkpoint.Entry(WORKER_PREFIX + p + "/residual/" + Mlp.NAMES.get(t), Mlp.shape(t),
                            "residual", new float[][][] {{st.residual()[t]}}, null));
                }
            }
            if (kinds.contains("inner")) {
                for (int t = 0; t < Mlp.NAMES.size(); t++) {
                    entries.add(new Checkpoint.Entry(WORKER_PREFIX + p + "/inner/" + Mlp.NAMES.get(t), Mlp.shape(t),
                            "inner", st.innerBuffers()[t], null));
                }
                meta.put("worker/" + p + "/inner.step", Long.toString(st.innerStep()));
                meta.put("worker/" + p + "/inner.skipped", Long.toString(st.innerSkipped()));
            }
        }
        return new Checkpoint(base.config(), base.step(), base.skipped(), entries, meta);
    }

    /**
     * Runs {@code s} on {@code sc}, from {@code resume} when not null (see {@link #readResume});
     * {@code data} is the driver's copy, for the sizes and the test set.
     */
    public static Result run(JavaSparkContext sc, Settings s, ImageDataset data, Checkpoint resume) {
        LabeledImages train = data.train();
        int total = Math.min(s.trainLimit(), train.size());
        LabeledImages test = data.test().range(0, Math.min(s.testLimit(), data.test().size()));
        float[] testX = test.gather(IntStream.range(0, test.size()).toArray(), 0, test.size());
        int[] testY = test.gatherLabels(IntStream.range(0, test.size()).toArray(), 0, test.size());
        int perEpoch = (total + s.batch() - 1) / s.batch();
        long totalSteps = (long) perEpoch * s.epochs();
        boolean local = s.mode().equals("local");

        float[][] values = Mlp.init(s.seed());
        float[][] grads = Mlp.zeros();
        Optimizer opt = (local ? outer(s.outer()) : s.preset()).build(Mlp.params(values, grads));

        long step = 0;
        double epochLoss = 0;
        long epochCount = 0;
        List<EpochPoint> curves = new ArrayList<>();
        double priorSeconds = 0;
        List<Carried> restored = List.of();
        if (resume != null) {
            opt.restore(driverPart(resume));
            restored = workerState(s, resume);
            Map<String, String> m = resume.metadata();
            step = Long.parseLong(m.get("step"));
            epochLoss = Double.parseDouble(m.get("epochLoss"));
            epochCount = Long.parseLong(m.get("epochCount"));
            priorSeconds = Double.parseDouble(m.get("seconds"));
            curves.addAll(parseCurves(m.get("curves")));
        }
        long firstStep = step;

        String run = UUID.randomUUID().toString();
        String dataset = s.dataset();
        int limit = s.trainLimit();
        int workers = s.workers();
        JavaRDD<Shard> shards = sc.parallelize(IntStream.range(0, workers).boxed().toList(), workers)
                .map(p -> Shard.load(dataset, limit, p, workers))
                .persist(StorageLevel.MEMORY_ONLY());
        long bytes = 0;
        long jobNanos = 0;
        long computeNanos = 0;
        int resets = 0;
        long trainNanos = 0;
        try {
            while (step < totalSteps) {
                long t0 = System.nanoTime();
                int epoch = (int) (step / perEpoch) + 1;
                int k = (int) (step % perEpoch);
                int stepsNow = local ? (int) Math.min(s.localSteps(), totalSteps - step) : 1;
                boolean checkpointNow = s.checkpointDir() != null
                        && (step + stepsNow) / s.checkpointEvery() > step / s.checkpointEvery();
                boolean snapshot = checkpointNow && !carriedKinds(s).isEmpty();
                Broadcast<float[][]> bc = sc.broadcast(values);
                Broadcast<List<Carried>> from = restored.isEmpty() ? null : sc.broadcast(restored);
                long jobStart = System.nanoTime();
                List<Object> results = jobOf(shards, bc, from, snapshot, s, step, epoch, k, stepsNow, run).collect();
                List<Contribution> got = new ArrayList<>();
                List<Carried> state = new ArrayList<>();
                for (Object o : results) {
                    if (o instanceof Contribution.WithState w) {
                        got.add(w.contribution());
                        state.add(w.carried());
                    } else {
                        got.add((Contribution) o);
                    }
                }
                long jobTime = System.nanoTime() - jobStart;
                bc.destroy();
                if (from != null) {
                    from.destroy();
                    restored = List.of();
                }
                long slowest = 0;
                for (Contribution c : got) {
                    bytes += serializedSize(c);
                    slowest = Math.max(slowest, c.computeNanos());
                    resets += c.stateReset() ? 1 : 0;
                }
                jobNanos += jobTime;
                computeNanos += slowest;
                combine(got, s.compress(), local, grads);
                opt.step();
                double loss = local ? got.stream().mapToDouble(Contribution::lossSum).sum() / (double) workers / stepsNow
                        : got.stream().mapToDouble(Contribution::lossSum).sum() / got.stream().mapToInt(Contribution::count).sum();
                epochLoss += loss * stepsNow;
                epochCount += stepsNow;
                step += stepsNow;
                trainNanos += System.nanoTime() - t0;
                if (step / perEpoch > (step - stepsNow) / perEpoch || step == totalSteps) {
                    double[] ev = Mlp.evaluate(values, testX, testY, test.size());
                    curves.add(new EpochPoint((int) (step / perEpoch), step, epochLoss / epochCount, ev[0], ev[1],
                            priorSeconds + trainNanos / 1e9));
                    epochLoss = 0;
                    epochCount = 0;
                }
                if (checkpointNow) {
                    Files.createDirectories(s.checkpointDir());
                    Checkpoint cp = opt.checkpoint(metadata(s, step, epochLoss, epochCount,
                            priorSeconds + trainNanos / 1e9, curves), true);
                    (snapshot ? withWorkerState(cp, s, got, state) : cp).write(s.checkpointDir().resolve(CHECKPOINT_FILE));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write checkpoint into " + s.checkpointDir() + ": " + e.getMessage(), e);
        } finally {
            try {
                shards.foreachPartition(it -> WorkerState.clear(run));
                shards.unpersist(false);
            } catch (RuntimeException cleanup) {
                // the run's own outcome (or failure) is what counts; the executors' state goes with them
            }
        }
        long stepsRun = Math.max(1, step - firstStep);
        EpochPoint last = curves.isEmpty() ? null : curves.get(curves.size() - 1);
        double[] ev = Mlp.evaluate(values, testX, testY, test.size());
        return new Result(step, (double) bytes / workers / stepsRun,
                last == null ? Double.NaN : last.trainLoss(), ev[1], priorSeconds + trainNanos / 1e9,
                trainNanos / 1e9 / stepsRun, jobNanos == 0 ? 0 : (double) computeNanos / jobNanos,
                resets, values, curves);
    }

    /**
     * The job of one step (sync) or one round (local); with {@code snapshot}, each task returns its
     * contribution together with the worker's state after the job ({@link Contribution.WithState}).
     */
    private static JavaRDD<Object> jobOf(JavaRDD<Shard> shards, Broadcast<float[][]> bc,
                                               Broadcast<List<Carried>> from, boolean snapshot, Settings s, long step,
                                               int epoch, int k, int stepsNow, String run) {
        long seed = s.seed();
        int batch = s.batch();
        String compress = s.compress();
        if (s.mode().equals("local")) {
            int localBatch = Math.max(1, batch / s.workers());
            String optimizer = s.optimizer();
            double lr = s.lr();
            Map<String, String> options = s.options();
            long round = step / s.localSteps();
            return shards.map(sh -> withState(Worker.localRound(sh, bc.value(), seed, localBatch, round, step, stepsNow,
                    optimizer, lr, options, compress, run, from == null ? null : from.value().get(sh.partition)), snapshot, run,
                    compress, true));
        }
        return shards.map(sh -> withState(Worker.syncStep(sh, bc.value(), seed, batch, epoch, k, step, compress, run,
                from == null ? null : from.value().get(sh.partition)), snapshot, run, compress, false));
    }

    /** {@code c}, or with {@code snapshot} {@code c} and its worker's carried state. */
    private static Object withState(Contribution c, boolean snapshot, String run, String compress, boolean local) {
        return snapshot ? new Contribution.WithState(c, Worker.carried(run, c.partition(), compress, local)) : c;
    }

    /**
     * Writes into {@code out} what the optimizer sees as the gradient: sync none, the mean gradient of
     * the global batch; local none, the mean parameter change; compressed, the majority vote
     * ({@code sign}) or the mean scaled sign ({@code sign-ef}) of the workers that had examples.
     */
    static void combine(List<Contribution> got, String compress, boolean local, float[][] out) {
        for (float[] o : out) {
            java.util.Arrays.fill(o, 0f);
        }
        if (compress.equals("none")) {
            int count = 0;
            for (Contribution c : got) {
                count += c.count();
                for (int t = 0; t < out.length; t++) {
                    float[] d = c.dense()[t];
                    for (int i = 0; i < d.length; i++) {
                        out[t][i] += d[i];
                    }
                }
            }
            float inv = 1f / (local ? got.size() : count);
            for (float[] o : out) {
                for (int i = 0; i < o.length; i++) {
                    o[i] *= inv;
                }
            }
            return;
        }
        List<Contribution> voters = got.stream().filter(c -> c.count() > 0).toList();
        for (int t = 0; t < out.length; t++) {
            long[][] bits = new long[voters.size()][];
            float[] scales = new float[voters.size()];
            for (int k = 0; k < bits.length; k++) {
                bits[k] = voters.get(k).bits()[t];
                scales[k] = voters.get(k).scales()[t];
            }
            if (compress.equals("sign")) {
                SignCodec.majority(bits, scales, out[t]);
            } else {
                SignCodec.meanScaled(bits, scales, out[t]);
            }
        }
    }

    /** The outer optimizer of local mode. */
    static OptimizerSpec outer(String name) {
        if (name.equals("average")) {
            return Presets.get("sgd", 1.0);
        }
        return OptimizerSpec.builder("outer-nesterov")
                .group("all", Rule.any(), Schedules.constant(OUTER_LR), Chain.of(Momentum.nesterov(OUTER_MOMENTUM)))
                .build();
    }

    /** Java-serialized size of {@code c}: what the task sends back (Spark serializes task results with Java serialization). */
    static long serializedSize(Object c) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
            out.writeObject(c);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return buf.size();
    }

    /** The keys of a run's metadata that must agree for a checkpoint to continue it. */
    static final List<String> SAME_RUN = List.of("model", "dataset", "trainLimit", "mode", "compress", "optimizer", "lr",
            "batch", "seed", "localSteps", "outer", "workers");

    private static Map<String, String> metadata(Settings s, long step, double epochLoss, long epochCount, double seconds,
                                                List<EpochPoint> curves) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", MODEL);
        m.put("dataset", s.dataset());
        m.put("trainLimit", Integer.toString(s.trainLimit()));
        m.put("mode", s.mode());
        m.put("compress", s.compress());
        m.put("optimizer", s.optimizer());
        m.put("lr", Double.toString(s.lr()));
        if (!s.options().isEmpty()) {
            m.put("options", new java.util.TreeMap<>(s.options()).toString());
        }
        m.put("batch", Integer.toString(s.batch()));
        m.put("seed", Long.toString(s.seed()));
        m.put("localSteps", s.mode().equals("local") ? Integer.toString(s.localSteps()) : "-");
        m.put("outer", s.mode().equals("local") ? s.outer() : "-");
        m.put("workers", s.compress().equals("none") && s.mode().equals("sync") ? "-" : Integer.toString(s.workers()));
        m.put("step", Long.toString(step));
        m.put("epochLoss", Double.toString(epochLoss));
        m.put("epochCount", Long.toString(epochCount));
        m.put("seconds", Double.toString(seconds));
        StringBuilder c = new StringBuilder();
        for (EpochPoint p : curves) {
            c.append(p.epoch()).append(',').append(p.step()).append(',').append(p.trainLoss()).append(',')
                    .append(p.testLoss()).append(',').append(p.testAccuracy()).append(',').append(p.seconds()).append(';');
        }
        m.put("curves", c.toString());
        return m;
    }

    private static void checkSameRun(Map<String, String> saved, Map<String, String> now) {
        for (String key : SAME_RUN) {
            if (!now.get(key).equals(saved.get(key))) {
                throw new IllegalArgumentException("the checkpoint is of another run: its " + key + " is "
                        + saved.get(key) + " but this run's is " + now.get(key));
            }
        }
        if (!java.util.Objects.equals(now.get("options"), saved.get("options"))) {
            throw new IllegalArgumentException("the checkpoint is of another run: its preset options are "
                    + (saved.get("options") == null ? "none" : saved.get("options")) + " but this run's are "
                    + (now.get("options") == null ? "none" : now.get("options")));
        }
    }

    private static List<EpochPoint> parseCurves(String text) {
        List<EpochPoint> out = new ArrayList<>();
        for (String row : text.split(";")) {
            if (row.isEmpty()) {
                continue;
            }
            String[] f = row.split(",");
            out.add(new EpochPoint(Integer.parseInt(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
        }
        return out;
    }
}
