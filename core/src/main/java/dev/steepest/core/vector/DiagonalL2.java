package dev.steepest.core.vector;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.NormInfo;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Vec;

/**
 * Diagonally weighted ℓ2 norm √(Σ dᵢxᵢ²), dᵢ &gt; 0. Dual √(Σ gᵢ²/dᵢ); t* = D⁻¹g/‖g‖_*:
 * diagonally preconditioned gradient descent.
 */
public final class DiagonalL2 implements Norm {
    private static final NormInfo INFO = new NormInfo("diagonal ℓ2 (√Σ dᵢxᵢ²)", "√(Σ gᵢ²/dᵢ)",
            "D⁻¹g / ‖g‖_*", "diagonally preconditioned gradient descent, u = −D⁻¹g/(2c)",
            "diagonally preconditioned gradient descent with a fixed step η", "");
    private final double[] d;

    /** @param weights dᵢ, each positive and finite */
    public DiagonalL2(double... weights) {
        this.d = Weights.positive("diag", weights);
    }

    @Override
    public String spec() {
        return "diag:" + Weights.join(d);
    }

    @Override
    public NormInfo info() {
        return INFO;
    }

    @Override
    public void checkShape(Tensor x) {
        Weights.checkSize("diag", d.length, x);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        double[] y = x.toArray();
        for (int i = 0; i < y.length; i++) {
            y[i] *= Math.sqrt(d[i]);
        }
        return Vec.norm2(y);
    }

    @Override
    public double dual(Tensor g) {
        checkShape(g);
        double[] y = g.toArray();
        for (int i = 0; i < y.length; i++) {
            y[i] /= Math.sqrt(d[i]);
        }
        return Vec.norm2(y);
    }

    @Override
    public Dualized dualize(Tensor g) {
        double s = dual(g);
        if (s == 0) {
            return new Dualized(Tensor.zerosLike(g), 0);
        }
        double[] t = g.toArray();
        for (int i = 0; i < t.length; i++) {
            t[i] = t[i] / d[i] / s;
        }
        return new Dualized(Tensor.like(g, t), s);
    }

    /** t* = D⁻¹g/‖g‖_* in float, in place; returns ‖g‖_* = √(Σ gᵢ²/dᵢ). */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        checkShape(shape);
        double sq = 0;
        for (int i = 0; i < g.length; i++) {
            double v = g[i];
            sq += v * v / d[i];
        }
        double s = Math.sqrt(sq);
        if (s > 0) {
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (g[i] / d[i] / s);
            }
        }
        return s;
    }

    @Override
    public void checkShape(Shape shape) {
        Weights.checkSize("diag", d.length, shape);
    }

    @Override
    public boolean uniqueAt(Tensor g) {
        return true;
    }
}
