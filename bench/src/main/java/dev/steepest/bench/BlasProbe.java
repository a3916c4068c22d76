package dev.steepest.bench;

/**
 * Loads the BLAS and makes one call, nothing else: {@link Environment} runs it in a child JVM with
 * OPENBLAS_VERBOSE=2, which makes OpenBLAS print the kernel it picked ("Core: Zen").
 */
public final class BlasProbe {

    private BlasProbe() {
    }

    public static void main(String[] args) {
        float[] x = {1f};
        dev.steepest.kernels.Netlib.blas().sdot(1, x, 1, x, 1);
    }
}
