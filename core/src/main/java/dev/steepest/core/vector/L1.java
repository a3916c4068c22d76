package dev.steepest.core.vector;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.kernels.Elementwise;
import java.util.Arrays;
import dev.steepest.core.linalg.Vec;

/**
 * ℓ1 norm Σ |xᵢ| (entrywise on a matrix). Dual ℓ∞; t* = sign(g_k)·e_k with k = argmax |g_k|:
 * greedy (Gauss–Southwell) coordinate descent. On ties the lowest index is chosen; every
 * tied choice gives the same objective.
 */
public final class L1 implements Norm {
    @Override
    public String spec() {
        return "l1";
    }

    @Override
    public void checkShape(Tensor x) {
        // any shape: the entrywise norm
    }

    @Override
    public double value(Tensor x) {
        return Vec.sumAbs(x.toArray());
    }

    @Override
    public double dual(Tensor g) {
        return Vec.maxAbs(g.toArray());
    }

    @Override
    public Dualized dualize(Tensor g) {
        int k = argmaxAbs(g);
        double[] t = new double[g.size()];
        double m = Math.abs(g.at(k));
        if (m > 0) {
            t[k] = Vec.sign(g.at(k));
        }
        return new Dualized(Tensor.like(g, t), m);
    }

    /** t* = sign(g_k)·e_k at the first k of largest |g_k|, in place; returns max |gᵢ|. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        float m = Elementwise.maxAbs(g);
        int k = 0;
        while (k < g.length - 1 && !(Math.abs(g[k]) == m)) {
            k++;
        }
        float sign = Math.signum(g[k]);
        Arrays.fill(g, 0f);
        if (m > 0) {
            g[k] = sign;
        }
        return m;
    }

    @Override
    public void checkShape(Shape shape) {
        // any shape
    }

    @Override
    public boolean uniqueAt(Tensor g) {
        double m = Vec.maxAbs(g.toArray());
        if (m == 0) {
            return true;
        }
        int count = 0;
        for (int i = 0; i < g.size(); i++) {
            if (Math.abs(g.at(i)) == m) {
                count++;
            }
        }
        return count == 1;
    }

    private static int argmaxAbs(Tensor g) {
        int k = 0;
        for (int i = 1; i < g.size(); i++) {
            if (Math.abs(g.at(i)) > Math.abs(g.at(k))) {
                k = i;
            }
        }
        return k;
    }
}
