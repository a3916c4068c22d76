package dev.steepest.core;

/**
 * The result of dualizing a gradient: the direction t* and the scale ⟨g, t*⟩.
 *
 * @param direction t*, with ‖t*‖ ≤ 1 (= 1 unless g = 0)
 * @param dualNorm ⟨g, t*⟩: the dual norm ‖g‖_* for exact dualizers
 * @param orthogonalityError ‖OᵀO − I‖_F on the column space kept, for orthogonalizer-based
 *        dualizers; {@code NaN} where no orthogonalizer is involved
 */
public record Dualized(Tensor direction, double dualNorm, double orthogonalityError) {
    /** A dualizer with no orthogonalizer involved. */
    public Dualized(Tensor direction, double dualNorm) {
        this(direction, dualNorm, Double.NaN);
    }
}
