package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.linalg.Blas;
import org.junit.jupiter.api.Test;

/**
 * The optimizer tests run on OpenBLAS (module blas, on the test class path), or on the plain Java BLAS when the
 * build is given {@code -Dsteepest.blas.java=true}, as CI does once: this pins which one the other tests used.
 */
class BlasInUseTest {

    @Test
    void theMatrixStepsRunOnTheBlasTheBuildAskedFor() {
        boolean plain = Boolean.getBoolean("steepest.blas.java");
        assertEquals(!plain, Blas.get().nativeCode(), Blas.get().describe());
        assertEquals(plain ? "dev.steepest.core.linalg.JavaBlas" : "dev.steepest.blas.OpenBlas",
                Blas.get().getClass().getName());
    }
}
