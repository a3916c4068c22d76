package dev.steepest.core.linalg;

import java.nio.FloatBuffer;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * The few BLAS/LAPACK calls the float matrix steps need (column-major, single precision), behind one small
 * interface so that the core stays free of dependencies: {@link #get()} finds a native implementation through
 * {@link ServiceLoader} (module {@code steepest-blas}: OpenBLAS) and falls back to {@link JavaBlas}, the plain
 * Java loops here, saying so once on stderr.
 *
 * <p>Every matrix lives in a {@link FloatBuffer} from {@link #allocate}: direct (off-heap) for a native
 * implementation, so no call copies its arguments, and array-backed for {@link JavaBlas}. Buffers are used from
 * position 0; leading dimensions are in floats, as in BLAS.
 */
public interface Blas {

    /** What runs, in a few words (implementation and library, e.g. "OpenBLAS 0.3.31 …" or "plain Java"). */
    String describe();

    /** Whether the calls run native code. */
    boolean nativeCode();

    /** A zeroed buffer of {@code n} floats that this implementation reads and writes without copying. */
    FloatBuffer allocate(int n);

    /** C ← α·op(A)·op(B) + β·C, op(A) m×k, op(B) k×n, C m×n (SGEMM). */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
               FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc);

    /**
     * C ← α·A·Aᵀ + β·C ({@code trans} false, A n×k) or α·Aᵀ·A + β·C ({@code trans} true, A k×n), C n×n
     * symmetric: only its upper triangle is written (SSYRK with UPLO = 'U').
     */
    void ssyrkUpper(boolean trans, int n, int k, float alpha, FloatBuffer a, int lda, float beta, FloatBuffer c,
                    int ldc);

    /**
     * C ← α·A·B + β·C ({@code left}, A m×m) or α·B·A + β·C (A n×n), A symmetric and read from its upper
     * triangle only, B and C m×n (SSYMM with UPLO = 'U').
     */
    void ssymmUpper(boolean left, int m, int n, float alpha, FloatBuffer a, int lda, FloatBuffer b, int ldb,
                    float beta, FloatBuffer c, int ldc);

    /**
     * The reduced SVD A = U·diag(s)·Vᵀ of the m×n matrix {@code a} with m ≤ n (SGESDD, JOBZ = 'S'): s gets the
     * m singular values in descending order, u the m×m U, vt the m×n Vᵀ; {@code a} is overwritten.
     *
     * @throws IllegalArgumentException when the SVD does not converge (a non-finite entry)
     */
    void sgesddWide(int m, int n, FloatBuffer a, int lda, FloatBuffer s, FloatBuffer u, int ldu, FloatBuffer vt,
                    int ldvt);

    /** The implementation in use: the first native one that loads, else {@link JavaBlas}. */
    static Blas get() {
        return Holder.BLAS;
    }

    /** Finds the implementation once. */
    final class Holder {
        static final Blas BLAS = find();

        private Holder() {
        }

        private static Blas find() {
            if (Boolean.getBoolean("steepest.blas.java")) {
                return new JavaBlas();
            }
            StringBuilder why = new StringBuilder();
            Iterator<Blas> it = ServiceLoader.load(Blas.class).iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    return it.next();
                } catch (Throwable t) {
                    Throwable c = t.getCause() != null ? t.getCause() : t;
                    why.append(why.length() == 0 ? "" : "; ").append(c.getMessage());
                }
            }
            System.err.println("steepest: no native BLAS/LAPACK "
                    + (why.length() == 0 ? "(module steepest-blas is not on the class path)" : "(" + why + ")")
                    + "; matrix steps run on plain Java loops, much slower");
            return new JavaBlas();
        }
    }
}
