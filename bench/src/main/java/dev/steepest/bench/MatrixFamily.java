package dev.steepest.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.steepest.core.linalg.Blas;
import dev.steepest.core.linalg.ExactPolar;
import dev.steepest.core.linalg.FloatNewtonSchulz;
import dev.steepest.core.linalg.PolarSchedules;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Param;
import dev.steepest.optim.Presets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Newton–Schulz ×5 and the exact polar factor at one shape: ours against the same BLAS calls alone (the GEMM
 * floor), against libtorch doing the same iteration through DJL NDArrays, and the polar factor against SGESDD
 * alone. GFLOP/s are nominal: 5·(4s²L + 2s³) for the iteration written with plain GEMMs, s = min(m, n),
 * L = max(m, n), whatever the implementation actually performs (ours: see FloatNewtonSchulz#flops). The GEMM
 * baseline is FloatNewtonSchulz#blasCallsOnly: the same BLAS calls with the same shapes, and nothing else.
 * The {@code step} rows time a whole {@code muon} optimizer step on one hidden matrix against those BLAS calls.
 */
final class MatrixFamily {

    static final double TARGET_NS_GEMM = 1.1;
    static final double TARGET_NS_TORCH = 2.0;
    static final double TARGET_POLAR = 1.2;
    static final double TARGET_STEP = 1.15;

    private MatrixFamily() {
    }

    static double nominalFlops(int m, int n) {
        double s = Math.min(m, n), l = Math.max(m, n);
        return 5 * (4 * s * s * l + 2 * s * s * s);
    }

    /** Five Newton–Schulz steps in libtorch via DJL (wide m×n), freeing temporaries each call. */
    static Runnable torchNs(NDManager manager, NDArray g) {
        return () -> {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = g.div(g.norm().add(1e-7f));
                for (double[] abc : PolarSchedules.ns5()) {
                    NDArray a = x.matMul(x.transpose());
                    NDArray b = a.mul((float) abc[1]).add(a.matMul(a).mul((float) abc[2]));
                    x = x.mul((float) abc[0]).add(b.matMul(x));
                }
                x.getFloat(0, 0); // make sure the result exists
            }
        };
    }

    static List<Row> run(int m, int n, int warmup, int reps, boolean withTargets, Table table) {
        String size = m + "x" + n;
        List<Row> rows = new ArrayList<>();
        float[] g = ElementwiseFamily.random(m * n, 7, 1);
        float[] work = g.clone(); // orthogonalized in place again and again: O of O stays bounded
        FloatNewtonSchulz ns = new FloatNewtonSchulz(m, n, PolarSchedules.ns5(), 1.0, Blas.get());
        List<Timing.Op> ops = new ArrayList<>();
        ops.add(new Timing.Op("ours", () -> ns.orthogonalizeInPlace(work)));
        // the elementwise passes between the BLAS calls run Vector API code, boxed until C2 has compiled it (about
        // 150 calls at 256x256 on two cores): warm the whole path first, as the step family does
        StepFamily.warm(ops.get(0).body(), StepFamily.WARMUP_NS);
        ops.add(new Timing.Op("gemm", ns::blasCallsOnly));
        if (ns.gramSpace()) {
            FloatNewtonSchulz textbook = new FloatNewtonSchulz(m, n, PolarSchedules.ns5(), 1.0, Blas.get(), false);
            float[] work2 = g.clone();
            ops.add(new Timing.Op("textbook", () -> textbook.orthogonalizeInPlace(work2)));
        }
        NDManager root = Djl.manager();
        NDManager sub = root == null ? null : root.newSubManager();
        try {
            // pass 1: ours against its own BLAS calls (and the textbook loop); pass 2: ours against libtorch.
            // libtorch's temporaries sweep the caches, so it stays out of the rounds that measure our overhead.
            Map<String, double[]> t = new java.util.LinkedHashMap<>(Timing.roundRobin(ops, warmup, reps));
            double[] oursVsTorch = null;
            if (sub != null) {
                NDArray gt = sub.create(g, new ai.djl.ndarray.types.Shape(m, n));
                Map<String, double[]> t2 = Timing.roundRobin(List.of(ops.get(0),
                        new Timing.Op("libtorch", torchNs(sub, gt))), warmup, reps);
                oursVsTorch = t2.get("ours");
                t.put("ours-with-libtorch", oursVsTorch);
                t.put("libtorch", t2.get("libtorch"));
            }
            double flops = nominalFlops(m, n);
            boolean targetTorch = withTargets && m >= 1024;
            table.header("newton-schulz x5, " + size + " (" + reps + " rounds; median [IQR]; nominal GFLOP/s; ratios per round"
                            + " (libtorch in rounds of its own with ours)"
                            + (withTargets ? "; targets: ours/gemm ≤ " + TARGET_NS_GEMM + ", libtorch/ours ≥ "
                            + TARGET_NS_TORCH + " at 1024 and up" : "") + ")",
                    "impl", "ms", "GFLOP/s", "ratio", "to", "verdict");
            Timing.Stats ours = Timing.Stats.of(t.get("ours"));
            String oursName = "ours (" + (ns.gramSpace() ? "Gram space, " : "")
                    + (Blas.get().nativeCode() ? "OpenBLAS" : "plain Java") + ")";
            for (String impl : t.keySet()) {
                Timing.Stats ms = Timing.Stats.of(t.get(impl));
                Timing.Stats gf = ms.mapDecreasing(x -> flops / (x * 1e6));
                Double ratio = null;
                String to = null, verdict = null, cell = "-";
                if (impl.equals("gemm")) {
                    Timing.Stats r = Timing.pairedRatio(t.get("ours"), t.get("gemm"));
                    ratio = r.median();
                    to = "gemm";
                    cell = r.fmt(3) + " ours/gemm";
                    verdict = withTargets ? (ratio <= TARGET_NS_GEMM ? "PASS" : "MISS") : null;
                } else if (impl.equals("textbook")) {
                    Timing.Stats r = Timing.pairedRatio(t.get("textbook"), t.get("ours"));
                    cell = r.fmt(2) + " textbook/ours";
                } else if (impl.equals("libtorch")) {
                    Timing.Stats r = Timing.pairedRatio(t.get("libtorch"), oursVsTorch);
                    ratio = r.median();
                    to = "libtorch";
                    cell = r.fmt(2) + " libtorch/ours";
                    verdict = targetTorch ? (ratio >= TARGET_NS_TORCH ? "PASS" : "MISS") : null;
                }
                String name = switch (impl) {
                    case "ours" -> oursName;
                    case "gemm" -> "same BLAS calls alone";
                    case "textbook" -> "ours, textbook loop";
                    case "ours-with-libtorch" -> "ours, in the rounds with libtorch";
                    default -> "libtorch via DJL NDArray";
                };
                table.row(name, ms.fmt(1), gf.fmt(1), cell, to == null ? "-" : to, verdict == null ? "-" : verdict);
                // JSON: each baseline gets a row; our time appears once per baseline, carrying that ratio
                if (!impl.equals("ours") && !impl.equals("ours-with-libtorch")) {
                    rows.add(new Row("newton-schulz", "ns5", size, name, ms.median(), ms.q1(), ms.q3(), gf.median(),
                            "GFLOP/s", null, null, null));
                }
                if (ratio != null) {
                    // our time from the same rounds as the baseline
                    Timing.Stats o = impl.equals("libtorch") ? Timing.Stats.of(oursVsTorch) : ours;
                    rows.add(new Row("newton-schulz", "ns5", size, oursName, o.median(), o.q1(), o.q3(),
                            flops / (o.median() * 1e6), "GFLOP/s", ratio, to, verdict));
                }
            }
            if (sub == null) {
                table.note("libtorch comparison skipped: " + Djl.failure());
            }
        } finally {
            if (sub != null) {
                sub.close();
            }
        }
        return rows;
    }

    static List<Row> runPolar(int m, int n, int warmup, int reps, boolean withTargets, Table table) {
        String size = m + "x" + n;
        List<Row> rows = new ArrayList<>();
        float[] g = ElementwiseFamily.random(m * n, 8, 1);
        float[] work = g.clone();
        ExactPolar ep = new ExactPolar(m, n, Blas.get());
        Map<String, double[]> t = Timing.roundRobin(List.of(
                new Timing.Op("ours", () -> ep.polarInPlace(work)),
                new Timing.Op("sgesdd", () -> ep.svdOnly(g))), warmup, reps);
        Timing.Stats ours = Timing.Stats.of(t.get("ours"));
        Timing.Stats svd = Timing.Stats.of(t.get("sgesdd"));
        Timing.Stats r = Timing.pairedRatio(t.get("ours"), t.get("sgesdd"));
        boolean targeted = withTargets && m == 1024 && n == 1024;
        String verdict = targeted ? (r.median() <= TARGET_POLAR ? "PASS" : "MISS") : null;
        table.header("exact polar factor U Vᵀ, " + size + " (" + reps + " rounds; median [IQR]; ratio = ours / SGESDD alone per round"
                        + (withTargets ? "; target ≤ " + TARGET_POLAR + " at 1024x1024" : "") + ")",
                "impl", "ms", "ratio", "verdict");
        table.row("SGESDD alone (copy + SVD)", svd.fmt(1), "-", "-");
        table.row("ours (SGESDD + SGEMM)", ours.fmt(1), r.fmt(3), verdict == null ? "-" : verdict);
        rows.add(new Row("polar", "sgesdd", size, Blas.get().nativeCode() ? "OpenBLAS" : "plain Java",
                svd.median(), svd.q1(), svd.q3(), 1000 / svd.median(), "calls/s", null, null, null));
        rows.add(new Row("polar", "polar", size, "ours", ours.median(), ours.q1(), ours.q3(), 1000 / ours.median(),
                "calls/s", r.median(), "sgesdd", verdict));
        return rows;
    }

    /**
     * One {@code muon} optimizer step ({@link Optimizer#step()}: Nesterov momentum, ns5, shape scale, weight
     * decay) on one hidden m×n matrix, against the BLAS calls of its ns5 alone, in the same rounds.
     */
    static List<Row> runStep(int m, int n, int warmup, int reps, Table table) {
        String size = m + "x" + n;
        float[] w = ElementwiseFamily.random(m * n, 9, 0.05f);
        Param p = Param.matrix("hidden.weight", m, n, w);
        System.arraycopy(ElementwiseFamily.random(m * n, 10, 1), 0, p.grad(), 0, m * n);
        Optimizer opt = Presets.get("muon", 1e-4).build(List.of(p));
        FloatNewtonSchulz ns = new FloatNewtonSchulz(m, n, PolarSchedules.ns5(), 1.0, Blas.get());
        ns.orthogonalizeInPlace(ElementwiseFamily.random(m * n, 11, 1)); // workspace holds a real iterate
        StepFamily.warm(opt::step, StepFamily.WARMUP_NS); // as in run(): C2 must have compiled the whole step
        Map<String, double[]> t = Timing.roundRobin(List.of(
                new Timing.Op("optimizer", opt::step),
                new Timing.Op("blas-calls", ns::blasCallsOnly)), warmup, reps);
        Timing.Stats step = Timing.Stats.of(t.get("optimizer"));
        Timing.Stats blas = Timing.Stats.of(t.get("blas-calls"));
        Timing.Stats r = Timing.pairedRatio(t.get("optimizer"), t.get("blas-calls"));
        String verdict = r.median() <= TARGET_STEP ? "PASS" : "MISS";
        table.header("muon optimizer step, one hidden " + size + " matrix (" + reps + " rounds; median [IQR]; ratio ="
                        + " step / its ns5 BLAS calls alone per round; target ≤ " + TARGET_STEP + ")",
                "impl", "ms", "ratio", "verdict");
        table.row("ns5's BLAS calls alone", blas.fmt(2), "-", "-");
        table.row("Optimizer.step() of muon", step.fmt(2), r.fmt(3), verdict);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("step", "muon", size, "blas-calls", blas.median(), blas.q1(), blas.q3(), 1000 / blas.median(),
                "calls/s", null, null, null));
        rows.add(new Row("step", "muon", size, "optimizer", step.median(), step.q1(), step.q3(), 1000 / step.median(),
                "calls/s", r.median(), "blas-calls", verdict));
        return rows;
    }
}
