package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Orthogonalizer;
import dev.steepest.core.linalg.Svd;

/**
 * Spectral norm σ₁(W) (the ℓ2→ℓ2 operator norm). Dual: the nuclear norm Σσᵢ(G); t* = U_r V_rᵀ
 * from the reduced SVD G = U Σ Vᵀ with zero singular values dropped (rank r).
 *
 * <p>The constrained step −η·U Vᵀ is Muon without momentum; the penalized step
 * −(Σσᵢ/(2c))·U Vᵀ is the nuclear-norm-scaled orthogonal step (PolarGrad).
 *
 * <p>U Vᵀ comes from an {@link Orthogonalizer}: exact SVD by default. With an inexact one
 * (ns5, cubic, polar-express) t* = O ≈ U Vᵀ, the scale reported is ⟨G, O⟩ (the consistent estimate
 * of Σσᵢ), and {@link Dualized#orthogonalityError()} says how far O is from orthogonal.
 * {@link #value} and {@link #dual} are always exact (SVD). An inexact O need not have spectral norm
 * exactly 1 (ns5's singular values land roughly in [0.7, 1.2]), so ‖t*‖ = 1 holds only to the accuracy
 * of the orthogonalizer.
 *
 * <p>Where G has rank r &lt; min(m, n) the dualizer is not unique (any contraction on the missing
 * directions can be added); the documented choice is U_r V_rᵀ, the minimum-norm one.
 */
public final class Spectral implements Norm {
    private final Orthogonalizer orthogonalizer;

    /** The spectral norm with exact SVD. */
    public Spectral() {
        this(null);
    }

    /** The spectral norm with {@code orthogonalizer} computing U Vᵀ ({@code null} = exact SVD). */
    public Spectral(Orthogonalizer orthogonalizer) {
        this.orthogonalizer = orthogonalizer == null ? new Svd() : orthogonalizer;
    }

    /** The orthogonalizer computing U Vᵀ. */
    public Orthogonalizer orthogonalizer() {
        return orthogonalizer;
    }

    @Override
    public String spec() {
        return "spectral";
    }

    @Override
    public void checkShape(Tensor x) {
        Shapes.requireMatrix("spectral", x);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        return Svd.decompose(x).largest();
    }

    @Override
    public double dual(Tensor g) {
        checkShape(g);
        return sum(Svd.decompose(g).sigma());
    }

    @Override
    public Dualized dualize(Tensor g) {
        checkShape(g);
        Orthogonalizer.Polar p = orthogonalizer.orthogonalize(g);
        return new Dualized(p.factor(), g.dot(p.factor()), p.orthogonalityError());
    }

    @Override
    public void checkShape(Shape shape) {
        Shapes.requireMatrix("spectral", shape);
    }

    /** The float step: g ← O ≈ U Vᵀ by the orthogonalizer's float path; returns ⟨G, O⟩. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        Shapes.requireData("spectral", g, shape);
        return orthogonalizer.orthogonalizeInPlace(g, shape);
    }

    /** Unique when G = 0 or G has full rank min(m, n) (numerical rank, see {@link Svd}). */
    @Override
    public boolean uniqueAt(Tensor g) {
        checkShape(g);
        return g.isZero() || Svd.decompose(g).rank() == Math.min(g.rows(), g.cols());
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** The spec with the orthogonalizer, which changes the step: e.g. {@code spectral(ns5)}. */
    @Override
    public String describe() {
        return spec() + "(" + orthogonalizer.spec() + ")";
    }
}
