package dev.steepest.cli;

import dev.steepest.cli.explain.NormInfo;
import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.core.Steps;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Orthogonalizer;
import dev.steepest.core.linalg.Orthogonalizers;
import dev.steepest.reference.ReferenceSolver;

/**
 * One step derived in closed form and checked against the reference solver: everything
 * {@code derive} prints, computed before anything is printed.
 *
 * @param norm the norm
 * @param orthogonalizer the orthogonalizer asked for, or {@code null} (exact SVD where one is needed)
 * @param gradient g
 * @param penalty the penalty expression for the penalized form, {@code null} for the constrained form
 * @param alpha α as given, or {@code null}
 * @param c the penalty coefficient (penalized form), {@code NaN} for the constrained form
 * @param step the closed-form step; its radius is ‖g‖_* / (2c) (penalized) or η (constrained)
 * @param exactDualNorm ‖g‖_* from {@link Norm#dual}, to compare with the scale an inexact orthogonalizer uses
 * @param reference the reference solver's answer and its agreement with the closed form, or
 *        {@code null} when g is larger than {@link #REFERENCE_MAX_VECTOR} (vectors) or
 *        {@link #REFERENCE_MAX_MATRIX} (matrices) entries
 */
record Derivation(Norm norm, Orthogonalizer orthogonalizer, Tensor gradient, Penalty penalty, Double alpha, double c,
                  Step step, double exactDualNorm, Check reference) {

    /**
     * The largest vector the reference solver is run on. It is a numeric minimization meant for
     * checks: its cost grows steeply with the dimension (seconds at 32 entries, minutes at 256).
     */
    static final int REFERENCE_MAX_VECTOR = 32;
    /** The largest matrix (entries) the reference solver is run on; it is accurate up to 4×4. */
    static final int REFERENCE_MAX_MATRIX = 16;
    /** Relative objective gap within which the closed form and the reference solver agree. */
    static final double OBJECTIVE_TOLERANCE = 1e-8;
    /**
     * Largest entry difference (relative to the step's largest entry) within which unique steps
     * agree: an objective accurate to ε pins the minimizer down only to about √ε, and less where
     * the unit ball is nearly flat; the objective is the sharp check.
     */
    static final double STEP_TOLERANCE = 1e-3;

    /**
     * What was asked: a norm, a gradient, and either a penalty (with α) or a radius.
     *
     * @param normSpec e.g. {@code "linf"} or {@code "lp:3"}
     * @param orthogonalizerSpec {@code svd}, {@code ns5}, {@code cubic:K}, {@code polar-express}, or {@code null}
     * @param penalty the penalty expression, or {@code null} for the constrained form
     * @param alpha α, or {@code null}
     * @param radius η for the constrained form, or {@code null}
     * @param gradient g
     */
    record Request(String normSpec, String orthogonalizerSpec, String penalty, Double alpha, Double radius,
                   Tensor gradient) {
    }

    /**
     * The reference solver's answer compared with the closed form.
     *
     * @param objective the reference objective
     * @param gap reference objective minus closed-form objective (≥ 0 up to the solver's accuracy
     *        when the closed form is exact)
     * @param relativeGap |gap| relative to the larger objective magnitude
     * @param stepMaxAbsDiff max |u − u_ref| over entries
     * @param unique whether the minimizer is unique at g (else steps may differ at equal objective)
     * @param dualLower the solver's lower bound on ‖g‖_*
     * @param dualUpper its upper bound, or NaN
     * @param iterations the solver's work
     */
    record Check(double objective, double gap, double relativeGap, double stepMaxAbsDiff, boolean unique,
                 double dualLower, double dualUpper, int iterations) {

        /** Objective within {@link #OBJECTIVE_TOLERANCE}, and the step too where it is unique. */
        boolean agrees(double stepScale) {
            boolean objectiveOk = relativeGap <= OBJECTIVE_TOLERANCE;
            boolean stepOk = !unique || stepMaxAbsDiff <= STEP_TOLERANCE * Math.max(1, stepScale);
            return objectiveOk && stepOk;
        }
    }

    /** How the norm is explained: names, dual and formulas. */
    NormInfo info() {
        return NormInfo.of(norm.spec(), orthogonalizer);
    }

    /** The penalized or constrained form. */
    Step.Form form() {
        return step.form();
    }

    /** Whether the reference solver ran and agrees with the closed form. */
    boolean agrees() {
        return reference != null && reference.agrees(step.update().maxAbs());
    }

    /** Derives the step and checks it; throws {@link IllegalArgumentException} naming any bad input. */
    static Derivation of(Request r) {
        return of(r, GradientInput::readMatrix);
    }

    /**
     * As {@link #of(Request)}, with {@code matrices} reading the matrix a norm specification names
     * ({@code mahalanobis:SOURCE}): a file for {@code derive}, inline values for {@code explore}.
     */
    static Derivation of(Request r, java.util.function.Function<String, Tensor> matrices) {
        Orthogonalizer orth = r.orthogonalizerSpec() == null ? null : Orthogonalizers.parse(r.orthogonalizerSpec());
        Norm norm = Norms.parse(r.normSpec(), orth, matrices);
        Tensor g = r.gradient();
        norm.checkShape(g);
        if ((r.penalty() == null) == (r.radius() == null)) {
            throw new IllegalArgumentException("give exactly one of --penalty EXPR or --radius R");
        }
        if (r.penalty() != null) {
            Penalty p = Penalty.parse(r.penalty());
            if (p.usesAlpha() && r.alpha() == null) {
                throw new IllegalArgumentException("penalty \"" + p.text() + "\" uses alpha; give its value with --alpha A");
            }
            if (!p.usesAlpha() && r.alpha() != null) {
                throw new IllegalArgumentException("--alpha is given but penalty \"" + p.text()
                        + "\" does not use alpha; drop --alpha or write the penalty in alpha");
            }
            if (r.alpha() != null && !Double.isFinite(r.alpha())) {
                throw new IllegalArgumentException("--alpha must be a finite number, got " + r.alpha());
            }
            double c = p.coefficient(r.alpha() == null ? Double.NaN : r.alpha());
            Step step = Steps.penalized(norm, g, c);
            requireOrthogonalizerUsed(orth, norm, step);
            Check check = checkable(g) ? check(norm, g, step, ReferenceSolver.penalized(norm, g, c)) : null;
            return new Derivation(norm, orth, g, p, r.alpha(), c, step, norm.dual(g), check);
        }
        double eta = r.radius();
        if (!Double.isFinite(eta) || eta < 0) {
            throw new IllegalArgumentException("--radius must be a non-negative finite number, got " + Fmt.num(eta));
        }
        Step step = Steps.constrained(norm, g, eta);
        requireOrthogonalizerUsed(orth, norm, step);
        Check check = checkable(g) ? check(norm, g, step, ReferenceSolver.constrained(norm, g, eta)) : null;
        return new Derivation(norm, orth, g, null, r.alpha(), Double.NaN, step, norm.dual(g), check);
    }

    /** Whether g is small enough for the reference solver. */
    static boolean checkable(Tensor g) {
        return g.size() <= referenceLimit(g);
    }

    /** The most entries the reference solver is run on for a gradient shaped like g. */
    static int referenceLimit(Tensor g) {
        return g.isMatrix() ? REFERENCE_MAX_MATRIX : REFERENCE_MAX_VECTOR;
    }

    private static void requireOrthogonalizerUsed(Orthogonalizer orth, Norm norm, Step step) {
        if (orth != null && Double.isNaN(step.orthogonalityError())) {
            throw new IllegalArgumentException("--orthogonalizer " + orth.spec() + " has no effect on norm '"
                    + norm.spec() + "'; it applies to the spectral family (e.g. spectral, rms)");
        }
    }

    private static Check check(Norm norm, Tensor g, Step step, ReferenceSolver.Result ref) {
        double gap = ref.objective() - step.objective();
        double scale = Math.max(Math.abs(ref.objective()), Math.abs(step.objective()));
        double rel = gap == 0 ? 0 : Math.abs(gap) / scale;
        return new Check(ref.objective(), gap, rel, step.update().maxAbsDiff(ref.step()), norm.uniqueAt(g),
                ref.dualLower(), ref.dualUpper(), ref.iterations());
    }
}
