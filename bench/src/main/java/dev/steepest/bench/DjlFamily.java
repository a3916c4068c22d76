package dev.steepest.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.steepest.kernels.Elementwise;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The same optimizer steps through DJL's own {@code Optimizer.update} (PyTorch engine, NDArrays in native
 * memory) and through our kernels on float[], timed in the same rounds: speed-up = DJL time / our time.
 */
final class DjlFamily {

    static final double TARGET_SPEEDUP = 5.0;

    private DjlFamily() {
    }

    private record Pair(String kernel, Optimizer djl, Runnable ours) {
    }

    static List<Row> run(int n, String size, int warmup, int reps, boolean withTargets, Table table) {
        List<Row> rows = new ArrayList<>();
        NDManager root = Djl.manager();
        if (root == null) {
            table.note("djl family skipped: " + Djl.failure());
            return rows;
        }
        float lr = 1e-4f;
        float[] w = ElementwiseFamily.random(n, 1, 1), m = new float[n], v = new float[n];
        float[] g = ElementwiseFamily.random(n, 2, 1);
        long[] step = {0};
        List<Pair> pairs = List.of(
                new Pair("sgd", Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).build(),
                        () -> Elementwise.sgd(w, g, lr)),
                new Pair("momentum-sgd", Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).optMomentum(0.9f).build(),
                        () -> Elementwise.momentumSgd(w, m, g, 0.9f, lr)),
                new Pair("nesterov-sgd", Optimizer.nag().setLearningRateTracker(Tracker.fixed(lr)).setMomentum(0.9f).build(),
                        () -> Elementwise.nesterovSgd(w, m, g, 0.9f, lr)),
                new Pair("adam", Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build(),
                        () -> Elementwise.adamw(w, m, v, g, lr, 0.9f, 0.999f, 1e-8f, 0f, ++step[0])),
                new Pair("adamw", Optimizer.adamW().optLearningRateTracker(Tracker.fixed(lr)).build(),
                        () -> Elementwise.adamw(w, m, v, g, lr, 0.9f, 0.999f, 1e-8f, 0.01f, ++step[0])));
        table.header("djl: Optimizer.update vs ours, " + size + " parameters (" + reps
                        + " rounds; median [IQR]; speed-up = DJL time / our time in the same round"
                        + (withTargets ? "; target ≥ " + TARGET_SPEEDUP : "") + ")",
                "kernel", "DJL ms", "ours ms", "speed-up", "verdict");
        try (NDManager manager = root.newSubManager()) {
            NDArray weight = manager.randomNormal(new Shape(n));
            NDArray grad = manager.randomNormal(new Shape(n));
            for (Pair p : pairs) {
                String id = "w-" + p.kernel();
                try {
                    p.djl().update(id, weight, grad); // creates the optimizer state outside any scope
                } catch (UnsupportedOperationException e) {
                    table.row(p.kernel(), "n/a: DJL's PyTorch engine has no " + p.djl().getClass().getSimpleName()
                            + " update", "-", "-", "-");
                    continue;
                }
                Runnable djlStep = () -> {
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        p.djl().update(id, weight, grad);
                    }
                };
                Map<String, double[]> t = Timing.roundRobin(
                        List.of(new Timing.Op("djl", djlStep), new Timing.Op("ours", p.ours())), warmup, reps);
                Timing.Stats djlMs = Timing.Stats.of(t.get("djl"));
                Timing.Stats oursMs = Timing.Stats.of(t.get("ours"));
                Timing.Stats speedup = Timing.pairedRatio(t.get("djl"), t.get("ours"));
                String verdict = withTargets ? (speedup.median() >= TARGET_SPEEDUP ? "PASS" : "MISS") : null;
                table.row(p.kernel(), djlMs.fmt(2), oursMs.fmt(2), speedup.fmt(1), verdict == null ? "-" : verdict);
                rows.add(new Row("djl", p.kernel(), size, "djl-pytorch Optimizer.update", djlMs.median(), djlMs.q1(),
                        djlMs.q3(), 1000 / djlMs.median(), "calls/s", null, null, null));
                rows.add(new Row("djl", p.kernel(), size, "ours", oursMs.median(), oursMs.q1(), oursMs.q3(),
                        1000 / oursMs.median(), "calls/s", speedup.median(), "djl", verdict));
            }
        }
        return rows;
    }
}
