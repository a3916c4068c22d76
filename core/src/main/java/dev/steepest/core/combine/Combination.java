package dev.steepest.core.combine;

import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import java.util.List;

/**
 * A norm on several parameter tensors x = (x₁, …, x_k) built from one norm per tensor
 * (docs/STEEPEST.md §5): {@link MaxCombination} (the modular norm) or {@link L2Combination}. The same
 * two step forms as {@link dev.steepest.core.Steps}, over lists of tensors:
 * penalized u = −(D/(2c))·t*, constrained u = −η·t*, with D = ⟨g, t*⟩ the combined dual norm.
 */
public interface Combination {

    /** The per-tensor norms, in tensor order. */
    List<Norm> norms();

    /** ‖x‖ of the combination. */
    double value(List<Tensor> x);

    /** The combined dual norm ‖g‖_*. */
    double dual(List<Tensor> g);

    /** The combined dualizer t* = (t*₁, …, t*_k) and D = ⟨g, t*⟩. */
    CombinedDualized dualize(List<Tensor> g);

    /**
     * The combined dualizer in float, in place: each gᵢ (laid out as {@code shapes.get(i)}) becomes t*ᵢ, by each
     * part's {@link Norm#dualizeInPlace} and the combination's factors. Returns D = ⟨g, t*⟩.
     */
    double dualizeInPlace(List<float[]> g, List<Shape> shapes);

    /** The penalized step u = argmin ⟨g,Δ⟩ + c‖Δ‖² = −(D/(2c))·t*; c positive and finite. */
    CombinedStep penalized(List<Tensor> g, double c);

    /** The constrained step u = argmin_{‖Δ‖≤η} ⟨g,Δ⟩ = −η·t*; η non-negative and finite. */
    CombinedStep constrained(List<Tensor> g, double eta);
}
