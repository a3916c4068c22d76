package dev.steepest.core;

/**
 * One step of steepest descent.
 *
 * @param form penalized (u = −(‖g‖_* / (2c))·t*) or constrained (u = −η·t*)
 * @param direction t*
 * @param dualNorm the scale ⟨g, t*⟩ (= ‖g‖_* for exact dualizers)
 * @param radius ‖u‖: ‖g‖_* / (2c) for the penalized form, η for the constrained form
 * @param update u
 * @param objective ⟨g, u⟩ + c‖u‖² (penalized) or ⟨g, u⟩ (constrained)
 * @param orthogonalityError as in {@link Dualized#orthogonalityError()}
 */
public record Step(Form form, Tensor direction, double dualNorm, double radius, Tensor update,
                   double objective, double orthogonalityError) {

    /** The two step forms. */
    public enum Form {
        /** argmin ⟨g, Δ⟩ + c‖Δ‖². */
        PENALIZED,
        /** argmin over ‖Δ‖ ≤ η of ⟨g, Δ⟩. */
        CONSTRAINED;

        /** Lower-case name, as used on the command line and in JSON. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
