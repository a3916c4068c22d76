package dev.steepest.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Locale;

/**
 * Measures one optimizer step on the parameters of the 784-256-10 MLP two ways: copying to float
 * arrays and running the optimizers module (what {@link SteepestOptimizer} does), and the same
 * update written as NDArray operations (run by PyTorch). Also DJL's own optimizers for reference.
 * Run by hand: {@code java -cp … dev.steepest.djl.UpdatePathTiming [repeats]}.
 */
public final class UpdatePathTiming {
    private static final long[][] SHAPES = {{256, 784}, {256}, {10, 256}, {10}};

    private UpdatePathTiming() {
    }

    public static void main(String[] args) {
        DjlEnvironment.configureOffline();
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] w = new NDArray[SHAPES.length];
            NDArray[] g = new NDArray[SHAPES.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = m.randomNormal(new Shape(SHAPES[i])).muli(0.05f);
                g[i] = m.randomNormal(new Shape(SHAPES[i])).muli(0.01f);
            }
            System.out.printf(Locale.ROOT, "one step on the MLP 784-256-10 (%d floats), mean of %d steps after warm-up%n",
                    count(), repeats);
            for (String preset : args.length > 1 ? args[1].split(",") : new String[] {"sgd-momentum", "adamw", "muon"}) {
                try {
                    Optimizer copy = SteepestOptimizer.builder().preset(preset).optLearningRate(1e-3f).build();
                    report("copy + optimizers module: " + preset, time(copy, w, g, repeats));
                } catch (IllegalArgumentException e) {
                    System.out.println("copy + optimizers module: " + preset + ": not available: " + e.getMessage());
                }
            }
            report("NDArray ops: sgd-momentum", time(new NdMomentum(m), w, g, repeats));
            report("NDArray ops: adamw", time(new NdAdamW(m), w, g, repeats));
            report("NDArray ops: muon (Nesterov + NS5 on the 2-D weights)", time(new NdMuon(m), w, g, repeats));
            report("DJL Optimizer.sgd() momentum 0.9", time(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e-3f))
                    .optMomentum(0.9f).build(), w, g, repeats));
            report("DJL Optimizer.adamW()", time(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).build(),
                    w, g, repeats));
        }
    }

    private static long count() {
        long n = 0;
        for (long[] s : SHAPES) {
            long k = 1;
            for (long d : s) {
                k *= d;
            }
            n += k;
        }
        return n;
    }

    private static void report(String what, double micros) {
        System.out.printf(Locale.ROOT, "  %-58s %9.1f µs/step%n", what, micros);
    }

    private static double time(Optimizer o, NDArray[] w, NDArray[] g, int repeats) {
        for (int r = 0; r < 20; r++) {
            for (int i = 0; i < w.length; i++) {
                o.update("p" + i, w[i], g[i]);
            }
        }
        long t0 = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < w.length; i++) {
                o.update("p" + i, w[i], g[i]);
            }
        }
        return (System.nanoTime() - t0) / 1e3 / repeats;
    }

    /** m ← 0.9m + g; θ ← θ − lr·m, in place. */
    private static final class NdMomentum extends Optimizer {
        private final NDManager m;
        private final java.util.Map<String, NDArray> mom = new java.util.HashMap<>();

        NdMomentum(NDManager m) {
            super(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e-3f)));
            this.m = m;
        }

        @Override
        public void update(String id, NDArray w, NDArray g) {
            NDArray mu = mom.computeIfAbsent(id, k -> m.zeros(g.getShape()));
            mu.muli(0.9f).addi(g);
            try (NDArray step = mu.mul(1e-3f)) {
                w.subi(step);
            }
        }
    }

    /** AdamW with bias correction, in place. */
    private static final class NdAdamW extends Optimizer {
        private final NDManager m;
        private final java.util.Map<String, NDArray[]> st = new java.util.HashMap<>();
        private final java.util.Map<String, Integer> t = new java.util.HashMap<>();

        NdAdamW(NDManager m) {
            super(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e-3f)));
            this.m = m;
        }

        @Override
        public void update(String id, NDArray w, NDArray g) {
            NDArray[] s = st.computeIfAbsent(id, k -> new NDArray[] {m.zeros(g.getShape()), m.zeros(g.getShape())});
            int k = t.merge(id, 1, Integer::sum);
            s[0].muli(0.9f).addi(g.mul(0.1f));
            try (NDArray g2 = g.square()) {
                s[1].muli(0.999f).addi(g2.muli(0.001f));
            }
            float c1 = (float) (1 - Math.pow(0.9, k));
            float c2 = (float) (1 - Math.pow(0.999, k));
            try (NDManager tmp = m.newSubManager()) {
                NDArray mh = s[0].div(c1);
                NDArray vh = s[1].div(c2).sqrt().add(1e-8f);
                mh.attach(tmp);
                vh.attach(tmp);
                NDArray step = mh.div(vh).add(w.mul(0.01f)).mul(1e-3f);
                step.attach(tmp);
                w.subi(step);
            }
        }
    }

    /** Nesterov momentum + quintic Newton–Schulz (5 steps) + 0.2·√max(m,n) scale on matrices; AdamW-free for brevity. */
    private static final class NdMuon extends Optimizer {
        private final NDManager m;
        private final java.util.Map<String, NDArray> mom = new java.util.HashMap<>();

        NdMuon(NDManager m) {
            super(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e-3f)));
            this.m = m;
        }

        @Override
        public void update(String id, NDArray w, NDArray g) {
            NDArray mu = mom.computeIfAbsent(id, k -> m.zeros(g.getShape()));
            mu.muli(0.95f).addi(g);
            try (NDManager tmp = m.newSubManager()) {
                NDArray u = g.add(mu.mul(0.95f));
                u.attach(tmp);
                if (u.getShape().dimension() == 2) {
                    boolean tall = u.getShape().get(0) > u.getShape().get(1);
                    NDArray x = tall ? u.transpose() : u;
                    x = x.div(x.norm().add(1e-7f));
                    for (int i = 0; i < 5; i++) {
                        NDArray a = x.matMul(x.transpose());
                        NDArray b = a.mul(-4.7750f).add(a.matMul(a).mul(2.0315f));
                        x = x.mul(3.4445f).add(b.matMul(x));
                    }
                    if (tall) {
                        x = x.transpose();
                    }
                    long mx = Math.max(u.getShape().get(0), u.getShape().get(1));
                    u = x.mul((float) (0.2 * Math.sqrt(mx)));
                }
                w.muli(1 - 1e-3f * 0.01f).subi(u.mul(1e-3f));
            }
        }
    }
}
