package dev.steepest.core.combine;

import dev.steepest.core.Tensor;
import java.util.List;

/**
 * The combined dualizer of several tensors.
 *
 * @param directions t*ᵢ, one per tensor
 * @param dualNorm D = Σᵢ ⟨gᵢ, t*ᵢ⟩ (the combined dual norm for exact dualizers)
 * @param orthogonalityError the largest orthogonality error of any tensor's dualizer, {@code NaN}
 *        where no orthogonalizer is involved
 */
public record CombinedDualized(List<Tensor> directions, double dualNorm, double orthogonalityError) {
    public CombinedDualized {
        directions = List.copyOf(directions);
    }
}
