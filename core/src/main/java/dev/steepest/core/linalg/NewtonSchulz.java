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

    private NewtonSchulz(String spec, double[][] schedule, double eps, Blas blas) {
        super(spec, schedule, 1.0, eps, blas);
    }

    /**
     * torch.optim.Muon's iteration: X₀ = G/max(‖G‖_F, eps), then {@code steps} times X ← aX + (bA + cA²)X with
     * A = XXᵀ on the wide orientation, for the coefficients {@code abc} = (a, b, c). With Muon's quintic
     * ({@link PolarSchedules#QUINTIC}), 5 steps and eps = 0 it is {@link #ns5()}.
     */
    public static NewtonSchulz of(double[] abc, int steps, double eps) {
        if (abc == null || abc.length != 3) {
            throw new IllegalArgumentException("Newton–Schulz needs three coefficients (a, b, c)");
        }
        for (double v : abc) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Newton–Schulz coefficients must be finite, got " + v);
            }
        }
        if (steps < 1 || steps > Orthogonalizers.MAX_STEPS) {
            throw new IllegalArgumentException("Newton–Schulz needs 1.." + Orthogonalizers.MAX_STEPS + " steps, got "
                    + steps);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("Newton–Schulz eps must be finite and >= 0, got " + eps);
        }
        boolean ns5 = java.util.Arrays.equals(abc, PolarSchedules.QUINTIC) && steps == PolarSchedules.NS5_STEPS;
        String spec = (ns5 ? "ns5" : "ns(" + abc[0] + "," + abc[1] + "," + abc[2] + ")x" + steps)
                + (eps > 0 ? "[eps=" + eps + "]" : "");
        return new NewtonSchulz(spec, PolarSchedules.repeat(abc, steps), eps, null);
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
