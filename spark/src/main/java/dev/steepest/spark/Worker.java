package dev.steepest.spark;

import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Presets;
import dev.steepest.optim.checkpoint.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a task computes on its shard: one step's gradient, or one round of local steps. */
final class Worker {
    private Worker() {
    }

    /** The seed of epoch {@code epoch}'s (1-based) order of the global training set, as in {@code compare}. */
    static long epochSeed(long seed, int epoch) {
        return seed * 1_000_003L + epoch;
    }

    /**
     * Sync mode: the gradient of this shard's part of global batch {@code k} of epoch {@code epoch}
     * (the batch is positions k·B .. k·B+B−1 of the epoch's permutation of all examples).
     * {@code restored}: this worker's state from a checkpoint, used when no state of the previous
     * step is here (the first step of a resumed run).
     */
    static Contribution syncStep(Shard sh, float[][] p, long seed, int batch, int epoch, int k, long step,
                                 String compress, String run, Carried restored) {
        long t0 = System.nanoTime();
        int[] order = dev.steepest.data.EpochOrder.shuffled(sh.total, epochSeed(seed, epoch));
        int from = k * batch;
        int to = Math.min(sh.total, from + batch);
        int[] mine = new int[to - from];
        int m = 0;
        for (int t = from; t < to; t++) {
            int i = order[t] - sh.lo;
            if (i >= 0 && i < sh.size()) {
                mine[m++] = i;
            }
        }
        float[] x = gather(sh, mine, m);
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = sh.labels[mine[i]];
        }
        float[][] g = Mlp.zeros();
        double loss = m > 0 ? Mlp.lossAndGradient(p, x, y, m, g) : 0;
        if (compress.equals("none")) {
            return new Contribution(sh.partition, m, loss, g, null, null, System.nanoTime() - t0, false);
        }
        if (m > 0) {
            scale(g, 1f / m);
        }
        return compress(g, compress, seed, step, sh.partition, run, m, loss, t0,
                restored == null ? null : restored.residual());
    }

    /**
     * What worker {@code partition} carries to its next job as its last job left it: the residual
     * ({@code sign-ef}) and, in mode local, the inner optimizer's state.
     */
    static Carried carried(String run, int partition, String compress, boolean local) {
        float[][] residual = compress.equals("sign-ef") ? (float[][]) WorkerState.get(run + "-ef", partition).after()
                : null;
        if (!local) {
            return new Carried(residual, 0, 0, null);
        }
        Checkpoint now = ((Inner) WorkerState.get(run + "-inner", partition).after()).opt.checkpoint(Map.of(), false);
        float[][][][] buffers = new float[now.entries().size()][][][];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = now.entries().get(i).stageBuffers();
        }
        return new Carried(residual, now.step(), now.skipped(), buffers);
    }

    /**
     * Local mode: {@code steps} steps of the inner optimizer on this shard alone, from {@code p0},
     * with batches of {@code localBatch} of this shard's own seeded order; returns the change p0 − p.
     * {@code restored} as in {@link #syncStep}.
     */
    static Contribution localRound(Shard sh, float[][] p0, long seed, int localBatch, long round, long firstStep,
                                   int steps, String optimizer, double lr, Map<String, String> options, String compress,
                                   String run, Carried restored) {
        long t0 = System.nanoTime();
        String key = run + "-inner";
        WorkerState.Entry e = WorkerState.get(key, sh.partition);
        Inner inner;
        Checkpoint before;
        boolean reset = false;
        if (e != null && e.job() == round - 1) {
            inner = (Inner) e.after();
            before = inner.opt.checkpoint(Map.of(), false);
        } else if (e != null && e.job() == round) {
            inner = (Inner) e.after();
            before = (Checkpoint) e.before();
            inner.opt.restore(before);
        } else {
            inner = new Inner(optimizer, lr, options);
            if (restored != null) {
                inner.restore(restored);
            } else {
                reset = round > 0;
            }
            before = inner.opt.checkpoint(Map.of(), false);
        }
        for (int t = 0; t < p0.length; t++) {
            System.arraycopy(p0[t], 0, inner.values[t], 0, p0[t].length);
        }
        int n = sh.size();
        int b = Math.min(localBatch, n);
        int perEpoch = (n + b - 1) / b;
        double lossSum = 0;
        int[] pos = new int[b];
        int[] y = new int[b];
        for (int h = 0; h < steps; h++) {
            long j = firstStep + h;
            int[] order = dev.steepest.data.EpochOrder.shuffled(n, seed * 1_000_003L + 7919L * (sh.partition + 1) + j / perEpoch);
            int from = (int) (j % perEpoch) * b;
            int m = Math.min(n, from + b) - from;
            System.arraycopy(order, from, pos, 0, m);
            for (int i = 0; i < m; i++) {
                y[i] = sh.labels[pos[i]];
            }
            for (float[] g : inner.grads) {
                java.util.Arrays.fill(g, 0f);
            }
            lossSum += Mlp.lossAndGradient(inner.values, gather(sh, pos, m), y, m, inner.grads) / m;
            scale(inner.grads, 1f / m);
            inner.opt.step();
        }
        WorkerState.put(key, sh.partition, new WorkerState.Entry(round, before, inner));
        float[][] delta = Mlp.zeros();
        for (int t = 0; t < p0.length; t++) {
            for (int i = 0; i < p0[t].length; i++) {
                delta[t][i] = p0[t][i] - inner.values[t][i];
            }
        }
        Contribution c;
        if (compress.equals("none")) {
            c = new Contribution(sh.partition, steps, lossSum, delta, null, null, System.nanoTime() - t0, reset);
        } else {
            c = compress(delta, compress, seed, round, sh.partition, run, steps, lossSum, t0,
                    restored == null ? null : restored.residual());
            if (reset && !c.stateReset()) {
                c = new Contribution(c.partition(), c.count(), c.lossSum(), null, c.bits(), c.scales(), c.computeNanos(),
                        true);
            }
        }
        return c;
    }

    /** A worker's own optimizer for local steps, over its own copy of the parameters. */
    private static final class Inner {
        final float[][] values = Mlp.zeros();
        final float[][] grads = Mlp.zeros();
        final Optimizer opt;

        Inner(String optimizer, double lr, Map<String, String> options) {
            opt = Presets.get(optimizer, dev.steepest.optim.schedule.Schedules.constant(lr), options)
                    .build(Mlp.params(values, grads));
        }

        /** Restores the optimizer state in {@code c} (throws IllegalArgumentException if it does not fit). */
        void restore(Carried c) {
            opt.restore(innerCheckpoint(opt, c));
        }
    }

    /** {@code c}'s inner optimizer state as a checkpoint of {@code opt}'s configuration and parameters. */
    static Checkpoint innerCheckpoint(Optimizer opt, Carried c) {
        Checkpoint fresh = opt.checkpoint(Map.of(), false);
        if (c.innerBuffers() == null || c.innerBuffers().length != fresh.entries().size()) {
            throw new IllegalArgumentException("the worker's optimizer state holds "
                    + (c.innerBuffers() == null ? 0 : c.innerBuffers().length) + " parameters, expected "
                    + fresh.entries().size());
        }
        List<Checkpoint.Entry> entries = new ArrayList<>();
        for (int i = 0; i < c.innerBuffers().length; i++) {
            Checkpoint.Entry e = fresh.entries().get(i);
            entries.add(new Checkpoint.Entry(e.name(), e.shape(), e.group(), c.innerBuffers()[i], null));
        }
        return new Checkpoint(fresh.config(), c.innerStep(), c.innerSkipped(), entries, Map.of());
    }

    /** Checks that {@code c} restores an inner optimizer of {@code optimizer} at {@code lr}; throws IllegalArgumentException if not. */
    static void checkInner(String optimizer, double lr, Map<String, String> options, Carried c) {
        new Inner(optimizer, lr, options).restore(c);
    }

    /**
     * Signs and ℓ1 norms of {@code v} ({@code sign}), or of v plus the residual carried from this
     * worker's previous job ({@code sign-ef}), whose new residual is what the bits failed to say.
     */
    private static Contribution compress(float[][] v, String compress, long seed, long job, int partition, String run,
                                         int count, double loss, long t0, float[][] restored) {
        boolean reset = false;
        String key = run + "-ef";
        float[][] carried = null;
        if (compress.equals("sign-ef")) {
            WorkerState.Entry e = WorkerState.get(key, partition);
            float[][] residual;
            if (e != null && e.job() == job - 1) {
                residual = (float[][]) e.after();
            } else if (e != null && e.job() == job) {
                residual = (float[][]) e.before();
            } else if (restored != null) {
                residual = restored;
            } else {
                residual = Mlp.zeros();
                reset = job > 0;
            }
            if (count == 0) {
                WorkerState.put(key, partition, new WorkerState.Entry(job, residual, residual));
                return new Contribution(partition, 0, loss, null, null, null, System.nanoTime() - t0, reset);
            }
            float[][] corrected = Mlp.zeros();
            for (int t = 0; t < v.length; t++) {
                for (int i = 0; i < v[t].length; i++) {
                    corrected[t][i] = v[t][i] + residual[t][i];
                }
            }
            v = corrected;
            carried = residual;
        } else if (count == 0) {
            return new Contribution(partition, 0, loss, null, null, null, System.nanoTime() - t0, false);
        }
        long[][] bits = new long[v.length][];
        float[] scales = new float[v.length];
        for (int t = 0; t < v.length; t++) {
            bits[t] = SignCodec.pack(v[t], salt(seed, job, partition, t));
            scales[t] = SignCodec.l1(v[t]);
        }
        if (compress.equals("sign-ef")) {
            float[][] residual = Mlp.zeros();
            for (int t = 0; t < v.length; t++) {
                float a = scales[t] / v[t].length;
                for (int i = 0; i < v[t].length; i++) {
                    residual[t][i] = v[t][i] - a * SignCodec.sign(bits[t], i);
                }
            }
            WorkerState.put(key, partition, new WorkerState.Entry(job, carried, residual));
        }
        return new Contribution(partition, count, loss, null, bits, scales, System.nanoTime() - t0, reset);
    }

    /** The salt for the bits of exactly-zero entries: a function of the run's seed, the job, the worker and the tensor. */
    static long salt(long seed, long job, int partition, int tensor) {
        return SignCodec.mix(SignCodec.mix(seed * 0x9E3779B97F4A7C15L + job) + 31L * partition + tensor) << 20;
    }

    private static float[] gather(Shard sh, int[] pos, int m) {
        float[] x = new float[m * Mlp.INPUTS];
        for (int i = 0; i < m; i++) {
            System.arraycopy(sh.pixels, pos[i] * Mlp.INPUTS, x, i * Mlp.INPUTS, Mlp.INPUTS);
        }
        return x;
    }

    private static void scale(float[][] g, float a) {
        for (float[] v : g) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= a;
            }
        }
    }
}
