package dev.steepest.core.vector;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Vec;

/**
 * ℓp norm (Σ |xᵢ|^p)^(1/p) for 1 &lt; p &lt; ∞ (entrywise on a matrix). Dual ℓq with
 * 1/p + 1/q = 1; t*ᵢ = sign(gᵢ)|gᵢ|^(q−1)/‖g‖_q^(q−1): p-norm descent. Computed on g/max|g|
 * so that huge and tiny gradients stay exact.
 */
public final class Lp implements Norm {
    private final double p;
    private final double q;

    /** @param p the exponent, 1 &lt; p &lt; ∞ */
    public Lp(double p) {
        if (!(p > 1) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("lp needs 1 < P < ∞, got P = " + p
                    + " (use l1 for P = 1 and linf for P = ∞)");
        }
        this.p = p;
        this.q = p / (p - 1);
    }

    /** The exponent p. */
    public double p() {
        return p;
    }

    /** The dual exponent q = p/(p−1). */
    public double q() {
        return q;
    }

    @Override
    public String spec() {
        return "lp:" + fmt(p);
    }

    @Override
    public void checkShape(Tensor x) {
        // any shape: the entrywise norm
    }

    @Override
    public double value(Tensor x) {
        return Vec.normP(x.toArray(), p);
    }

    @Override
    public double dual(Tensor g) {
        return Vec.normP(g.toArray(), q);
    }

    @Override
    public Dualized dualize(Tensor g) {
        double[] d = g.toArray();
        double m = Vec.maxAbs(d);
        if (m == 0) {
            return new Dualized(Tensor.zerosLike(g), 0);
        }
        double[] h = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            h[i] = d[i] / m;
        }
        double hq = Vec.normP(h, q);
        double denom = Math.pow(hq, q - 1);
        double[] t = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            t[i] = Vec.sign(h[i]) * Math.pow(Math.abs(h[i]), q - 1) / denom;
        }
        return new Dualized(Tensor.like(g, t), m * hq);
    }

    @Override
    public boolean uniqueAt(Tensor g) {
        return true;
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
