package dev.steepest.core.linalg;

import dev.steepest.core.Tensor;

/**
 * Newton–Schulz orthogonalizers: a fixed odd polynomial p(σ) = aσ + bσ³ + cσ⁵ applied a fixed
 * number of times to X₀ = G/‖G‖_F, on the smaller Gram side (see {@link PolynomialIteration}).
 *
 * <ul>
 *   <li>{@link #ns5()} — the quintic (3.4445, −4.7750, 2.0315) × 5 steps used by Muon. Fast and
 *       deliberately inexact: it does not converge to U Vᵀ; singular values of O land roughly in
 *       [0.7, 1.2] for a well-conditioned input.</li>
 *   <li>{@link #cubic(int)} — the classical cubic (1.5, −0.5, 0) × K steps: converges to U Vᵀ
 *       (quadratically near the end) but slowly from small singular values.</li>
 * </ul>
 * Both report ‖OOᵀ − I‖_F on the smaller side; see {@link PolynomialIteration#run}.
 */
public final class NewtonSchulz implements Orthogonalizer {
    /** Muon's quintic coefficients (a, b, c). */
    public static final double[] QUINTIC = {3.4445, -4.7750, 2.0315};
    /** The classical cubic coefficients (a, b, c). */
    public static final double[] CUBIC = {1.5, -0.5, 0};

    private final String spec;
    private final double[][] schedule;

    private NewtonSchulz(String spec, double[] abc, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("Newton–Schulz needs at least one step, got " + steps);
        }
        this.spec = spec;
        this.schedule = new double[steps][];
        for (int i = 0; i < steps; i++) {
            schedule[i] = abc.clone();
        }
    }

    /** The quintic (3.4445, −4.7750, 2.0315) with 5 steps: {@code ns5}. */
    public static NewtonSchulz ns5() {
        return new NewtonSchulz("ns5", QUINTIC, 5);
    }

    /** The cubic (1.5, −0.5, 0) with {@code steps} steps: {@code cubic:K}. */
    public static NewtonSchulz cubic(int steps) {
        return new NewtonSchulz("cubic:" + steps, CUBIC, steps);
    }

    /** Number of steps. */
    public int steps() {
        return schedule.length;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public Polar orthogonalize(Tensor g) {
        return PolynomialIteration.run(g, schedule, 1.0);
    }
}
