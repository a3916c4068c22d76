package dev.steepest.core.vector;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Tensor;
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
