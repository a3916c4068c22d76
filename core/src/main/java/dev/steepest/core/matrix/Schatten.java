package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Svd;
import dev.steepest.core.vector.Lp;

/**
 * Schatten-p norm ‖σ(W)‖_p for 1 &lt; p &lt; ∞. Dual Schatten-q with 1/p + 1/q = 1;
 * t* = U diag(σᵢ^(q−1)/‖σ‖_q^(q−1)) Vᵀ. Interpolates gradient descent (p = 2) and the
 * orthogonal (Muon-like) step (p → ∞). Computed on σ/σ₁, so huge and tiny inputs stay exact.
 * The Schatten ball is strictly convex: the step is always unique. Schatten-p is ℓp of the singular values:
 * value, dual, dualizer and the float step all go through {@link Lp} applied to σ ({@link SingularValueNorm}).
 */
public final class Schatten implements Norm {
    private final double p;
    private final double q;
    private final SingularValueNorm sv;

    /** @param p the exponent, 1 &lt; p &lt; ∞ */
    public Schatten(double p) {
        if (p == 1) {
            throw new IllegalArgumentException("schatten needs 1 < P < ∞; Schatten-1 is the nuclear norm: use 'nuclear'");
        }
        if (p == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("schatten needs 1 < P < ∞; Schatten-∞ is the spectral norm: use 'spectral'");
        }
        if (!(p > 1) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("schatten needs 1 < P < ∞, got P = " + p
                    + " (use nuclear for P = 1 and spectral for P = ∞)");
        }
        this.p = p;
        this.q = p / (p - 1);
        this.sv = new SingularValueNorm(new Lp(p));
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
        return "schatten:" + fmt(p);
    }

    @Override
    public void checkShape(Tensor x) {
        Shapes.requireMatrix("schatten", x);
    }

    @Override
    public void checkShape(Shape shape) {
        Shapes.requireMatrix("schatten", shape);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        return sv.value(x);
    }

    @Override
    public double dual(Tensor g) {
        checkShape(g);
        return sv.dual(g);
    }

    @Override
    public Dualized dualize(Tensor g) {
        checkShape(g);
        return sv.dualize(g);
    }

    /** The float step: g ← U diag(t*(σ)) Vᵀ from a float SVD (SGESDD with a native BLAS); returns ‖σ‖_q. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        Shapes.requireData("schatten", g, shape);
        return sv.dualizeInPlace(g, shape);
    }

    @Override
    public boolean uniqueAt(Tensor g) {
        checkShape(g);
        return true;
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
