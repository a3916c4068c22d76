package dev.steepest.core.linalg;

/**
 * Every coefficient of the polynomial orthogonalizers, declared once: each step applies
 * p(σ) = aσ + bσ³ + cσ⁵ to the singular values of X₀ = G / (‖G‖_F·safety). The double reference
 * ({@link PolynomialIteration}), the float iteration ({@link FloatNewtonSchulz}) and the libtorch one in
 * the DJL adapter all read their schedules from here.
 */
public final class PolarSchedules {
    private PolarSchedules() {
    }

    /** Muon's quintic Newton–Schulz coefficients (a, b, c): fast, deliberately inexact. */
    public static final double[] QUINTIC = {3.4445, -4.7750, 2.0315};
    /** Steps of {@code ns5}. */
    public static final int NS5_STEPS = 5;
    /** The classical cubic Newton–Schulz coefficients (a, b, c): converges to U Vᵀ, slowly at first. */
    public static final double[] CUBIC = {1.5, -0.5, 0};

    /**
     * Polar Express (Amsel, Persson, Musco &amp; Gower, 2025, arXiv:2505.16932): the published degree-5
     * schedule (a, b, c) per step, designed for a lower singular-value bound ℓ = 1e-3 after
     * normalization, before the safety factor.
     */
    public static final double[][] POLAR_EXPRESS = {
        {8.28721201814563, -23.595886519098837, 17.300387312530933},
        {4.107059111542203, -2.9478499167379106, 0.5448431082926601},
        {3.9486908534822946, -2.908902115962949, 0.5518191394370137},
        {3.3184196573706015, -2.488488024314874, 0.51004894012372},
        {2.300652019954817, -1.6689039845747493, 0.4188073119525673},
        {1.891301407787398, -1.2679958271945868, 0.37680408948524835},
        {1.8750014808534479, -1.2500016453999487, 0.3750001645474248},
        {1.875, -1.25, 0.375},
    };
    /** Polar Express's safety factor: X₀ = G/(1.01·‖G‖_F) and p_t(σ/1.01) for every step but the last. */
    public static final double POLAR_EXPRESS_SAFETY = 1.01;
    /** Default number of Polar Express steps: the whole published schedule. */
    public static final int POLAR_EXPRESS_STEPS = 8;

    /** {@code steps} copies of one triple. */
    public static double[][] repeat(double[] abc, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("an iteration needs at least one step, got " + steps);
        }
        double[][] s = new double[steps][];
        for (int i = 0; i < steps; i++) {
            s[i] = abc.clone();
        }
        return s;
    }

    /** The ns5 schedule: {@link #QUINTIC} × {@link #NS5_STEPS}. */
    public static double[][] ns5() {
        return repeat(QUINTIC, NS5_STEPS);
    }

    /**
     * The Polar Express schedule for {@code steps} steps, safety applied: every published triple but the
     * last divided by (1.01, 1.01³, 1.01⁵); steps past the eighth repeat the last triple (1.875, −1.25,
     * 0.375), the fixed point the schedule reaches.
     */
    public static double[][] polarExpress(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("polar-express needs at least one step, got " + steps);
        }
        double[][] schedule = new double[steps][];
        int last = POLAR_EXPRESS.length - 1;
        double f = POLAR_EXPRESS_SAFETY;
        for (int t = 0; t < steps; t++) {
            double[] abc = POLAR_EXPRESS[Math.min(t, last)];
            schedule[t] = t < last ? new double[] {abc[0] / f, abc[1] / (f * f * f), abc[2] / (f * f * f * f * f)}
                    : abc.clone();
        }
        return schedule;
    }
}
