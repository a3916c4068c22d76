package dev.steepest.core.linalg;

import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;

/**
 * An orthogonalizer that applies a fixed schedule of odd quintics p(σ) = aσ + bσ³ + cσ⁵ to X₀ = G/(‖G‖_F·safety):
 * {@link NewtonSchulz} and {@link PolarExpress}. The double path is {@link PolynomialIteration}, the float path
 * {@link FloatNewtonSchulz}; both run the same schedule from {@link PolarSchedules}.
 */
public abstract class PolynomialOrthogonalizer implements Orthogonalizer {
    private final String spec;
    private final double[][] schedule;
    private final double safety;
    private final double eps;
    private final Blas blas;
    private final PerShape<FloatNewtonSchulz> workspaces;

    PolynomialOrthogonalizer(String spec, double[][] schedule, double safety, Blas blas) {
        this(spec, schedule, safety, 0, blas);
    }

    /** With X₀ = G/max(‖G‖_F·safety, eps) (see {@link FloatNewtonSchulz}). */
    PolynomialOrthogonalizer(String spec, double[][] schedule, double safety, double eps, Blas blas) {
        this.spec = spec;
        this.eps = eps;
        this.schedule = schedule;
        this.safety = safety;
        this.blas = blas;
        this.workspaces = new PerShape<>((m, n) -> new FloatNewtonSchulz(m, n, schedule, safety, eps,
                this.blas == null ? Blas.get() : this.blas, true));
    }

    /** Number of steps. */
    public int steps() {
        return schedule.length;
    }

    /** The schedule's coefficient triples (a, b, c), one per step (a copy). */
    public double[][] schedule() {
        double[][] s = new double[schedule.length][];
        for (int i = 0; i < s.length; i++) {
            s[i] = schedule[i].clone();
        }
        return s;
    }

    /** The safety factor in X₀ = G/(‖G‖_F·safety). */
    public double safety() {
        return safety;
    }

    /** The floor ε in X₀ = G/max(‖G‖_F·safety, ε); 0 for none. */
    public double eps() {
        return eps;
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
        return PolynomialIteration.run(g, schedule, safety, eps);
    }

    @Override
    public double orthogonalizeInPlace(float[] g, Shape shape) {
        Orthogonalizer.checkFloat(g, shape);
        return workspaces.get(shape).orthogonalizeInPlace(g);
    }
}
