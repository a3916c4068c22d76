package dev.steepest.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.steepest.djl.SteepestOptimizer;
import dev.steepest.core.kernels.Elementwise;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The same optimizer steps through DJL's own {@code Optimizer.update} (PyTorch engine, NDArrays in native
 * memory), through our kernels on float[], and, where a preset does the same step, through our DJL adapter
 * {@link SteepestOptimizer} called the way DJL's parameter server calls an optimizer; all timed in the same rounds:
 * speed-up = DJL time / our time (kernels or adapter).
 */
final class DjlFamily {

    static final double TARGET_SPEEDUP = 5.0;
    /** The adapter's target: DJL update time / adapter update time. */
    static final double TARGET_ADAPTER = 2.0;

    private DjlFamily() {
    }

    /** One step three ways; {@code preset} names the steepest preset doing the same step, or null if none. */
    private record Pair(String kernel, Optimizer djl, Runnable ours, String preset) {
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
                        () -> Elementwise.sgd(w, g, lr), "sgd"),
                new Pair("momentum-sgd", Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).optMomentum(0.9f).build(),
                        () -> Elementwise.momentumSgd(w, m, g, 0.9f, lr), "sgd-momentum"),
                new Pair("nesterov-sgd", Optimizer.nag().setLearningRateTracker(Tracker.fixed(lr)).setMomentum(0.9f).build(),
                        () -> Elementwise.nesterovSgd(w, m, g, 0.9f, lr), null),
                new Pair("adam", Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build(),
                        () -> Elementwise.adamw(w, m, v, g, lr, 0.9f, 0.999f, 1e-8f, 0f, ++step[0]), null),
                new Pair("adamw", Optimizer.adamW().optLearningRateTracker(Tracker.fixed(lr)).build(),
                        () -> Elementwise.adamw(w, m, v, g, lr, 0.9f, 0.999f, 1e-8f, 0.01f, ++step[0]), "adamw"));
        table.header("djl: Optimizer.update vs ours, " + size + " parameters (" + reps
                        + " rounds; median [IQR]; speed-up = DJL time / our time in the same round"
                        + (withTargets ? "; target ≥ " + TARGET_SPEEDUP + " for ours" : "")
                        + "; steepest-djl = SteepestOptimizer.update with the preset doing the same step, target ≥ "
                        + TARGET_ADAPTER + ")",
                "kernel", "DJL ms", "ours ms", "speed-up", "verdict", "steepest-djl ms", "speed-up", "verdict");
        try (NDManager manager = root.newSubManager()) {
            NDArray weight = manager.randomNormal(new Shape(n));
            NDArray grad = manager.randomNormal(new Shape(n));
            // the adapter steps its own copy of the same tensors: on shared ones, whichever of DJL and the adapter ran
            // second in a round would find the weight and gradient in cache, brought there by the other
            NDArray adapterWeight = weight.duplicate();
            NDArray adapterGrad = grad.duplicate();
            for (Pair p : pairs) {
                String id = "w-" + p.kernel();
                try {
                    p.djl().update(id, weight, grad); // creates the optimizer state outside any scope
                } catch (UnsupportedOperationException e) {
                    table.row(p.kernel(), "n/a: DJL's PyTorch engine has no " + p.djl().getClass().getSimpleName()
                            + " update", "-", "-", "-", "-", "-", "-");
                    continue;
                }
                Runnable djlStep = () -> {
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        p.djl().update(id, weight, grad);
                    }
                };
                List<Timing.Op> ops = new ArrayList<>(
                        List.of(new Timing.Op("djl", djlStep), new Timing.Op("ours", p.ours())));
                if (p.preset() != null) {
                    // the adapter as DJL's LocalParameterServer calls it: update(id, weight, grad) on its own copy of the NDArrays
                    SteepestOptimizer adapter = SteepestOptimizer.builder().preset(p.preset()).optLearningRate(lr).build();
                    String adapterId = "a-" + p.kernel();
                    adapter.update(adapterId, adapterWeight, adapterGrad); // creates the adapter's state, untimed
                    Runnable adapterStep = () -> {
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            adapter.update(adapterId, adapterWeight, adapterGrad);
                        }
                    };
                    // its kernels run on native memory, code no other family has compiled: give C2 the time the step
                    // family gives (after the other families, a short warm-up timed them before C2 had compiled them)
                    StepFamily.warm(adapterStep, StepFamily.WARMUP_NS);
                    ops.add(new Timing.Op("adapter", adapterStep));
                }
                Map<String, double[]> t = Timing.roundRobin(ops, warmup, reps);
                Timing.Stats djlMs = Timing.Stats.of(t.get("djl"));
                Timing.Stats oursMs = Timing.Stats.of(t.get("ours"));
                Timing.Stats speedup = Timing.pairedRatio(t.get("djl"), t.get("ours"));
                String verdict = withTargets ? (speedup.median() >= TARGET_SPEEDUP ? "PASS" : "MISS") : null;
                String adapterCell = "-", adapterSpeedupCell = "-", adapterVerdict = null;
                Timing.Stats adapterMs = null, adapterSpeedup = null;
                if (t.containsKey("adapter")) {
                    adapterMs = Timing.Stats.of(t.get("adapter"));
                    adapterSpeedup = Timing.pairedRatio(t.get("djl"), t.get("adapter"));
                    adapterCell = adapterMs.fmt(2);
                    adapterSpeedupCell = adapterSpeedup.fmt(2);
                    adapterVerdict = adapterSpeedup.median() >= TARGET_ADAPTER ? "PASS" : "MISS";
                }
                table.row(p.kernel(), djlMs.fmt(2), oursMs.fmt(2), speedup.fmt(1), verdict == null ? "-" : verdict,
                        adapterCell, adapterSpeedupCell, adapterVerdict == null ? "-" : adapterVerdict);
                rows.add(new Row("djl", p.kernel(), size, "djl-pytorch Optimizer.update", djlMs.median(), djlMs.q1(),
                        djlMs.q3(), 1000 / djlMs.median(), "calls/s", null, null, null));
                rows.add(new Row("djl", p.kernel(), size, "ours", oursMs.median(), oursMs.q1(), oursMs.q3(),
                        1000 / oursMs.median(), "calls/s", speedup.median(), "djl", verdict));
                if (adapterMs != null) {
                    rows.add(new Row("djl", p.preset(), size, "steepest-djl",
                            adapterMs.median(), adapterMs.q1(), adapterMs.q3(), 1000 / adapterMs.median(), "calls/s",
                            adapterSpeedup.median(), "djl", adapterVerdict));
                }
            }
        }
        return rows;
    }
}
