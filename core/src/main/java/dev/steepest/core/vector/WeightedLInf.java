package dev.steepest.core.vector;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;

/**
 * Weighted ℓ∞ norm max wᵢ|xᵢ|, wᵢ &gt; 0. Dual Σ |gᵢ|/wᵢ; t*ᵢ = sign(gᵢ)/wᵢ (0 where gᵢ = 0):
 * weighted sign descent.
 */
public final class WeightedLInf implements Norm {
    private final double[] w;

    /** @param weights wᵢ, each positive and finite */
    public WeightedLInf(double... weights) {
        this.w = Weights.positive("wlinf", weights);
    }

    @Override
    public String spec() {
        return "wlinf:" + Weights.join(w);
    }

    @Override
    public void checkShape(Tensor x) {
        Weights.checkSize("wlinf", w.length, x);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        double m = 0;
        for (int i = 0; i < w.length; i++) {
            m = Math.max(m, w[i] * Math.abs(x.at(i)));
        }
        return m;
    }

    @Override
    public double dual(Tensor g) {
        checkShape(g);
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += Math.abs(g.at(i)) / w[i];
        }
        return s;
    }

    @Override
    public Dualized dualize(Tensor g) {
        double s = dual(g);
        double[] t = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double v = g.at(i);
            t[i] = v > 0 ? 1 / w[i] : v < 0 ? -1 / w[i] : 0;
        }
        return new Dualized(Tensor.like(g, t), s);
    }

    /** t*ᵢ = sign(gᵢ)/wᵢ in float, in place; returns Σ |gᵢ|/wᵢ. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        checkShape(shape);
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            float v = g[i];
            s += Math.abs(v) / w[i];
            g[i] = v > 0 ? (float) (1 / w[i]) : v < 0 ? (float) (-1 / w[i]) : 0f;
        }
        return s;
    }

    @Override
    public void checkShape(Shape shape) {
        Weights.checkSize("wlinf", w.length, shape);
    }

    @Override
    public boolean uniqueAt(Tensor g) {
        if (g.isZero()) {
            return true;
        }
        for (int i = 0; i < g.size(); i++) {
            if (g.at(i) == 0) {
                return false;
            }
        }
        return true;
    }
}
