package dev.steepest.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-process harness behind {@code ./steepest bench}: warm-up, then repeated timed runs taken round-robin
 * across the operations being compared, so a ratio is formed from runs taken side by side (machine load drifts
 * between rounds, not within one). Every figure is a median with its interquartile range.
 */
final class Timing {

    /** Shortest warm-up, whenever one is asked for (BenchMain lowers it for --quick). */
    static long WARMUP_NS = 1_000_000_000L;

    private Timing() {
    }

    /** One named operation to time. */
    record Op(String name, Runnable body) {
    }

    /** Median and quartiles of a set of values. */
    record Stats(double median, double q1, double q3, int n) {

        static Stats of(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            return new Stats(quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75), v.length);
        }

        /** Applies a decreasing function (e.g. time → throughput): quartiles swap. */
        Stats mapDecreasing(java.util.function.DoubleUnaryOperator f) {
            return new Stats(f.applyAsDouble(median), f.applyAsDouble(q3), f.applyAsDouble(q1), n);
        }

        String fmt(int decimals) {
            String f = "%." + decimals + "f";
            return String.format(f + " [" + f + "–" + f + "]", median, q1, q3);
        }
    }

    static double quantile(double[] sorted, double p) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Runs every op {@code warmup} times, then {@code reps} rounds of one timed run of each op in turn (the
     * starting op rotating from round to round).
     *
     * @return milliseconds per run, by op name, in round order (index r of every array is the same round)
     */
    static Map<String, double[]> roundRobin(List<Op> ops, int warmup, int reps) {
        // at least `warmup` rounds and, when any are asked for, at least WARMUP_NS of them: the JIT must have
        // compiled the Java loops (C2 is needed for the Vector API) before anything is timed
        long start = System.nanoTime();
        for (int w = 0; w < warmup || (warmup > 0 && System.nanoTime() - start < WARMUP_NS); w++) {
            for (Op op : ops) {
                op.body().run();
            }
        }
        Map<String, double[]> times = new LinkedHashMap<>();
        for (Op op : ops) {
            times.put(op.name(), new double[reps]);
        }
        for (int r = 0; r < reps; r++) {
            // rotate who goes first, so no op always runs right after the same neighbour (warm or evicted caches)
            for (int k = 0; k < ops.size(); k++) {
                Op op = ops.get((k + r) % ops.size());
                long t0 = System.nanoTime();
                op.body().run();
                long t1 = System.nanoTime();
                times.get(op.name())[r] = (t1 - t0) / 1e6;
            }
        }
        return times;
    }

    /** Per-round ratios a[r]/b[r], as stats (a paired comparison). */
    static Stats pairedRatio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return Stats.of(r);
    }
}
