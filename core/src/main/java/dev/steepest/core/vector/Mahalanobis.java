package dev.steepest.core.vector;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Cholesky;
import dev.steepest.core.linalg.Vec;

/**
 * Mahalanobis norm √(xᵀAx) for a symmetric positive definite A. Dual √(gᵀA⁻¹g);
 * t* = A⁻¹g/‖g‖_*, computed by a Cholesky solve (A is never inverted): preconditioned
 * gradient descent, Newton's step when A is the Hessian and c = 1/2.
 */
public final class Mahalanobis implements Norm {
    private final String source;
    private final Cholesky chol;
    /** Scratch for the float step, one per thread, allocated on a thread's first step. */
    private final ThreadLocal<double[]> work;

    /**
     * @param n dimension
     * @param a the n×n matrix A, row-major; must be symmetric positive definite
     * @param source where A came from, for {@link #spec()} (a file name, say)
     */
    public Mahalanobis(int n, double[] a, String source) {
        this.chol = Cholesky.factor(n, a);
        this.source = source;
        this.work = ThreadLocal.withInitial(() -> new double[n]);
    }

    @Override
    public String spec() {
        return "mahalanobis:" + source;
    }

    @Override
    public void checkShape(Tensor x) {
        Weights.checkSize("mahalanobis", chol.size(), x);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        return Vec.norm2(chol.timesLTranspose(x.toArray()));
    }

    @Override
    public double dual(Tensor g) {
        checkShape(g);
        return Vec.norm2(chol.forward(g.toArray()));
    }

    @Override
    public Dualized dualize(Tensor g) {
        double s = dual(g);
        if (s == 0) {
            return new Dualized(Tensor.zerosLike(g), 0);
        }
        double[] t = chol.solve(g.toArray());
        for (int i = 0; i < t.length; i++) {
            t[i] /= s;
        }
        return new Dualized(Tensor.like(g, t), s);
    }

    /** t* = A⁻¹g/‖g‖_* by two triangular solves in a double workspace, written back as float; returns ‖g‖_*. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        checkShape(shape);
        double[] y = work.get();
        for (int i = 0; i < g.length; i++) {
            y[i] = g[i];
        }
        chol.forwardInPlace(y);
        double sq = 0;
        for (double v : y) {
            sq += v * v;
        }
        double s = Math.sqrt(sq);
        if (s == 0) {
            java.util.Arrays.fill(g, 0f);
            return 0;
        }
        chol.backwardInPlace(y);
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (y[i] / s);
        }
        return s;
    }

    @Override
    public void checkShape(Shape shape) {
        Weights.checkSize("mahalanobis", chol.size(), shape);
    }

    @Override
    public boolean uniqueAt(Tensor g) {
        return true;
    }
}
