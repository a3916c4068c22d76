package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.vector.L2;

/**
 * Frobenius norm ‖W‖_F = √(Σ Wᵢⱼ²) of a matrix. Self-dual; t* = G/‖G‖_F. The penalized step is
 * plain gradient descent with learning rate 1/(2c). The arithmetic is the entrywise ℓ2 norm's
 * ({@link L2}); this class adds the matrix-only shape check and the matrix wording.
 */
public final class Frobenius implements Norm {
    private static final L2 ENTRYWISE = new L2();

    @Override
    public String spec() {
        return "frobenius";
    }

    @Override
    public void checkShape(Tensor x) {
        Shapes.requireMatrix("frobenius", x);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        return ENTRYWISE.value(x);
    }

    @Override
    public double dual(Tensor g) {
        return value(g);
    }

    @Override
    public Dualized dualize(Tensor g) {
        checkShape(g);
        return ENTRYWISE.dualize(g);
    }

    /** Always unique: the Frobenius ball is strictly convex. */
    @Override
    public boolean uniqueAt(Tensor g) {
        checkShape(g);
        return true;
    }

    @Override
    public void checkShape(Shape shape) {
        Shapes.requireMatrix("frobenius", shape);
    }

    /** The entrywise L2 float step. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        checkShape(shape);
        return ENTRYWISE.dualizeInPlace(g, shape);
    }

    /** The entrywise L2 fused step. */
    @Override
    public double descendInPlace(float[] theta, float[] g, float[] work, Shape shape, double rate,
                                 boolean scaleByDual) {
        checkShape(shape);
        return ENTRYWISE.descendInPlace(theta, g, work, shape, rate, scaleByDual);
    }
}
