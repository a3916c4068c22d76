package dev.steepest.core.linalg;

/**
 * Newton–Schulz orthogonalizers: a fixed odd polynomial p(σ) = aσ + bσ³ + cσ⁵ applied a fixed
 * number of times to X₀ = G/‖G‖_F, on the smaller Gram side (coefficients in {@link PolarSchedules}).
 *
 * <ul>
 *   <li>{@link #ns5()} — the quintic (3.4445, −4.7750, 2.0315) × 5 steps used by Muon. Fast and
 *       deliberately inexact: it does not converge to U Vᵀ; singular values of O land roughly in
 *       [0.7, 1.2] for a well-conditioned input.</li>
 *   <li>{@link #cubic(int)} — the classical cubic (1.5, −0.5, 0) × K steps: converges to U Vᵀ
 *       (quadratically near the end) but slowly from small singular values.</li>
 * </ul>
 */
public final class NewtonSchulz extends PolynomialOrthogonalizer {

    private NewtonSchulz(String spec, double[][] schedule, Blas blas) {
        super(spec, schedule, 1.0, blas);
    }

    /** The quintic with 5 steps: {@code ns5}; the float path uses {@link Blas#get()}. */
    public static NewtonSchulz ns5() {
        return ns5(null);
    }

    /** {@code ns5} whose float path runs on {@code blas} ({@code null}: {@link Blas#get()}). */
    public static NewtonSchulz ns5(Blas blas) {
        return new NewtonSchulz("ns5", PolarSchedules.ns5(), blas);
    }

    /** The cubic with {@code steps} steps: {@code cubic:K}. */
    public static NewtonSchulz cubic(int steps) {
        return cubic(steps, null);
    }

    /** {@code cubic:K} whose float path runs on {@code blas} ({@code null}: {@link Blas#get()}). */
    public static NewtonSchulz cubic(int steps, Blas blas) {
        if (steps < 1) {
            throw new IllegalArgumentException("Newton–Schulz needs at least one step, got " + steps);
        }
        return new NewtonSchulz("cubic:" + steps, PolarSchedules.repeat(PolarSchedules.CUBIC, steps), blas);
    }
}
