package dev.steepest.blas;

import dev.steepest.core.linalg.Blas;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.openblas.global.openblas;

/**
 * The core's {@link Blas} on OpenBLAS, shipped as a Maven dependency (org.bytedeco:openblas with its
 * linux-x86_64 natives; JavaCPP unpacks and loads the library on first use), found by
 * {@link java.util.ServiceLoader} whenever this module is on the class path. Buffers are direct (off-heap):
 * JavaCPP hands their address to OpenBLAS, so no call copies its arguments. OpenBLAS uses every core unless
 * {@code OPENBLAS_NUM_THREADS} says otherwise.
 */
public final class OpenBlas implements Blas {

    private static final int COL = openblas.CblasColMajor;
    private static final int NO = openblas.CblasNoTrans;
    private static final int T = openblas.CblasTrans;
    private static final int UP = openblas.CblasUpper;

    /** Loads OpenBLAS; throws {@link IllegalStateException} saying why when it cannot be loaded. */
    public OpenBlas() {
        try {
            // one tiny call: loads the library (and fails here, not in the middle of a step)
            FloatBuffer x = allocate(1);
            x.put(0, 1f);
            openblas.cblas_sdot(1, x, 1, x, 1);
        } catch (Throwable t) {
            throw new IllegalStateException("OpenBLAS (org.bytedeco) did not load: " + t, t);
        }
    }

    @Override
    public String describe() {
        List<String> libs = loadedLibraries();
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        return openblas.OPENBLAS_VERSION.strip() + " (org.bytedeco:openblas, OPENBLAS_NUM_THREADS="
                + (threads == null ? "unset: all cores" : threads) + (libs.isEmpty() ? "" : ", " + String.join(", ", libs))
                + ")";
    }

    /** The OpenBLAS libraries mapped into this process (from /proc/self/maps; empty where that is not readable). */
    public static List<String> loadedLibraries() {
        List<String> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String path = line.substring(slash);
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (name.startsWith("libopenblas") && !found.contains(path)) {
                    found.add(path);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: report nothing
        }
        return found;
    }

    @Override
    public boolean nativeCode() {
        return true;
    }

    @Override
    public FloatBuffer allocate(int n) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(n, Float.BYTES)).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
                      FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        openblas.cblas_sgemm(COL, transA ? T : NO, transB ? T : NO, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    @Override
    public void ssyrkUpper(boolean trans, int n, int k, float alpha, FloatBuffer a, int lda, float beta, FloatBuffer c,
                           int ldc) {
        openblas.cblas_ssyrk(COL, UP, trans ? T : NO, n, k, alpha, a, lda, beta, c, ldc);
    }

    @Override
    public void ssymmUpper(boolean left, int m, int n, float alpha, FloatBuffer a, int lda, FloatBuffer b, int ldb,
                           float beta, FloatBuffer c, int ldc) {
        openblas.cblas_ssymm(COL, left ? openblas.CblasLeft : openblas.CblasRight, UP, m, n, alpha, a, lda, b, ldb,
                beta, c, ldc);
    }

    @Override
    public void sgesddWide(int m, int n, FloatBuffer a, int lda, FloatBuffer s, FloatBuffer u, int ldu, FloatBuffer vt,
                           int ldvt) {
        int info = openblas.LAPACKE_sgesdd(openblas.LAPACK_COL_MAJOR, (byte) 'S', m, n, a, lda, s, u, ldu, vt, ldvt);
        if (info == -5) { // LAPACKE checks A for NaN and reports it as argument 5
            throw new IllegalArgumentException("the SVD needs finite entries");
        }
        if (info < 0) {
            throw new IllegalStateException("SGESDD argument " + (-info) + " is invalid");
        }
        if (info > 0) {
            throw new IllegalArgumentException("SVD did not converge (SGESDD info = " + info
                    + "); does the matrix contain NaN or infinity?");
        }
    }
}
