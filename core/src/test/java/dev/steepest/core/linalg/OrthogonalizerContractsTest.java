package dev.steepest.core.linalg;

import org.junit.jupiter.api.Nested;

/** The {@link OrthogonalizerContract} for every core orthogonalizer, float path on the plain Java BLAS. */
class OrthogonalizerContractsTest {

    private static final Blas JAVA = new JavaBlas();

    @Nested
    class ExactSvd extends OrthogonalizerContract {
        @Override
        protected Orthogonalizer subject() {
            return Orthogonalizers.parse("svd", JAVA);
        }

        @Override
        protected double tolerance(boolean floatPath) {
            return floatPath ? 1e-4 : 1e-10;
        }
    }

    @Nested
    class Ns5 extends OrthogonalizerContract {
        @Override
        protected Orthogonalizer subject() {
            return Orthogonalizers.parse("ns5", JAVA);
        }

        @Override
        protected double tolerance(boolean floatPath) {
            return Double.NaN;
        }
    }

    @Nested
    class Cubic40 extends OrthogonalizerContract {
        @Override
        protected Orthogonalizer subject() {
            return Orthogonalizers.parse("cubic:40", JAVA);
        }

        @Override
        protected double tolerance(boolean floatPath) {
            return floatPath ? 2e-4 : 1e-9;
        }

        @Override
        protected double nullTolerance(boolean floatPath) {
            return floatPath ? 1.0 : 1e-9;
        }
    }

    @Nested
    class PolarExpressDefault extends OrthogonalizerContract {
        @Override
        protected Orthogonalizer subject() {
            return Orthogonalizers.parse("polar-express", JAVA);
        }

        @Override
        protected double tolerance(boolean floatPath) {
            return floatPath ? 2e-4 : 1e-4;
        }
    }
}
