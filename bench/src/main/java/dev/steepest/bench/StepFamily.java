package dev.steepest.bench;

import dev.steepest.core.kernels.Elementwise;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Param;
import dev.steepest.optim.Presets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code Optimizer.step()} of the elementwise presets against the fused kernel of the same rule alone, timed in the
 * same rounds on arrays of the same size: ratio = kernel time / step time (1 = the optimizer adds nothing). The
 * step checks its gradient within its own passes (the default NonFinitePolicy.ERROR), so it reads nothing the kernel
 * does not; plain SGD's step also sums ⟨g, g⟩ for its report in the same pass. Below 16M floats a timing covers
 * 16M/n consecutive calls (16 at 1M), so that each lasts milliseconds rather than the tens of microseconds where the
 * timer and one-off cache misses decide; the time shown is per call.
 */
final class StepFamily {

    static final double TARGET = 0.9;
    static final List<String> PRESETS = List.of("sgd", "sgd-momentum", "adamw", "signsgd", "sign-dual");

    /** Warm-up of each op alone before the timed rounds (the bench's smoke test lowers it). */
    static long WARMUP_NS = 1_500_000_000L;

    private StepFamily() {
    }

    static void warm(Runnable op, long ns) {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < ns) {
            op.run();
        }
    }

    static List<Row> run(int n, String size, int warmup, int reps, Table table) {
        List<Row> rows = new ArrayList<>();
        float[] g = ElementwiseFamily.random(n, 2, 1);
        int perTiming = Math.max(1, (1 << 24) / n);
        table.header("step: Optimizer.step() vs the fused kernel alone, " + size + " floats (" + reps
                        + " rounds" + (perTiming > 1 ? " of " + perTiming + " consecutive calls each, ms per call" : "")
                        + "; median [IQR]; ratio = kernel time / step time in the same round; target ≥ " + TARGET + ")",
                "preset", "kernel ms", "step ms", "ratio", "verdict");
        for (String preset : PRESETS) {
            float lr = preset.equals("sign-dual") ? 1e-4f / n : 1e-4f;
            float[] w = ElementwiseFamily.random(n, 1, 1), m = new float[n], v = new float[n];
            long[] t = {0};
            Runnable kernel = switch (preset) {
                case "sgd" -> () -> Elementwise.sgd(w, g, lr);
                case "sgd-momentum" -> () -> ElementwiseFamily.sink += Elementwise.momentumSgd(w, m, g, 0.9f, lr);
                case "adamw" -> () -> ElementwiseFamily.sink += Elementwise.adamw(w, m, v, g, lr, 0.9f, 0.999f, 1e-8f,
                        0.01f, ++t[0]);
                case "signsgd" -> () -> ElementwiseFamily.sink += Elementwise.signStep(w, g, lr);
                case "sign-dual" -> () -> {
                    double l1 = Elementwise.sumAbs(g);
                    Elementwise.signStep(w, g, (float) (lr * l1));
                };
                default -> throw new IllegalStateException(preset);
            };
            float[] theta = ElementwiseFamily.random(n, 1, 1);
            Param p = Param.wrap("w", new int[] {n}, theta, g);
            Optimizer opt = Presets.get(preset, lr).build(List.of(p));
            // the step runs Vector API code behind a few calls: give C2 time to compile the whole path before timing
            int calls = Math.max(1, (1 << 24) / n);
            Runnable kernels = () -> {
                for (int c = 0; c < calls; c++) {
                    kernel.run();
                }
            };
            Runnable steps = () -> {
                for (int c = 0; c < calls; c++) {
                    opt.step();
                }
            };
            warm(kernels, WARMUP_NS);
            warm(steps, WARMUP_NS);
            Map<String, double[]> times = Timing.roundRobin(
                    List.of(new Timing.Op("kernel", kernels), new Timing.Op("step", steps)), warmup, reps);
            for (double[] series : times.values()) {
                for (int r = 0; r < series.length; r++) {
                    series[r] /= calls;
                }
            }
            Timing.Stats k = Timing.Stats.of(times.get("kernel"));
            Timing.Stats s = Timing.Stats.of(times.get("step"));
            Timing.Stats r = Timing.pairedRatio(times.get("kernel"), times.get("step"));
            String verdict = r.median() >= TARGET ? "PASS" : "MISS";
            table.row(preset, k.fmt(2), s.fmt(2), r.fmt(2), verdict);
            rows.add(new Row("step", preset, size, "kernel", k.median(), k.q1(), k.q3(), 1000 / k.median(), "calls/s",
                    null, null, null));
            rows.add(new Row("step", preset, size, "optimizer", s.median(), s.q1(), s.q3(), 1000 / s.median(),
                    "calls/s", r.median(), "kernel", verdict));
        }
        return rows;
    }
}
