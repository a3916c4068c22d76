package dev.steepest.core.vector;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.kernels.Elementwise;
import java.util.Arrays;
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

    /** The dualizer in float, in place, on g/max|g| as {@link #dualize} does; returns ‖g‖_q. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        float m = Elementwise.maxAbs(g);
        if (m == 0) {
            Arrays.fill(g, 0f);
            return 0;
        }
        Elementwise.scale(g, 1.0 / m);
        double hq = Math.pow(Elementwise.sumAbsPow(g, q), 1 / q);
        Elementwise.signPow(g, q - 1, 1 / Math.pow(hq, q - 1));
        return m * hq;
    }

    /** θ ← θ − a·t*(g) with the powers taken on g/max|g| (kept in {@code work}), one pass over θ. */
    @Override
    public double descendInPlace(float[] theta, float[] g, float[] work, Shape shape, double rate,
                                 boolean scaleByDual) {
        float m = Elementwise.maxAbs(g);
        if (m == 0) {
            return 0;
        }
        if (!Float.isFinite(m)) {
            return Double.NaN; // a NaN or ±∞ in g; θ untouched
        }
        System.arraycopy(g, 0, work, 0, g.length);
        Elementwise.scale(work, 1.0 / m);
        double hq = Math.pow(Elementwise.sumAbsPow(work, q), 1 / q);
        double s = m * hq;
        double a = scaleByDual ? rate * s : rate;
        if (!Float.isFinite((float) a)) {
            return Norm.super.descendInPlace(theta, g, work, shape, rate, scaleByDual);
        }
        Elementwise.powStep(theta, work, (float) (a / Math.pow(hq, q - 1)), (float) (q - 1));
        return s;
    }

    @Override
    public void checkShape(Shape shape) {
        // any shape
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
