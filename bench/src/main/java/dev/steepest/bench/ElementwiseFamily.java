package dev.steepest.bench;

import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.kernels.Elementwise;
import dev.steepest.core.vector.LInf;
import dev.steepest.core.vector.Lp;
import dev.steepest.core.kernels.PlainKernels;
import dev.steepest.core.kernels.Simd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Elementwise steps and reductions at a given length: effective bandwidth (bytes each kernel must read and
 * write, 4 per float) and its ratio to an in-process STREAM-style triad a[i] = b[i] + s·c[i] timed in the same
 * rounds. The triad's 12 bytes per element do not count the read-for-ownership of its write-only output; a
 * kernel that updates in place has none, so it can exceed 100% of the triad.
 */
final class ElementwiseFamily {

    static final double TARGET_TRIAD = 0.85;
    static volatile double sink;

    private ElementwiseFamily() {
    }

    /** A kernel to time: bytes read and written per element, and whether the target applies. */
    record Case(String kernel, String impl, int bytesPerElement, boolean targeted, Runnable body) {
    }

    static float[] random(int n, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }

    static void triad(float[] a, float[] b, float[] c, float s) {
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] + s * c[i];
        }
    }

    static List<Row> run(int n, String size, int warmup, int reps, boolean withTargets, Table table) {
        float[] w = random(n, 1, 1), m = new float[n], v = new float[n], g = random(n, 2, 1);
        float[] ta = new float[n], tb = random(n, 3, 1), tc = random(n, 4, 1);
        long[] step = {0};
        String ours = Simd.ENABLED ? "ours (vector)" : "ours (plain)";
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("triad", "java loop", 12, false, () -> triad(ta, tb, tc, 0.5f)));
        cases.add(new Case("sgd", "ours", 12, true, () -> Elementwise.sgd(w, g, 1e-4f)));
        cases.add(new Case("momentum-sgd", "ours", 20, true, () -> Elementwise.momentumSgd(w, m, g, 0.9f, 1e-4f)));
        cases.add(new Case("nesterov-sgd", "ours", 20, true, () -> Elementwise.nesterovSgd(w, m, g, 0.9f, 1e-4f)));
        cases.add(new Case("ema-sgd", "ours", 20, true, () -> Elementwise.emaSgd(w, m, g, 0.9f, 1e-4f)));
        cases.add(new Case("weight-decay", "ours", 12, true, () -> Elementwise.addScaled(m, w, 0.01f)));
        cases.add(new Case("adamw", "ours", 28, true,
                () -> Elementwise.adamw(w, m, v, g, 1e-4f, 0.9f, 0.999f, 1e-8f, 0.01f, ++step[0])));
        cases.add(new Case("signsgd", ours, 12, true, () -> Elementwise.signStep(w, g, 1e-4f)));
        if (Simd.ENABLED) {
            cases.add(new Case("signsgd", "plain loop", 12, false, () -> PlainKernels.signStep(w, g, 1e-4f, 0, n)));
        }
        // the norms' own fused steps (penalized, rate 1e-4/n): ℓ∞ = ‖g‖₁ then the sign step; ℓp = Σ|g|^q then the
        // power step
        double rate = 1e-4 / n;
        Shape shape = Shape.vector(n);
        float[] work = new float[n];
        Norm linf = new LInf(), lp3 = new Lp(3), lp25 = new Lp(2.5);
        cases.add(new Case("sign-dual", ours, 16, true, () -> sink += linf.descendInPlace(w, g, work, shape, rate, true)));
        cases.add(new Case("l2-constrained", ours, 16, true, () -> sink += Elementwise.l2Constrained(w, g, 1e-3)));
        // p = 3 takes the square-root path (|g|^1.5, |g|^0.5); p = 2.5 (|g|^(5/3), |g|^(2/3)) the general powers
        cases.add(new Case("lp-dual p=3", Simd.ENABLED ? "ours (vector sqrt)" : ours, 20, true,
                () -> sink += lp3.descendInPlace(w, g, work, shape, rate, true)));
        cases.add(new Case("lp-dual p=2.5", Simd.ENABLED ? "ours (vector pow)" : ours, 20, true,
                () -> sink += lp25.descendInPlace(w, g, work, shape, rate, true)));
        cases.add(new Case("l1 reduction", ours, 4, true, () -> sink += Elementwise.sumAbs(g)));
        cases.add(new Case("l2 reduction", ours, 4, true, () -> sink += Elementwise.sumSquares(g)));
        cases.add(new Case("linf reduction", ours, 4, true, () -> sink += Elementwise.maxAbs(g)));
        if (Simd.ENABLED) {
            cases.add(new Case("l1 reduction", "plain loop", 4, false, () -> sink += PlainKernels.sumAbs(g, 0, n)));
            cases.add(new Case("l2 reduction", "plain loop", 4, false, () -> sink += PlainKernels.sumSquares(g, 0, n)));
            cases.add(new Case("linf reduction", "plain loop", 4, false, () -> sink += PlainKernels.maxAbs(g, 0, n)));
        }
        List<Timing.Op> ops = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            ops.add(new Timing.Op(i + ":" + cases.get(i).kernel(), cases.get(i).body()));
        }
        Map<String, double[]> times = Timing.roundRobin(ops, warmup, reps);
        double[] triadMs = times.get(ops.get(0).name());
        List<Row> rows = new ArrayList<>();
        table.header("elementwise, " + size + " floats (" + reps + " rounds; median [IQR]; ratio = our GB/s / triad GB/s"
                        + " in the same round" + (withTargets ? "; target ≥ " + TARGET_TRIAD : "") + ")",
                "kernel", "impl", "B/elt", "ms", "GB/s", "× triad", "verdict");
        for (int i = 0; i < cases.size(); i++) {
            Case k = cases.get(i);
            double[] t = times.get(ops.get(i).name());
            Timing.Stats ms = Timing.Stats.of(t);
            double bytes = (double) k.bytesPerElement() * n;
            Timing.Stats gbs = ms.mapDecreasing(x -> bytes / (x * 1e6));
            Double ratio = null;
            String verdict = null;
            String ratioCell = "-";
            if (i > 0) {
                // our bandwidth / triad bandwidth = (bytes_k / t_k) / (12n / t_triad), per round
                double[] r = new double[t.length];
                for (int j = 0; j < t.length; j++) {
                    r[j] = (bytes / t[j]) / (12.0 * n / triadMs[j]);
                }
                Timing.Stats rs = Timing.Stats.of(r);
                ratio = rs.median();
                ratioCell = rs.fmt(2);
                if (withTargets && k.targeted()) {
                    verdict = ratio >= TARGET_TRIAD ? "PASS" : "MISS";
                }
            }
            table.row(k.kernel(), k.impl(), String.valueOf(k.bytesPerElement()), ms.fmt(2), gbs.fmt(1), ratioCell,
                    verdict == null ? "-" : verdict);
            rows.add(new Row("elementwise", k.kernel(), size, k.impl(), ms.median(), ms.q1(), ms.q3(), gbs.median(),
                    "GB/s", ratio, i > 0 ? "triad" : null, verdict));
        }
        return rows;
    }
}
