package dev.steepest.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Orthogonalizer;
import dev.steepest.core.linalg.PolarSchedules;

/**
 * The quintic Newton–Schulz orthogonalizer ({@code ns5}: {@link PolarSchedules#ns5()}) with its matrix
 * products run by PyTorch in float32 through DJL. Same iteration as the core (X₀ = G/‖G‖_F on the wide side,
 * X ← aX + (bA + cA²)X with A = XXᵀ); the orthogonality error is the core's
 * {@link Orthogonalizer#orthogonalityError}.
 *
 * <p>Use it in a composition: {@code Presets.muon(lr, new TorchNewtonSchulz())}.
 * Not thread-safe; each optimizer should hold its own.
 */
public final class TorchNewtonSchulz implements Orthogonalizer {
    private static final double[][] SCHEDULE = PolarSchedules.ns5();
    private NDManager manager;

    @Override
    public String spec() {
        return "ns5-torch";
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public Polar orthogonalize(Tensor g) {
        if (!g.isMatrix()) {
            throw new IllegalArgumentException("orthogonalization needs a matrix, got a vector of length " + g.size());
        }
        double[] d = g.toArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        orthogonalizeInPlace(f, Shape.of(g));
        double[] o = new double[f.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = f[i];
        }
        Tensor factor = Tensor.matrix(g.rows(), g.cols(), o);
        return new Polar(factor, Orthogonalizer.orthogonalityError(factor));
    }

    /** The float step in libtorch: g ← NS5(G); returns ⟨G, O⟩. */
    @Override
    public double orthogonalizeInPlace(float[] g, Shape shape) {
        Orthogonalizer.checkFloat(g, shape);
        int m = shape.rows();
        int n = shape.cols();
        double sq = 0;
        for (float x : g) {
            sq += (double) x * x;
        }
        if (!Double.isFinite(sq)) {
            throw new IllegalArgumentException("orthogonalization needs finite entries");
        }
        if (sq == 0) {
            return 0;
        }
        if (manager == null) {
            DjlEnvironment.configureOffline();
            manager = NDManager.newBaseManager();
        }
        try (NDManager tmp = manager.newSubManager()) {
            NDArray g0 = tmp.create(g, new ai.djl.ndarray.types.Shape(m, n));
            NDArray x = g0.div((float) Math.sqrt(sq));
            boolean tall = m > n;
            if (tall) {
                x = x.transpose();
            }
            for (double[] abc : SCHEDULE) {
                NDArray a = x.matMul(x.transpose());
                NDArray b = a.mul((float) abc[1]).add(a.matMul(a).mul((float) abc[2]));
                x = x.mul((float) abc[0]).add(b.matMul(x));
            }
            if (tall) {
                x = x.transpose();
            }
            double dot = g0.mul(x).sum().getFloat();
            float[] out = x.toFloatArray();
            System.arraycopy(out, 0, g, 0, g.length);
            return dot;
        }
    }
}
