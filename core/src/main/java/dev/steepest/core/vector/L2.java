package dev.steepest.core.vector;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.kernels.Elementwise;
import dev.steepest.core.linalg.Vec;

/**
 * Euclidean norm ‖x‖₂ (Frobenius on a matrix). Self-dual; t* = g/‖g‖₂.
 * The penalized step is gradient descent with learning rate 1/(2c).
 */
public final class L2 implements Norm {
    @Override
    public String spec() {
        return "l2";
    }

    @Override
    public void checkShape(Tensor x) {
        // any shape: the entrywise norm
    }

    @Override
    public double value(Tensor x) {
        return Vec.norm2(x.toArray());
    }

    @Override
    public double dual(Tensor g) {
        return value(g);
    }

    @Override
    public Dualized dualize(Tensor g) {
        double[] d = g.toArray();
        double n = Vec.norm2(d);
        if (n == 0) {
            return new Dualized(Tensor.zerosLike(g), 0);
        }
        for (int i = 0; i < d.length; i++) {
            d[i] /= n;
        }
        return new Dualized(Tensor.like(g, d), n);
    }

    /** t* = g/‖g‖₂ in float, in place (g = 0 stays 0); returns ‖g‖₂. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        double n = Elementwise.norm2(g);
        if (n > 0) {
            Elementwise.scale(g, 1 / n);
        }
        return n;
    }

    /** Penalized: θ ← θ − rate·g (gradient descent); constrained: θ ← θ − rate·g/‖g‖₂. One pass over θ after ‖g‖₂. */
    @Override
    public double descendInPlace(float[] theta, float[] g, float[] work, Shape shape, double rate,
                                 boolean scaleByDual) {
        if (scaleByDual) {
            double n = Elementwise.norm2(g);
            Elementwise.sgd(theta, g, (float) rate);
            return n;
        }
        return rate > 0 ? Elementwise.l2Constrained(theta, g, rate) : Elementwise.norm2(g);
    }

    @Override
    public void checkShape(Shape shape) {
        // any shape
    }

    @Override
    public boolean uniqueAt(Tensor g) {
        return true;
    }
}
