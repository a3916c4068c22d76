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

    /**
     * u = −(s/(2c))·t* with s = ⟨g, t*⟩; {@code c} must be positive and finite. Computed on g
     * scaled by a power of two to a largest entry near 1 (t* does not change, s scales back
     * exactly), so every field is finite wherever its true value fits in a double; ‖g‖_* and the
     * objective are ±∞ only where the true value overflows (never NaN). Where t* or u does not fit
     * in a double, throws {@link ArithmeticException} naming it.
     */
    public static Step penalized(Norm norm, Tensor g, double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("the penalty coefficient c must be positive and finite, got " + c);
        }
        int k = unitExponent(g);
        Dualized d = dualize(norm, scaled(g, k));
        representable(d.direction(), "the direction t*");
        double dual = Math.scalb(d.dualNorm(), k);
        double radius = Math.scalb(d.dualNorm() / 2 / c, k);
        if (!Double.isFinite(radius)) {
            radius = Math.scalb(d.dualNorm() / 2, k) / c;
        }
        if (!Double.isFinite(radius)) {
            throw new ArithmeticException("the radius ‖g‖_*/(2c) of the step u is beyond the range of a double");
        }
        Tensor u = representable(d.direction().scale(-radius), "the step u");
        // ⟨g,u⟩ + c‖u‖² = 2^(k+m)·(⟨g',u'⟩ + c·2^(m−k)·‖u'‖²) with g = 2^k g', u = 2^m u'
        int m = unitExponent(u);
        Tensor uUnit = scaled(u, m);
        double n = norm.value(uUnit);
        double linear = scaled(g, k).dot(uUnit);
        double objective = u.isZero() ? 0 : Math.scalb(linear + Math.scalb(c, m - k) * n * n, k + m);
        if (!Double.isFinite(objective)) {
            // the two terms on their own scales (one of them under- or overflowed the shared one)
            double un = Math.scalb(n, m);
            double separate = Math.scalb(linear, k + m) + c * un * un;
            // −∞ + ∞: the linear term, twice the size of the quadratic one at the optimum, decides the sign
            objective = Double.isNaN(separate) ? Math.scalb(linear, k + m) : separate;
        }
        return new Step(Step.Form.PENALIZED, d.direction(), dual, radius, u, objective, d.orthogonalityError());
    }

    /**
     * u = −η·t*; {@code eta} must be non-negative and finite. Scaled like {@link #penalized}: ‖g‖_*
     * and the objective are ±∞ only where the true value overflows; where t* or u does not fit
     * in a double, throws {@link ArithmeticException}.
     */
    public static Step constrained(Norm norm, Tensor g, double eta) {
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("the radius η must be non-negative and finite, got " + eta);
        }
        int k = unitExponent(g);
        Dualized d = dualize(norm, scaled(g, k));
        representable(d.direction(), "the direction t*");
        double dual = Math.scalb(d.dualNorm(), k);
        Tensor u = representable(d.direction().scale(-eta), "the step u");
        double objective = dot(g, u);
        return new Step(Step.Form.CONSTRAINED, d.direction(), dual, eta, u, objective, d.orthogonalityError());
    }

    /** ⟨g, Δ⟩ + c‖Δ‖², the penalized objective at any Δ. */
    public static double penalizedObjective(Norm norm, Tensor g, double c, Tensor delta) {
        double n = norm.value(delta);
        return g.dot(delta) + c * n * n;
    }

    /** ‖g‖_* computed on g scaled to a largest entry near 1; ∞ only where the true value overflows. */
    public static double dualNorm(Norm norm, Tensor g) {
        int k = unitExponent(g);
        return Math.scalb(norm.dual(scaled(g, k)), k);
    }

    /** ⟨a, b⟩ with both scaled to a largest entry near 1 first; ∞ only where the true value overflows. */
    public static double dot(Tensor a, Tensor b) {
        int ka = unitExponent(a);
        int kb = unitExponent(b);
        return Math.scalb(scaled(a, ka).dot(scaled(b, kb)), ka + kb);
    }

    /** The exponent k with max|x| in [2^k, 2^(k+1)) (0 for zero), so that x·2^(−k) has entries up to 2. */
    private static int unitExponent(Tensor x) {
        double m = x.maxAbs();
        if (m == 0 || !Double.isFinite(m)) {
            return 0;
        }
        return Math.getExponent(m) >= Double.MIN_EXPONENT ? Math.getExponent(m)
                : Math.getExponent(m * 0x1p54) - 54;
    }

    /** x·2^(−k), exact except for entries far below the largest (which may round towards zero). */
    private static Tensor scaled(Tensor x, int k) {
        if (k == 0) {
            return x;
        }
        double[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.scalb(v[i], -k);
        }
        return Tensor.like(x, v);
    }

    private static Tensor representable(Tensor t, String what) {
        if (!t.isFinite()) {
            throw new ArithmeticException(what + " has entries beyond the range of a double");
        }
        return t;
    }

    private static Dualized dualize(Norm norm, Tensor g) {
        norm.checkShape(g);
        if (!g.isFinite()) {
            throw new IllegalArgumentException("the gradient has a non-finite entry");
        }
        return norm.dualize(g);
    }
}
