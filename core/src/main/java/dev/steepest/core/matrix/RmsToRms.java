package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Orthogonalizer;
import dev.steepest.core.linalg.Svd;

/**
 * RMS→RMS operator norm of W: ℝⁿ → ℝᵐ (W is m×n): √(n/m)·σ₁(W), the spectral norm measured
 * between RMS-normalized spaces. Dual √(m/n)·Σσᵢ(G); t* = √(m/n)·U Vᵀ (check: its norm is
 * √(n/m)·√(m/n)·1 = 1 and ⟨G, t*⟩ = √(m/n)·Σσᵢ). This is Muon with shape scaling (modula's Linear).
 *
 * <p>U Vᵀ comes from an {@link Orthogonalizer} (exact SVD by default); with an inexact one the scale
 * is ⟨G, t*⟩ and the orthogonality error is reported, as for {@link Spectral}. Not unique where G
 * is rank-deficient; the documented choice drops zero singular values.
 */
public final class RmsToRms implements Norm {
    private final Orthogonalizer orthogonalizer;

    /** With exact SVD. */
    public RmsToRms() {
        this(null);
    }

    /** With {@code orthogonalizer} computing U Vᵀ ({@code null} = exact SVD). */
    public RmsToRms(Orthogonalizer orthogonalizer) {
        this.orthogonalizer = orthogonalizer == null ? new Svd() : orthogonalizer;
    }

    /** The orthogonalizer computing U Vᵀ. */
    public Orthogonalizer orthogonalizer() {
        return orthogonalizer;
    }

    @Override
    public String spec() {
        return "rms";
    }

    @Override
    public void checkShape(Tensor x) {
        Shapes.requireMatrix("rms", x);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        return Math.sqrt((double) x.cols() / x.rows()) * Svd.decompose(x).largest();
    }

    @Override
    public double dual(Tensor g) {
        checkShape(g);
        return Math.sqrt((double) g.rows() / g.cols()) * Spectral.sum(Svd.decompose(g).sigma());
    }

    @Override
    public Dualized dualize(Tensor g) {
        checkShape(g);
        Orthogonalizer.Polar p = orthogonalizer.orthogonalize(g);
        Tensor t = p.factor().scale(Math.sqrt((double) g.rows() / g.cols()));
        return new Dualized(t, g.dot(t), p.orthogonalityError());
    }

    @Override
    public void checkShape(Shape shape) {
        Shapes.requireMatrix("rms", shape);
    }

    /** The float step: g ← √(m/n)·O by the orthogonalizer's float path; returns √(m/n)·⟨G, O⟩. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        Shapes.requireData("rms", g, shape);
        double s = Math.sqrt((double) shape.rows() / shape.cols());
        double dot = orthogonalizer.orthogonalizeInPlace(g, shape);
        float f = (float) s;
        for (int i = 0; i < g.length; i++) {
            g[i] *= f;
        }
        return s * dot;
    }

    /** Unique when G = 0 or G has full rank min(m, n). */
    @Override
    public boolean uniqueAt(Tensor g) {
        checkShape(g);
        return g.isZero() || Svd.decompose(g).rank() == Math.min(g.rows(), g.cols());
    }

    /** The spec with the orthogonalizer, which changes the step: e.g. {@code spectral(ns5)}. */
    @Override
    public String describe() {
        return spec() + "(" + orthogonalizer.spec() + ")";
    }
}
