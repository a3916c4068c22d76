package dev.steepest.core.linalg;

import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;

/**
 * Computes (or approximates) the orthogonal polar factor U Vᵀ of a matrix G = U Σ Vᵀ, the dualizer of the
 * spectral norm. Two paths: {@link #orthogonalize(Tensor)} in double, the reference that tests and
 * {@code derive} use, and {@link #orthogonalizeInPlace(float[], Shape)} in float, the path every optimizer
 * step runs (through BLAS/LAPACK, {@link Blas}).
 *
 * <p>The orthogonality error has one definition for every implementation, {@link #orthogonalityError}:
 * ‖OᵀO − I‖_F on the smaller side (OᵀO for a tall or square O, OOᵀ for a wide one). It measures how far O is
 * from a matrix with orthonormal columns (or rows). For a rank-r input with r &lt; k = min(m, n) even the exact
 * factor U_r V_rᵀ has error √(k − r): the input has no directions to map the other k − r to, and every
 * orthogonalizer here keeps them at zero. A zero input gives O = 0 and error 0.
 */
public interface Orthogonalizer {

    /** The name used on the command line: {@code svd}, {@code ns5}, {@code cubic:K}, {@code polar-express}. */
    String spec();

    /** Whether the result is U Vᵀ to rounding (true for SVD) or an approximation. */
    boolean exact();

    /** O ≈ U Vᵀ for the matrix {@code g} (zero for a zero matrix) and its {@link #orthogonalityError}. */
    Polar orthogonalize(Tensor g);

    /**
     * The float step: overwrites {@code g} (row-major, laid out as the matrix {@code shape}) with O ≈ U Vᵀ and
     * returns ⟨G, O⟩, the scale the penalized spectral step uses (Σσᵢ for the exact factor). Workspace is kept
     * per shape and thread, so repeated calls allocate nothing.
     *
     * @throws IllegalArgumentException for a vector shape, a length that does not match, or a non-finite entry
     */
    double orthogonalizeInPlace(float[] g, Shape shape);

    /** ‖OᵀO − I‖_F on the smaller side of O (see the class comment); 0 for a zero matrix. */
    static double orthogonalityError(Tensor o) {
        int m = o.rows();
        int n = o.cols();
        if (o.isZero()) {
            return 0;
        }
        double[] x = o.toArray();
        int k = Math.min(m, n);
        if (m > n) {
            x = Mat.transpose(x, m, n);
        }
        return Mat.frobeniusDistance(Mat.gramOfRows(x, k, Math.max(m, n)), Mat.identity(k));
    }

    /** Checks that {@code shape} is a matrix and {@code g} holds its entries. */
    static void checkFloat(float[] g, Shape shape) {
        if (!shape.matrix()) {
            throw new IllegalArgumentException("orthogonalization needs a matrix, got a vector of length "
                    + shape.rows());
        }
        if (g.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " entries, got "
                    + g.length);
        }
    }

    /**
     * An orthogonalized matrix and how far it is from orthogonal.
     *
     * @param factor O ≈ U Vᵀ, same shape as the input
     * @param orthogonalityError {@link Orthogonalizer#orthogonalityError} of the factor
     */
    record Polar(Tensor factor, double orthogonalityError) {
    }
}
