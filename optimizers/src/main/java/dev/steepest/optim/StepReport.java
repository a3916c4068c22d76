package dev.steepest.optim;

/**
 * What one call to {@link Optimizer#step()} did, including the local-linear prediction an
 * adapter can compare with the loss change it observes (see {@link LocalLinear}).
 *
 * @param step the step counter after the call (unchanged when skipped)
 * @param skipped whether the step was skipped for a non-finite gradient
 * @param predictedChange ⟨g, u⟩ summed over all parameters: the first-order loss change of the
 *        update u actually applied (weight decay included); 0 when skipped
 * @param penalizedModel ⟨g, u⟩ + Σ c‖u‖² over the penalized norm steps (c = 1/(2·lr_t), ‖u‖ the
 *        norm step's own output times lr_t); NaN when no penalized norm step ran
 * @param orthogonalityError the largest ‖OᵀO − I‖ an orthogonalizer reported; NaN if none ran
 */
public record StepReport(long step, boolean skipped, double predictedChange, double penalizedModel,
                         double orthogonalityError) {
}
