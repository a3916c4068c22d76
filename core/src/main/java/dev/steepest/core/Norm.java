package dev.steepest.core;

import dev.steepest.core.kernels.Elementwise;

/**
 * A norm ‖·‖ on vectors or matrices, with what steepest descent needs from it.
 *
 * <ul>
 *   <li>{@link #value} — ‖x‖;</li>
 *   <li>{@link #dual} — the dual norm ‖g‖_* = max over ‖t‖ ≤ 1 of ⟨g, t⟩;</li>
 *   <li>{@link #dualize} — a dualizer t*: ‖t*‖ ≤ 1 and ⟨g, t*⟩ = ‖g‖_*, with t* = 0 for g = 0.</li>
 * </ul>
 *
 * Given these, {@link Steps} turns any norm into both step forms. Implementations are
 * exact closed forms, except where an approximate orthogonalizer is chosen explicitly.
 */
public interface Norm {

    /** The specification this norm was parsed from, e.g. {@code "lp:3"} or {@code "spectral"}. */
    String spec();

    /** ‖x‖. Throws {@link IllegalArgumentException} when the shape does not fit this norm. */
    double value(Tensor x);

    /** The dual norm ‖g‖_*. */
    double dual(Tensor g);

    /**
     * A dualizer t* of {@code g} and the scale ⟨g, t*⟩ the penalized step uses. For an exact
     * dualizer the scale equals ‖g‖_*; for an approximate orthogonalizer it is ⟨G, O⟩, the
     * consistent estimate of the nuclear norm.
     */
    Dualized dualize(Tensor g);

    /**
     * Whether the dualizer, hence both steps, is unique at {@code g}. Where it is not (ℓ1 ties,
     * zero coordinates in ℓ∞, repeated top singular values, …) every optimal choice gives the
     * same objective and the implementation documents its choice.
     */
    boolean uniqueAt(Tensor g);

    /** Throws {@link IllegalArgumentException} with a clear message when {@code x} has a shape this norm cannot measure. */
    void checkShape(Tensor x);

    /**
     * The optimizer's float step: overwrites {@code g} (row-major, laid out as {@code shape}) with its
     * dualizer t*(g) and returns the scale ⟨g, t*⟩ the penalized step uses (‖g‖_* for an exact
     * dualizer). This is the path every optimizer runs, so implementations work in float in place
     * and allocate nothing per call; {@link #dualize} stays the double reference that tests pin this
     * method to. The default goes through {@link #dualize} (a double round trip), which keeps a
     * norm written only against the double API usable in optimizers.
     */
    default double dualizeInPlace(float[] g, Shape shape) {
        Dualized d = dualize(shape.tensor(g));
        Tensor dir = d.direction();
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) dir.at(i);
        }
        return d.dualNorm();
    }

    /**
     * The float steepest step taken straight on the parameters, g only read:
     * θ ← θ − a·t*(g) with a = rate·⟨g, t*⟩ when {@code scaleByDual} (the penalized step with c = 1/(2·rate)) and
     * a = rate otherwise (the constrained step of radius η = rate). Returns ⟨g, t*⟩, so the step's first-order
     * change ⟨g, −a·t*⟩ = −a·⟨g, t*⟩ needs no further pass. {@code work} (g's length) is scratch. The default
     * copies g into {@code work}, runs {@link #dualizeInPlace} there and applies it; entrywise norms override it
     * with one fused pass over θ and g.
     *
     * <p>A NaN or ±∞ entry of g gives a non-finite result: the default returns NaN with θ untouched (the copy
     * finds it); the fused overrides may have written θ by then (a caller that must keep θ checks g first).
     */
    default double descendInPlace(float[] theta, float[] g, float[] work, Shape shape, double rate,
                                  boolean scaleByDual) {
        if (!Float.isFinite(Elementwise.copyMaxAbs(g, work))) {
            return Double.NaN;
        }
        double s = dualizeInPlace(work, shape);
        double a = scaleByDual ? rate * s : rate;
        if (Float.isFinite((float) a)) {
            Elementwise.sgd(theta, work, (float) a);
        } else {
            // a step too large for a float factor (a diverging run): scale in double, entry by entry
            Elementwise.scale(work, a);
            Elementwise.sgd(theta, work, 1f);
        }
        return s;
    }

    /** The specification with whatever else changes the step (an orthogonalizer, say), for configuration text. */
    default String describe() {
        return spec();
    }

    /** Throws {@link IllegalArgumentException} with a clear message when data of {@code shape} cannot be measured. */
    default void checkShape(Shape shape) {
        checkShape(shape.tensor(new float[shape.size()]));
    }
}
