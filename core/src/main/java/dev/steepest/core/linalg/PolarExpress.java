package dev.steepest.core.linalg;

/**
 * Polar Express (Amsel, Persson, Musco &amp; Gower, 2025, "The Polar Express: Optimal Matrix Sign
 * Methods and Their Application to the Muon Algorithm", arXiv:2505.16932): a different quintic
 * p_t(σ) = a_tσ + b_tσ³ + c_tσ⁵ at every step, each the minimax-optimal approximation of sign on
 * the interval the previous steps leave, so the composition converges fast from the start and
 * then super-exponentially to U Vᵀ.
 *
 * <p>The schedule ({@link PolarSchedules#polarExpress}) is the published degree-5 one (designed for a lower
 * singular-value bound ℓ = 1e-3 after normalization), used as published: X₀ = G / (1.01·‖G‖_F), and every
 * triple except the last divided by (1.01, 1.01³, 1.01⁵). Steps past the eighth repeat the last triple. The
 * schedule assumes singular values of X₀ at least about 1e-3; an input with smaller ones (e.g. a large square
 * Gaussian matrix) needs more steps ({@code polar-express:K}), and the reported orthogonality error shows it.
 * The published ε = 1e-7 added to the norm is left out: a zero input is handled separately.
 */
public final class PolarExpress extends PolynomialOrthogonalizer {
    /** Default number of steps: the whole published schedule. */
    public static final int DEFAULT_STEPS = PolarSchedules.POLAR_EXPRESS_STEPS;

    /** The published schedule with {@link #DEFAULT_STEPS} steps. */
    public PolarExpress() {
        this(DEFAULT_STEPS);
    }

    /** The published schedule truncated or extended (by its last triple) to {@code steps} steps. */
    public PolarExpress(int steps) {
        this(steps, null);
    }

    /** As {@link #PolarExpress(int)}, the float path on {@code blas} ({@code null}: {@link Blas#get()}). */
    public PolarExpress(int steps, Blas blas) {
        super(steps == DEFAULT_STEPS ? "polar-express" : "polar-express:" + steps, PolarSchedules.polarExpress(steps),
                PolarSchedules.POLAR_EXPRESS_SAFETY, blas);
    }
}
