package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Svd;

/**
 * Nuclear norm Σσᵢ(W). Dual: the spectral norm σ₁(G); t* = u₁v₁ᵀ, the top singular pair: a
 * rank-one step along the top singular direction.
 *
 * <p>Unique iff σ₁ &gt; σ₂ (or G = 0); singular values within 1e-10·σ₁ of σ₁ count as tied. On a tie
 * any convex combination of the tied pairs is optimal; the documented choice is the first pair the
 * SVD returns.
 */
public final class Nuclear implements Norm {
    /** Relative gap below which σ₁ and σ₂ count as tied. */
    public static final double TIE = 1e-10;

    @Override
    public String spec() {
        return "nuclear";
    }

    @Override
    public void checkShape(Tensor x) {
        Shapes.requireMatrix("nuclear", x);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        return Spectral.sum(Svd.decompose(x).sigma());
    }

    @Override
    public double dual(Tensor g) {
        checkShape(g);
        return Svd.decompose(g).largest();
    }

    @Override
    public Dualized dualize(Tensor g) {
        checkShape(g);
        Svd.Decomposition d = Svd.decompose(g);
        double[] w = new double[d.sigma().length];
        if (d.rank() > 0) {
            w[0] = 1;
        }
        return new Dualized(d.compose(w), d.largest());
    }

    @Override
    public boolean uniqueAt(Tensor g) {
        checkShape(g);
        double[] s = Svd.decompose(g).sigma();
        return s.length == 1 || s[0] == 0 || s[0] - s[1] > TIE * s[0];
    }
}
