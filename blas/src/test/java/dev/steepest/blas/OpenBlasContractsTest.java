package dev.steepest.blas;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.linalg.Blas;
import dev.steepest.core.linalg.Orthogonalizer;
import dev.steepest.core.linalg.OrthogonalizerContract;
import dev.steepest.core.linalg.Orthogonalizers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The core's {@link OrthogonalizerContract} with the float paths on OpenBLAS (SGESDD for the exact factor). */
class OpenBlasContractsTest {

    private static final Blas OPENBLAS = new OpenBlas();

    @Test
    void theServiceLoaderFindsOpenBlasOnTheClassPath() {
        Assumptions.assumeFalse(Boolean.getBoolean("steepest.blas.java"), "plain Java BLAS forced");
        assertInstanceOf(OpenBlas.class, Blas.get());
        assertTrue(Blas.get().nativeCode());
        assertTrue(Blas.get().describe().startsWith("OpenBLAS"), Blas.get().describe());
    }

    @Nested
    class ExactSvdThroughLapack extends OrthogonalizerContract {
        @Override
        protected Orthogonalizer subject() {
            return Orthogonalizers.parse("svd", OPENBLAS);
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
            return Orthogonalizers.parse("ns5", OPENBLAS);
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
            return Orthogonalizers.parse("cubic:40", OPENBLAS);
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
            return Orthogonalizers.parse("polar-express", OPENBLAS);
        }

        @Override
        protected double tolerance(boolean floatPath) {
            return floatPath ? 2e-4 : 1e-4;
        }
    }
}
