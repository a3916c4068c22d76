package dev.steepest.core;

/**
 * How a norm is explained to a person.
 *
 * @param title the norm, e.g. "ℓ∞ (max |xᵢ|)"
 * @param dualTitle the dual norm, e.g. "ℓ1 (Σ |gᵢ|)"
 * @param dualizerFormula t* as a formula, e.g. "sign(g)"
 * @param penalizedName the optimizer the penalized step recovers
 * @param constrainedName the optimizer the constrained step recovers
 * @param note a remark worth reading (may be empty), e.g. that penalized ℓ∞ is not SignSGD
 */
public record NormInfo(String title, String dualTitle, String dualizerFormula,
                       String penalizedName, String constrainedName, String note) {
}
