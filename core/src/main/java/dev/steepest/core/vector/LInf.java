package dev.steepest.core.vector;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.kernels.Elementwise;
import dev.steepest.core.linalg.Vec;

/**
 * ℓ∞ norm max |xᵢ| (entrywise on a matrix). Dual ℓ1; t* = sign(g), with 0 where gᵢ = 0
 * (any value in [−1, 1] there is optimal; 0 is the documented choice).
 *
 * <p>The penalized step u = −(‖g‖₁/(2c))·sign(g) is sign descent whose step grows with ‖g‖₁.
 * It is not SignSGD: SignSGD takes a fixed step, which is the constrained form u = −η·sign(g).
 */
public final class LInf implements Norm {
    @Override
    public String spec() {
        return "linf";
    }

    @Override
    public void checkShape(Tensor x) {
        // any shape: the entrywise norm
    }

    @Override
    public double value(Tensor x) {
        return Vec.maxAbs(x.toArray());
    }

    @Override
    public double dual(Tensor g) {
        return Vec.sumAbs(g.toArray());
    }

    @Override
    public Dualized dualize(Tensor g) {
        double[] d = g.toArray();
        double s = Vec.sumAbs(d);
        for (int i = 0; i < d.length; i++) {
            d[i] = Vec.sign(d[i]);
        }
        return new Dualized(Tensor.like(g, d), s);
    }

    /** t* = sign(g) in float, in place ({@link Elementwise#sign}); returns ‖g‖₁. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        double s = Elementwise.sumAbs(g);
        Elementwise.sign(g, g);
        return s;
    }

    /**
     * θ ← θ − rate·‖g‖₁·sign(g) (penalized: ‖g‖₁, then one pass over θ) or θ − rate·sign(g) (SignSGD: one pass,
     * which also sums ‖g‖₁).
     */
    @Override
    public double descendInPlace(float[] theta, float[] g, float[] work, Shape shape, double rate,
                                 boolean scaleByDual) {
        if (!scaleByDual && Float.isFinite((float) rate)) {
            return Elementwise.signStep(theta, g, (float) rate);
        }
        double s = Elementwise.sumAbs(g);
        double a = scaleByDual ? rate * s : rate;
        if (!Float.isFinite((float) a)) {
            return Norm.super.descendInPlace(theta, g, work, shape, rate, scaleByDual);
        }
        Elementwise.signStep(theta, g, (float) a);
        return s;
    }

    @Override
    public void checkShape(Shape shape) {
        // any shape
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
