package dev.steepest.core.combine;

import dev.steepest.core.Step;
import dev.steepest.core.Tensor;
import java.util.List;

/**
 * One step over several tensors.
 *
 * @param form penalized or constrained
 * @param directions t*ᵢ
 * @param dualNorm D = ⟨g, t*⟩
 * @param radius ‖u‖ in the combined norm: D/(2c) (penalized) or η (constrained)
 * @param updates uᵢ, one per tensor, in tensor order
 * @param objective Σᵢ⟨gᵢ, uᵢ⟩ + c‖u‖² (penalized) or Σᵢ⟨gᵢ, uᵢ⟩ (constrained), evaluated at u
 * @param orthogonalityError as in {@link CombinedDualized#orthogonalityError()}
 */
public record CombinedStep(Step.Form form, List<Tensor> directions, double dualNorm, double radius,
                           List<Tensor> updates, double objective, double orthogonalityError) {
    public CombinedStep {
        directions = List.copyOf(directions);
        updates = List.copyOf(updates);
    }
}
