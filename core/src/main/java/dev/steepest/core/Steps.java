package dev.steepest.core;

/**
 * The two step forms over any {@link Norm}.
 *
 * <pre>
 *   penalized   u = argmin ⟨g,Δ⟩ + c‖Δ‖²     = −(‖g‖_* / (2c)) · t*   objective −‖g‖_*²/(4c)
 *   constrained u = argmin_{‖Δ‖≤η} ⟨g,Δ⟩     = −η · t*               objective −η‖g‖_*
 * </pre>
 * The objective reported is evaluated at u (⟨g,u⟩ + c‖u‖², or ⟨g,u⟩), not taken from the
 * formula, so an inexact dualizer shows its real objective.
 *
 * The penalized step is the constrained step with the radius chosen by the gradient
 * itself, η = ‖g‖_* / (2c).
 */
public final class Steps {
    private Steps() {
    }

    /** u = −(s/(2c))·t* with s = ⟨g, t*⟩; {@code c} must be positive and finite. */
    public static Step penalized(Norm norm, Tensor g, double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("the penalty coefficient c must be positive and finite, got " + c);
        }
        Dualized d = dualize(norm, g);
        double radius = d.dualNorm() / (2 * c);
        Tensor u = d.direction().scale(-radius);
        double objective = penalizedObjective(norm, g, c, u);
        return new Step(Step.Form.PENALIZED, d.direction(), d.dualNorm(), radius, u, objective,
                d.orthogonalityError());
    }

    /** u = −η·t*; {@code eta} must be non-negative and finite. */
    public static Step constrained(Norm norm, Tensor g, double eta) {
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("the radius η must be non-negative and finite, got " + eta);
        }
        Dualized d = dualize(norm, g);
        Tensor u = d.direction().scale(-eta);
        double objective = g.dot(u);
        return new Step(Step.Form.CONSTRAINED, d.direction(), d.dualNorm(), eta, u, objective,
                d.orthogonalityError());
    }

    /** ⟨g, Δ⟩ + c‖Δ‖², the penalized objective at any Δ. */
    public static double penalizedObjective(Norm norm, Tensor g, double c, Tensor delta) {
        double n = norm.value(delta);
        return g.dot(delta) + c * n * n;
    }

    private static Dualized dualize(Norm norm, Tensor g) {
        norm.checkShape(g);
        if (!g.isFinite()) {
            throw new IllegalArgumentException("the gradient has a non-finite entry");
        }
        return norm.dualize(g);
    }
}
