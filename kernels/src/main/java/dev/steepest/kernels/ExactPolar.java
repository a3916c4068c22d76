package dev.steepest.kernels;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * The exact polar factor U Vᵀ of a float matrix G = U Σ Vᵀ through LAPACK's divide-and-conquer SVD (SGESDD,
 * reduced: JOBZ = 'S') and one SGEMM, with all workspace allocated once per shape.
 *
 * <p>Singular values at or below max(m, n)·ε_float·σ₁ are treated as zero and their directions dropped, so a
 * rank-deficient G gives the rank-r factor U_r V_rᵀ (a zero matrix gives zero). Matrices are row-major; BLAS and
 * LAPACK see the column-major transpose, whose polar factor is the transpose of G's, so no copy is transposed.
 * Not thread-safe: one instance per thread.
 */
public final class ExactPolar {

    private final int rows;
    private final int cols;
    private final int small;
    private final BLAS blas;
    private final LAPACK lapack;
    private final float[] a;
    private final float[] s;
    private final float[] u;
    private final float[] vt;
    private final float[] work;
    private final int[] iwork;
    private int lastRank;

    /** Workspace for rows×cols inputs, using {@link BLAS#getInstance()} and {@link LAPACK#getInstance()}. */
    public ExactPolar(int rows, int cols) {
        this(rows, cols, Netlib.blas(), Netlib.lapack());
    }

    /** Workspace for rows×cols inputs, using the given BLAS and LAPACK. */
    public ExactPolar(int rows, int cols, BLAS blas, LAPACK lapack) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix shape must be positive, got " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.small = Math.min(rows, cols);
        this.blas = blas;
        this.lapack = lapack;
        this.a = new float[rows * cols];
        this.s = new float[small];
        this.u = new float[small * small];
        this.vt = new float[small * Math.max(rows, cols)];
        this.iwork = new int[8 * small];
        float[] query = new float[1];
        intW info = new intW(0);
        lapack.sgesdd("S", small, Math.max(rows, cols), a, small, s, u, small, vt, small, query, -1, iwork, info);
        if (info.val != 0) {
            throw new IllegalStateException("SGESDD workspace query failed, info = " + info.val);
        }
        this.work = new float[Math.max(1, (int) query[0])];
    }

    /** {@code out} ← U Vᵀ of {@code g} (row-major rows×cols). {@code out} may be {@code g}. */
    public void polar(float[] g, float[] out) {
        int size = rows * cols;
        if (g.length != size || out.length != size) {
            throw new IllegalArgumentException("expected arrays of " + rows + "x" + cols + " = " + size
                    + " floats, got " + g.length + " and " + out.length);
        }
        load(g);
        svd();
        float tol = Math.max(rows, cols) * Math.ulp(1f) * s[0];
        int rank = 0;
        while (rank < small && s[rank] > tol) {
            rank++;
        }
        lastRank = rank;
        if (rank == 0) {
            java.util.Arrays.fill(out, 0f);
            return;
        }
        // (U_r)(Vᵀ_r): only the first `rank` columns of U and rows of Vᵀ
        if (cols <= rows) {
            // LAPACK saw Xᵀ (cols×rows, column-major); its U Vᵀ is X's polar factor, row-major
            blas.sgemm("N", "N", cols, rows, rank, 1f, u, small, vt, small, 0f, out, cols);
        } else {
            // LAPACK saw X itself (rows×cols, column-major); write (U Vᵀ)ᵀ = V Uᵀ as the row-major result
            blas.sgemm("T", "T", cols, rows, rank, 1f, vt, small, u, small, 0f, out, cols);
        }
    }

    /** Only the SGESDD call on a copy of {@code g} (what {@link #polar} costs less its one SGEMM). */
    public void svdOnly(float[] g) {
        load(g);
        svd();
    }

    private void svd() {
        intW info = new intW(0);
        lapack.sgesdd("S", small, Math.max(rows, cols), a, small, s, u, small, vt, small, work, work.length, iwork, info);
        if (info.val < 0) {
            throw new IllegalStateException("SGESDD argument " + (-info.val) + " is invalid");
        }
        if (info.val > 0) {
            throw new IllegalArgumentException("SVD did not converge (SGESDD info = " + info.val
                    + "); does the matrix contain NaN or infinity?");
        }
    }

    /** Singular values from the last call, descending (a view into the workspace; do not modify). */
    public float[] singularValues() {
        return s;
    }

    /** Numerical rank found by the last {@link #polar} call. */
    public int lastRank() {
        return lastRank;
    }

    /** Floating-point operations of the final U·Vᵀ product (the SVD's own count depends on LAPACK). */
    public static double productFlops(int m, int n) {
        return 2.0 * m * n * Math.min(m, n);
    }

    /**
     * Copies g into the LAPACK buffer as a wide column-major matrix (at most as many rows as columns): the
     * column-major view of a row-major array is its transpose, which is already wide when cols ≤ rows; otherwise
     * a blocked transposing copy. (Wide keeps U at min(m,n)² and within netlib's argument checks.)
     */
    private void load(float[] g) {
        if (cols <= rows) {
            System.arraycopy(g, 0, a, 0, rows * cols);
            return;
        }
        final int bs = 64;
        for (int i0 = 0; i0 < rows; i0 += bs) {
            int i1 = Math.min(rows, i0 + bs);
            for (int j0 = 0; j0 < cols; j0 += bs) {
                int j1 = Math.min(cols, j0 + bs);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        a[j * rows + i] = g[i * cols + j];
                    }
                }
            }
        }
    }
}
