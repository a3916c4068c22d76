package dev.steepest.core.linalg;

import dev.steepest.core.Tensor;

/**
 * Polar Express (Amsel, Persson, Musco &amp; Gower, 2025, "The Polar Express: Optimal Matrix Sign
 * Methods and Their Application to the Muon Algorithm", arXiv:2505.16932): a different quintic
 * p_t(σ) = a_tσ + b_tσ³ + c_tσ⁵ at every step, each the minimax-optimal approximation of sign on
 * the interval the previous steps leave, so the composition converges fast from the start and
 * then super-exponentially to U Vᵀ.
 *
 * <p>The schedule is the published degree-5 one (designed for a lower singular-value bound
 * ℓ = 1e-3 after normalization), used as published: X₀ = G / (1.01·‖G‖_F), and every triple except
 * the last divided by (1.01, 1.01³, 1.01⁵), i.e. p_t(σ/1.01), a safety margin against rounding.
 * Steps past the eighth repeat the last triple (1.875, −1.25, 0.375), the fixed point the
 * schedule reaches. The schedule assumes singular values of X₀ at least about 1e-3; an input with
 * smaller ones (e.g. a large square Gaussian matrix) needs more steps ({@code polar-express:K}), and
 * the reported orthogonality error shows it. The published ε = 1e-7 added to the norm is left out: the norm here is
 * computed exactly on G/max|Gᵢⱼ|, and a zero input is handled separately.
 */
public final class PolarExpress implements Orthogonalizer {
    /** The published coefficient triples (a, b, c), before the safety factor. */
    public static final double[][] PUBLISHED = {
        {8.28721201814563, -23.595886519098837, 17.300387312530933},
        {4.107059111542203, -2.9478499167379106, 0.5448431082926601},
        {3.9486908534822946, -2.908902115962949, 0.5518191394370137},
        {3.3184196573706015, -2.488488024314874, 0.51004894012372},
        {2.300652019954817, -1.6689039845747493, 0.4188073119525673},
        {1.891301407787398, -1.2679958271945868, 0.37680408948524835},
        {1.8750014808534479, -1.2500016453999487, 0.3750001645474248},
        {1.875, -1.25, 0.375},
    };
    /** The safety factor of the published schedule. */
    public static final double SAFETY = 1.01;
    /** Default number of steps: the whole published schedule. */
    public static final int DEFAULT_STEPS = 8;

    private final int steps;
    private final double[][] schedule;

    /** The published schedule with {@link #DEFAULT_STEPS} steps. */
    public PolarExpress() {
        this(DEFAULT_STEPS);
    }

    /** The published schedule truncated or extended (by its last triple) to {@code steps} steps. */
    public PolarExpress(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("polar-express needs at least one step, got " + steps);
        }
        this.steps = steps;
        this.schedule = new double[steps][];
        int last = PUBLISHED.length - 1;
        for (int t = 0; t < steps; t++) {
            double[] abc = PUBLISHED[Math.min(t, last)];
            schedule[t] = t < last
                    ? new double[] {abc[0] / SAFETY, abc[1] / Math.pow(SAFETY, 3), abc[2] / Math.pow(SAFETY, 5)}
                    : abc.clone();
        }
    }

    /** Number of steps. */
    public int steps() {
        return steps;
    }

    @Override
    public String spec() {
        return steps == DEFAULT_STEPS ? "polar-express" : "polar-express:" + steps;
    }

    @Override
    public boolean exact() {
        return false;
    }

    /** O ≈ U Vᵀ; the error is ‖OOᵀ − I‖_F on the smaller side, see {@link PolynomialIteration#run}. */
    @Override
    public Polar orthogonalize(Tensor g) {
        return PolynomialIteration.run(g, schedule, SAFETY);
    }
}
