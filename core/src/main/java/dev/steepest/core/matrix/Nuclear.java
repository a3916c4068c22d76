package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Svd;
import dev.steepest.core.vector.L1;

/**
 * Nuclear norm Σσᵢ(W). Dual: the spectral norm σ₁(G); t* = u₁v₁ᵀ, the top singular pair: a
 * rank-one step along the top singular direction.
 *
 * <p>The nuclear norm is ℓ1 of the singular values; value, dual, dualizer and the float step all go through
 * {@link L1} applied to σ ({@link SingularValueNorm}), whose dualizer picks the first largest entry.
 *
 * <p>Unique iff σ₁ &gt; σ₂ (or G = 0); singular values within 1e-10·σ₁ of σ₁ count as tied. On a tie
 * any convex combination of the tied pairs is optimal; the documented choice is the first pair the
 * SVD returns.
 */
public final class Nuclear implements Norm {
    /** Relative gap below which σ₁ and σ₂ count as tied. */
    public static final double TIE = 1e-10;


    private final SingularValueNorm sv = new SingularValueNorm(new L1());

    @Override
    public String spec() {
        return "nuclear";
    }

    @Override
    public void checkShape(Tensor x) {
        Shapes.requireMatrix("nuclear", x);
    }

    @Override
    public void checkShape(Shape shape) {
        Shapes.requireMatrix("nuclear", shape);
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

    /** The float step: g ← u₁v₁ᵀ from a float SVD (SGESDD with a native BLAS); returns σ₁. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        Shapes.requireData("nuclear", g, shape);
        return sv.dualizeInPlace(g, shape);
    }

    @Override
    public boolean uniqueAt(Tensor g) {
        checkShape(g);
        double[] s = Svd.decompose(g).sigma();
        return s.length == 1 || s[0] == 0 || s[0] - s[1] > TIE * s[0];
    }
}
