package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.NormInfo;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Vec;

/**
 * Frobenius norm ‖W‖_F = √(Σ Wᵢⱼ²) of a matrix. Self-dual; t* = G/‖G‖_F. The penalized step is
 * plain gradient descent with learning rate 1/(2c). Computed on G/max|Gᵢⱼ| (exact for 1e±150).
 */
public final class Frobenius implements Norm {
    private static final NormInfo INFO = new NormInfo("Frobenius (√Σ Wᵢⱼ²)", "Frobenius (self-dual)", "G / ‖G‖_F",
            "gradient descent with learning rate 1/(2c)",
            "normalized gradient descent (step of Frobenius length η)", "");

    @Override
    public String spec() {
        return "frobenius";
    }

    @Override
    public NormInfo info() {
        return INFO;
    }

    @Override
    public void checkShape(Tensor x) {
        Shapes.requireMatrix("frobenius", x);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        return Vec.norm2(x.toArray());
    }

    @Override
    public double dual(Tensor g) {
        return value(g);
    }

    @Override
    public Dualized dualize(Tensor g) {
        checkShape(g);
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

    /** Always unique: the Frobenius ball is strictly convex. */
    @Override
    public boolean uniqueAt(Tensor g) {
        checkShape(g);
        return true;
    }
}
