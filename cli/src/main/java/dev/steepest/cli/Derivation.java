package dev.steepest.cli;

import dev.steepest.cli.explain.NormInfo;
import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.core.Steps;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Orthogonalizer;
import dev.steepest.core.linalg.Orthogonalizers;
import dev.steepest.core.matrix.Nuclear;
import dev.steepest.core.matrix.RmsToRms;
import dev.steepest.core.matrix.Schatten;
import dev.steepest.core.matrix.Spectral;
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

    /**
     * Derives the step and checks it; throws {@link IllegalArgumentException} naming any bad
     * input, including input whose step, radius, dual norm or objective does not fit in a double.
     */
    static Derivation of(Request r) {
        return of(r, GradientInput::readMatrix);
    }

    /**
     * As {@link #of(Request)}, with {@code matrices} reading the matrix a norm specification names
     * ({@code mahalanobis:SOURCE}): a file for {@code derive}, inline values for {@code explore}.
     */
    static Derivation of(Request r, java.util.function.Function<String, Tensor> matrices) {
        try {
            return derive(r, matrices);
        } catch (ArithmeticException e) {
            String hint = e.getMessage().contains("direction t*") ? "the norm's weights are too extreme for a double"
                    : "use a smaller gradient" + (r.penalty() != null ? " or a larger penalty c" : " or radius");
            throw new IllegalArgumentException(e.getMessage() + " for this input; " + hint);
        }
    }

    private static Derivation derive(Request r, java.util.function.Function<String, Tensor> matrices) {
        Orthogonalizer orth = r.orthogonalizerSpec() == null ? null : Orthogonalizers.parse(r.orthogonalizerSpec());
        Norm norm = Norms.parse(r.normSpec(), orth, matrices);
        Tensor g = r.gradient();
        norm.checkShape(g);
        if (usesSvd(norm) && g.size() > EXACT_SVD_MAX_ENTRIES) {
            throw new IllegalArgumentException("norm '" + norm.spec() + "' needs an exact SVD of g (its dual norm), which "
                    + "derive computes for matrices of at most " + EXACT_SVD_MAX_ENTRIES + " entries (e.g. 256x256); got "
                    + g.shapeString());
        }
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
                        + "\" does not use alpha; drop --alpha or write alpha into the penalty");
            }
            if (r.alpha() != null && !Double.isFinite(r.alpha())) {
                throw new IllegalArgumentException("--alpha must be a finite number, got " + r.alpha());
            }
            double c = p.coefficient(r.alpha() == null ? Double.NaN : r.alpha());
            Step step = representable(Steps.penalized(norm, g, c));
            requireOrthogonalizerUsed(orth, norm, step);
            Check check = checkable(g) ? penalizedCheck(norm, g, c, step) : null;
            return checked(new Derivation(norm, orth, g, p, r.alpha(), c, step, Steps.dualNorm(norm, g), check));
        }
        double eta = r.radius();
        if (!Double.isFinite(eta) || eta < 0) {
            throw new IllegalArgumentException("--radius must be a non-negative finite number, got " + Fmt.num(eta));
        }
        Step step = representable(Steps.constrained(norm, g, eta));
        requireOrthogonalizerUsed(orth, norm, step);
        Check check = checkable(g) ? constrainedCheck(norm, g, eta, step) : null;
        return checked(new Derivation(norm, orth, g, null, r.alpha(), Double.NaN, step, Steps.dualNorm(norm, g), check));
    }

    /**
     * The most entries of a matrix for the exact SVD (one-sided Jacobi, cubic in the size: seconds
     * at 256×256, minutes at 1000×1000).
     */
    static final int EXACT_SVD_MAX_ENTRIES = 65_536;

    /** Whether the norm's dual norm or dualizer takes an exact SVD of g (the spectral family). */
    private static boolean usesSvd(Norm norm) {
        return norm instanceof Spectral || norm instanceof Nuclear || norm instanceof Schatten || norm instanceof RmsToRms;
    }

    /** The minimum of the objective: −‖g‖_*²/(4c) (penalized) or −η‖g‖_* (constrained). */
    double minimum() {
        return form() == Step.Form.PENALIZED ? -exactDualNorm * (exactDualNorm / 4 / c) : -step.radius() * exactDualNorm;
    }

    /** ⟨g, t*⟩, the check that t* attains the dual norm. */
    double alignment() {
        return Steps.dot(gradient, step.direction());
    }

    /** {@code s} when its dual norm, radius and objective are finite; else an {@link ArithmeticException} naming one. */
    private static Step representable(Step s) {
        double[] values = {s.dualNorm(), s.radius(), s.objective()};
        String[] names = {"the dual norm ‖g‖_*", "the radius", "the objective"};
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new ArithmeticException(names[i] + " is beyond the range of a double (" + values[i] + ")");
            }
        }
        return s;
    }

    /** {@code d} when every number it reports is finite; else an {@link ArithmeticException} naming the first that is not. */
    private static Derivation checked(Derivation d) {
        double[] values = {d.exactDualNorm, d.minimum(), d.alignment(), d.norm.value(d.step.direction())};
        String[] names = {"the dual norm ‖g‖_*", "the minimum objective", "⟨g, t*⟩", "‖t*‖"};
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new ArithmeticException(names[i] + " is beyond the range of a double (" + values[i] + ")");
            }
        }
        return d;
    }

    /**
     * The reference solver on the penalized problem scaled to moderate numbers: with g = 2^k g'
     * and u = 2^m u', ⟨g,u⟩ + c‖u‖² = 2^(k+m)(⟨g',u'⟩ + c·2^(m−k)‖u'‖²), so the solver minimizes
     * the bracket and its answer scales back exactly.
     */
    private static Check penalizedCheck(Norm norm, Tensor g, double c, Step step) {
        int k = exponent(g.maxAbs());
        // the radius's exponent, also where the radius itself underflows
        int m = step.radius() >= Double.MIN_NORMAL ? Math.getExponent(step.radius())
                : step.dualNorm() > 0 ? Math.getExponent(step.dualNorm()) - 1 - Math.getExponent(c) : 0;
        ReferenceSolver.Result ref = ReferenceSolver.penalized(norm, g.scale(Math.scalb(1.0, -k)), Math.scalb(c, m - k));
        return check(norm, g, step, ref, k + m, m);
    }

    /** The reference solver on the constrained problem with g and η scaled by powers of two (see {@link #penalizedCheck}). */
    private static Check constrainedCheck(Norm norm, Tensor g, double eta, Step step) {
        int k = exponent(g.maxAbs());
        int m = exponent(eta);
        ReferenceSolver.Result ref = ReferenceSolver.constrained(norm, g.scale(Math.scalb(1.0, -k)), Math.scalb(eta, -m));
        return check(norm, g, step, ref, k + m, m);
    }

    /** The exponent of a positive finite x (0 for zero), within the range where 2^−e is a normal double. */
    private static int exponent(double x) {
        return x > 0 ? Math.max(Math.min(Math.getExponent(x), Double.MAX_EXPONENT - 1), Double.MIN_EXPONENT + 1) : 0;
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

    /**
     * Compares the closed form with the reference solver's answer to the scaled problem: its
     * objective scales back by 2^objectiveExp, its step and dual-norm bounds by 2^stepExp and 2^(objectiveExp − stepExp).
     */
    private static Check check(Norm norm, Tensor g, Step step, ReferenceSolver.Result ref, int objectiveExp, int stepExp) {
        double objective = Math.scalb(ref.objective(), objectiveExp);
        double gap = objective - step.objective();
        double scale = Math.max(Math.abs(objective), Math.abs(step.objective()));
        double rel = gap == 0 ? 0 : Math.abs(gap) / scale;
        Tensor refStep = ref.step().scale(Math.scalb(1.0, stepExp));
        int dualExp = objectiveExp - stepExp;
        return new Check(objective, gap, rel, step.update().maxAbsDiff(refStep), norm.uniqueAt(g),
                Math.scalb(ref.dualLower(), dualExp), Math.scalb(ref.dualUpper(), dualExp), ref.iterations());
    }
}
