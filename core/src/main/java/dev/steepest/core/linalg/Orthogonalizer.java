package dev.steepest.core.linalg;

import dev.steepest.core.Tensor;

/**
 * Computes (or approximates) the orthogonal polar factor U Vᵀ of a matrix G = U Σ Vᵀ,
 * the dualizer of the spectral norm.
 */
public interface Orthogonalizer {

    /** The name used on the command line: {@code svd}, {@code ns5}, {@code cubic:K}, {@code polar-express}. */
    String spec();

    /** Whether the result is U Vᵀ to rounding (true for SVD) or an approximation. */
    boolean exact();

    /** O ≈ U Vᵀ for the matrix {@code g} (zero for a zero matrix) and its orthogonality error. */
    Polar orthogonalize(Tensor g);

    /**
     * An orthogonalized matrix and how far it is from orthogonal.
     *
     * @param factor O ≈ U Vᵀ, same shape as the input
     * @param orthogonalityError how far O is from orthogonal, measured on the smaller side (OᵀO for a
     *        tall or square input, OOᵀ for a wide one): {@link Svd} compares against the projector onto
     *        the input's row (or column) space, which is the identity at full rank; the polynomial
     *        orthogonalizers ({@link NewtonSchulz}, {@link PolarExpress}) compare against the identity,
     *        so for a rank-r input their error includes √(min(m,n) − r) from the directions the input
     *        lacks; a zero input reports 0
     */
    record Polar(Tensor factor, double orthogonalityError) {
    }
}
