package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.vector.LInf;

/**
 * Max-abs norm max |Wᵢⱼ| of a matrix (the ℓ1→ℓ∞ operator norm). Dual Σ |Gᵢⱼ|; t* = sign(G) with 0
 * where Gᵢⱼ = 0 (any value in [−1, 1] there is optimal; 0 is the documented choice): sign descent
 * on a matrix. As for ℓ∞, the penalized step grows with Σ|Gᵢⱼ| and is not SignSGD; the
 * constrained step is. The arithmetic is the entrywise ℓ∞ norm's ({@link LInf}); this class adds
 * the matrix-only shape check and the matrix wording.
 */
public final class MaxAbs implements Norm {
    private static final LInf ENTRYWISE = new LInf();

    @Override
    public String spec() {
        return "maxabs";
    }

    @Override
    public void checkShape(Tensor x) {
        Shapes.requireMatrix("maxabs", x);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        return ENTRYWISE.value(x);
    }

    @Override
    public double dual(Tensor g) {
        checkShape(g);
        return ENTRYWISE.dual(g);
    }

    @Override
    public Dualized dualize(Tensor g) {
        checkShape(g);
        return ENTRYWISE.dualize(g);
    }

    /** Unique unless some entry of a non-zero G is zero. */
    @Override
    public boolean uniqueAt(Tensor g) {
        checkShape(g);
        return ENTRYWISE.uniqueAt(g);
    }

    @Override
    public void checkShape(Shape shape) {
        Shapes.requireMatrix("maxabs", shape);
    }

    /** The entrywise LInf float step. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        checkShape(shape);
        return ENTRYWISE.dualizeInPlace(g, shape);
    }

    /** The entrywise LInf fused step. */
    @Override
    public double descendInPlace(float[] theta, float[] g, float[] work, Shape shape, double rate,
                                 boolean scaleByDual) {
        checkShape(shape);
        return ENTRYWISE.descendInPlace(theta, g, work, shape, rate, scaleByDual);
    }
}
