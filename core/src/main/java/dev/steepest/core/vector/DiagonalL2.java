package dev.steepest.core.vector;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Vec;

/**
 * Diagonally weighted ℓ2 norm √(Σ dᵢxᵢ²), dᵢ &gt; 0. Dual √(Σ gᵢ²/dᵢ); t* = D⁻¹g/‖g‖_*:
 * diagonally preconditioned gradient descent.
 */
public final class DiagonalL2 implements Norm {
    private final double[] d;
    /** √dᵢ, for the float step. */
    private final double[] roots;

    /** @param weights dᵢ, each positive and finite */
    public DiagonalL2(double... weights) {
        this.d = Weights.positive("diag", weights);
        this.roots = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            roots[i] = Math.sqrt(d[i]);
        }
    }

    @Override
    public String spec() {
        return "diag:" + Weights.join(d);
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
            double root = Math.sqrt(d[i]);
            t[i] = t[i] / root / s / root; // (gᵢ/√dᵢ)/s stays within the range wherever t* does
        }
        return new Dualized(Tensor.like(g, t), s);
    }

    /**
     * t* = D⁻¹g/‖g‖_* in float, in place; returns ‖g‖_* = √(Σ gᵢ²/dᵢ). In double, with the sum scaled by
     * max |gᵢ/√dᵢ| and each entry divided as in {@link #dualize}, so extreme weights overflow neither.
     */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        checkShape(shape);
        double m = 0;
        for (int i = 0; i < g.length; i++) {
            m = Math.max(m, Math.abs(g[i] / roots[i]));
        }
        if (m == 0) {
            return 0;
        }
        double sq = 0;
        for (int i = 0; i < g.length; i++) {
            double v = g[i] / roots[i] / m;
            sq += v * v;
        }
        double s = m * Math.sqrt(sq);
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (g[i] / roots[i] / s / roots[i]);
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
