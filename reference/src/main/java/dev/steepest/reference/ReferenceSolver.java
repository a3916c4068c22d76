package dev.steepest.reference;

import dev.steepest.core.Norm;
import dev.steepest.core.Tensor;

/**
 * Numeric reference for the two step problems, knowing only the norm's value N (and its shape
 * check): it never calls {@code dual}, {@code dualize} or any closed form, so it can check them.
 *
 * <h2>Reduction</h2>
 * Both problems reduce to the support function of the unit ball B = {t : N(t) ≤ 1}:
 * ‖g‖_* = max over t ∈ B of ⟨g,t⟩, attained at t̂. Then the penalized step is
 * −(‖g‖_* / (2c))·t̂ and the constrained step is −η·t̂ (STEEPEST.md §2). Every point x ≠ 0 gives the
 * feasible t = x/N(x), hence a certified lower bound ⟨g,x⟩/N(x) on ‖g‖_*; the solver keeps the best.
 *
 * <h2>Method</h2>
 * The search runs in coordinates scaled so that every unit coordinate vector has norm 1, with g
 * rescaled to max |gᵢ| = 1, so that weights and magnitudes from 1e-300 to 1e300 do not matter
 * (homogeneity of N and of the problem in g).
 * <ol>
 *   <li><b>Candidates</b>: g itself and the signed coordinate vectors.</li>
 *   <li><b>Kelley's cutting planes</b> over the whole ball: the linear program max ⟨g,t⟩ over cuts
 *       ⟨s,t⟩ ≤ 1, where s is the gradient of N at a boundary point (by central differences; a norm's
 *       gradient satisfies ⟨s,x⟩ = N(x), which fixes its scale). Each LP solution, pulled back to the
 *       boundary, is a candidate and gives the next cut. Polyhedral balls (ℓ1, ℓ∞, weighted ℓ∞, max
 *       |Wᵢⱼ|) are solved exactly in a few dozen cuts; the LP value is an upper bound.</li>
 *   <li><b>Quasi-Newton polish</b>: BFGS ascent of ⟨g,x⟩/N(x) from the best point, with central
 *       difference gradients; this converges fast where the ball is smooth near t̂ (ℓ2, ℓp,
 *       Mahalanobis, Schatten-p).</li>
 *   <li><b>Local cutting planes in a trust region</b> around the best point: each round takes cuts
 *       at a stencil of boundary points in random directions at distance ρ, drops any cut that cuts
 *       off a known boundary point (differences across a kink), and solves the LP restricted to the
 *       box of radius ρ. Where the box is not binding, the LP value is an upper bound on ‖g‖_* for
 *       the model; ρ grows after good steps and shrinks otherwise. This handles balls that are curved
 *       in some directions and kinked in others (spectral, nuclear, column and row norms).</li>
 * </ol>
 * The search stops when the model's upper bound is within 1e-13 (relative) of the best feasible
 * value, or when its work caps are reached; the certified lower bound is what the steps use.
 * The linear programs are solved by a small dual simplex method ({@link BoxLp}).
 *
 * <p>The upper bound rests on cuts computed by finite differences, so it is an estimate, not a
 * certificate; it is reported as {@code dualUpper} (infinite when no LP bound was obtained).
 */
public final class ReferenceSolver {
    private ReferenceSolver() {
    }

    /**
     * The numeric minimizer of ⟨g,Δ⟩ + c·N(Δ)².
     *
     * @param step the minimizer found
     * @param objective the objective at {@code step}
     * @param dualLower a certified lower bound on ‖g‖_* (from a feasible point)
     * @param dualUpper an upper bound on ‖g‖_* from the cutting-plane model (an estimate, see above);
     *        infinite when no bound was obtained
     * @param iterations work done: linear programs solved plus quasi-Newton steps
     */
    public record Result(Tensor step, double objective, double dualLower, double dualUpper, int iterations) {
    }

    /** argmin ⟨g,Δ⟩ + c·N(Δ)². */
    public static Result penalized(Norm norm, Tensor g, double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("the penalty coefficient c must be positive and finite, got " + c);
        }
        Support s = support(norm, g);
        double radius = s.lower / (2 * c);
        Tensor u = s.direction.scale(-radius);
        double nu = norm.value(u);
        return new Result(u, g.dot(u) + c * nu * nu, s.lower, s.upper, s.iterations);
    }

    /** argmin over N(Δ) ≤ η of ⟨g,Δ⟩. */
    public static Result constrained(Norm norm, Tensor g, double eta) {
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("the radius η must be non-negative and finite, got " + eta);
        }
        Support s = support(norm, g);
        Tensor u = s.direction.scale(-eta);
        return new Result(u, g.dot(u), s.lower, s.upper, s.iterations);
    }

    /**
     * The support function of the unit ball at g: a unit-norm t̂ (zero for g = 0), the certified
     * lower bound ⟨g,t̂⟩ on ‖g‖_*, an upper bound, the iterations used and the number of norm values
     * computed.
     */
    record Support(Tensor direction, double lower, double upper, int iterations, int evaluations) {
    }

    static Support support(Norm norm, Tensor g) {
        norm.checkShape(g);
        if (!g.isFinite()) {
            throw new IllegalArgumentException("the gradient has a non-finite entry");
        }
        if (g.isZero()) {
            return new Support(Tensor.zerosLike(g), 0, 0, 0, 0);
        }
        return new SupportSearch(norm, g).run();
    }

    static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    static double[] scaled(double[] x, double b) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = b * x[i];
        }
        return y;
    }

}
