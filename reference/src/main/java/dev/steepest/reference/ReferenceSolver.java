package dev.steepest.reference;

import dev.steepest.core.Norm;
import dev.steepest.core.Tensor;

/**
 * Numeric reference for the step problems, knowing only a norm's value N.
 * (API fixed; the numerical method is being written.)
 */
public final class ReferenceSolver {
    private ReferenceSolver() {
    }

    /**
     * The numeric minimizer of ⟨g,Δ⟩ + c·N(Δ)².
     *
     * @param step the minimizer found
     * @param objective the objective at {@code step}
     * @param dualLower a certified lower bound on ‖g‖_* (from a feasible point)
     * @param dualUpper an upper bound on ‖g‖_* (from the method's outer model), or NaN if none
     * @param iterations work done
     */
    public record Result(Tensor step, double objective, double dualLower, double dualUpper, int iterations) {
    }

    /** argmin ⟨g,Δ⟩ + c·N(Δ)². */
    public static Result penalized(Norm norm, Tensor g, double c) {
        throw new UnsupportedOperationException("reference solver under construction");
    }

    /** argmin over N(Δ) ≤ η of ⟨g,Δ⟩. */
    public static Result constrained(Norm norm, Tensor g, double eta) {
        throw new UnsupportedOperationException("reference solver under construction");
    }
}
