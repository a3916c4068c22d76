package dev.steepest.problems;

/**
 * A smooth function of two variables in double precision, with where to start and where its minimum
 * is: the definition behind the 2-D problems, shared by {@link Problems} (float variables for
 * optimizers) and by plots that draw paths on the plane.
 */
public interface Function2 {

    /** f(x, y). */
    double value(double x, double y);

    /** ∇f(x, y). */
    double[] gradient(double x, double y);

    /** The starting point x₀. */
    double[] start();

    /** The minimizer. */
    double[] minimum();

    /**
     * The quadratic f(x) = ½ (x − x*)ᵀ A (x − x*) with A = R diag(λ₁, λ₂) Rᵀ, R the rotation by
     * {@code angle} radians: an ill-conditioned valley when λ₂ ≫ λ₁.
     *
     * @param angle the rotation of the principal axes, in radians
     * @param lambda1 the eigenvalue along R e₁
     * @param lambda2 the eigenvalue along R e₂
     * @param center the minimizer x*
     * @param start the starting point x₀
     */
    record Quadratic(double angle, double lambda1, double lambda2, double[] center, double[] start)
            implements Function2 {

        /** The condition number of A. */
        public double conditionNumber() {
            return Math.max(lambda1, lambda2) / Math.min(lambda1, lambda2);
        }

        /** A = {{a11, a12}, {a12, a22}}. */
        public double[] hessian() {
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            return new double[] {c * c * lambda1 + s * s * lambda2, c * s * (lambda1 - lambda2),
                s * s * lambda1 + c * c * lambda2};
        }

        @Override
        public double value(double x, double y) {
            double[] a = hessian();
            double d0 = x - center[0];
            double d1 = y - center[1];
            return 0.5 * (d0 * (a[0] * d0 + a[1] * d1) + d1 * (a[1] * d0 + a[2] * d1));
        }

        @Override
        public double[] gradient(double x, double y) {
            double[] a = hessian();
            double d0 = x - center[0];
            double d1 = y - center[1];
            return new double[] {a[0] * d0 + a[1] * d1, a[1] * d0 + a[2] * d1};
        }

        @Override
        public double[] start() {
            return start.clone();
        }

        @Override
        public double[] minimum() {
            return center.clone();
        }
    }

    /** Rosenbrock's valley (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1), started at (−1.2, 1). */
    record Rosenbrock() implements Function2 {
        @Override
        public double value(double x, double y) {
            double a = 1 - x;
            double r = y - x * x;
            return a * a + 100 * r * r;
        }

        @Override
        public double[] gradient(double x, double y) {
            double r = y - x * x;
            return new double[] {-2 * (1 - x) - 400 * x * r, 200 * r};
        }

        @Override
        public double[] start() {
            return new double[] {-1.2, 1};
        }

        @Override
        public double[] minimum() {
            return new double[] {1, 1};
        }
    }
}
