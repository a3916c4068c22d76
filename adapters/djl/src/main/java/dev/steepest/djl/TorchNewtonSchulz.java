package dev.steepest.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.NewtonSchulz;
import dev.steepest.core.linalg.Orthogonalizer;

/**
 * The quintic Newton–Schulz orthogonalizer ({@code ns5}: (3.4445, −4.7750, 2.0315) × 5 steps, the
 * core's {@link NewtonSchulz#ns5()}) with its matrix products run by PyTorch in float32 through
 * DJL. Same iteration as the core (X₀ = G/‖G‖_F on the wide side, X ← aX + (bA + cA²)X with
 * A = XXᵀ, error ‖OOᵀ − I‖_F on the smaller side). Measurements against the core's and the
 * kernels' iterations are in adapters/djl/README.md.
 *
 * <p>Use it in a composition: {@code Norms.parse("spectral", new TorchNewtonSchulz())}.
 * Not thread-safe; each optimizer should hold its own.
 */
public final class TorchNewtonSchulz implements Orthogonalizer {
    private static final double[] Q = NewtonSchulz.QUINTIC;
    private static final int STEPS = 5;
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
        if (!g.isFinite()) {
            throw new IllegalArgumentException("orthogonalization needs finite entries");
        }
        int m = g.rows();
        int n = g.cols();
        double max = g.maxAbs();
        if (max == 0) {
            return new Polar(Tensor.zerosLike(g), 0);
        }
        double[] d = g.toArray();
        float[] f = new float[d.length];
        double sq = 0;
        for (int i = 0; i < d.length; i++) {
            double v = d[i] / max;
            sq += v * v;
        }
        double scale = 1 / (max * Math.sqrt(sq));
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) (d[i] * scale);
        }
        boolean tall = m > n;
        int k = tall ? n : m;
        if (manager == null) {
            DjlEnvironment.configureOffline();
            manager = NDManager.newBaseManager();
        }
        try (NDManager tmp = manager.newSubManager()) {
            NDArray x = tmp.create(f, new Shape(m, n));
            if (tall) {
                x = x.transpose();
            }
            for (int s = 0; s < STEPS; s++) {
                NDArray a = x.matMul(x.transpose());
                NDArray b = a.mul((float) Q[1]).add(a.matMul(a).mul((float) Q[2]));
                x = x.mul((float) Q[0]).add(b.matMul(x));
            }
            NDArray gram = x.matMul(x.transpose()).sub(tmp.eye(k));
            double error = Math.sqrt(gram.square().sum().getFloat());
            if (tall) {
                x = x.transpose();
            }
            float[] out = x.toFloatArray();
            double[] o = new double[out.length];
            for (int i = 0; i < o.length; i++) {
                o[i] = out[i];
            }
            return new Polar(Tensor.matrix(m, n, o), error);
        }
    }
}
