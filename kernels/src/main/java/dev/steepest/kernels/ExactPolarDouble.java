package dev.steepest.kernels;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * {@link ExactPolar} in double precision: DGESDD (JOBZ = 'S') and one DGEMM, workspace allocated once per shape.
 * Singular values at or below max(m, n)·ε_double·σ₁ are dropped. Row-major; not thread-safe.
 */
public final class ExactPolarDouble {

    private final int rows;
    private final int cols;
    private final int small;
    private final BLAS blas;
    private final LAPACK lapack;
    private final double[] a;
    private final double[] s;
    private final double[] u;
    private final double[] vt;
    private final double[] work;
    private final int[] iwork;

    /** Workspace for rows×cols inputs, using the default BLAS and LAPACK. */
    public ExactPolarDouble(int rows, int cols) {
        this(rows, cols, Netlib.blas(), Netlib.lapack());
    }

    /** Workspace for rows×cols inputs, using the given BLAS and LAPACK. */
    public ExactPolarDouble(int rows, int cols, BLAS blas, LAPACK lapack) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix shape must be positive, got " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.small = Math.min(rows, cols);
        this.blas = blas;
        this.lapack = lapack;
        this.a = new double[rows * cols];
        this.s = new double[small];
        this.u = new double[small * small];
        this.vt = new double[small * Math.max(rows, cols)];
        this.iwork = new int[8 * small];
        double[] query = new double[1];
        intW info = new intW(0);
        lapack.dgesdd("S", small, Math.max(rows, cols), a, small, s, u, small, vt, small, query, -1, iwork, info);
        if (info.val != 0) {
            throw new IllegalStateException("DGESDD workspace query failed, info = " + info.val);
        }
        this.work = new double[Math.max(1, (int) query[0])];
    }

    /** {@code out} ← U Vᵀ of {@code g} (row-major rows×cols); returns the numerical rank. {@code out} may be g. */
    public int polar(double[] g, double[] out) {
        int size = rows * cols;
        if (g.length != size || out.length != size) {
            throw new IllegalArgumentException("expected arrays of " + rows + "x" + cols + " = " + size
                    + " doubles, got " + g.length + " and " + out.length);
        }
        load(g);
        intW info = new intW(0);
        lapack.dgesdd("S", small, Math.max(rows, cols), a, small, s, u, small, vt, small, work, work.length, iwork, info);
        if (info.val < 0) {
            throw new IllegalStateException("DGESDD argument " + (-info.val) + " is invalid");
        }
        if (info.val > 0) {
            throw new IllegalArgumentException("SVD did not converge (DGESDD info = " + info.val
                    + "); does the matrix contain NaN or infinity?");
        }
        double tol = Math.max(rows, cols) * Math.ulp(1.0) * s[0];
        int rank = 0;
        while (rank < small && s[rank] > tol) {
            rank++;
        }
        if (rank == 0) {
            java.util.Arrays.fill(out, 0.0);
            return 0;
        }
        if (cols <= rows) {
            // LAPACK saw Xᵀ (cols×rows, column-major); its U Vᵀ is X's polar factor, row-major
            blas.dgemm("N", "N", cols, rows, rank, 1.0, u, small, vt, small, 0.0, out, cols);
        } else {
            // LAPACK saw X itself (rows×cols, column-major); write (U Vᵀ)ᵀ = V Uᵀ as the row-major result
            blas.dgemm("T", "T", cols, rows, rank, 1.0, vt, small, u, small, 0.0, out, cols);
        }
        return rank;
    }

    /** Singular values from the last call, descending (a view into the workspace; do not modify). */
    public double[] singularValues() {
        return s;
    }

    /**
     * Copies g into the LAPACK buffer as a wide column-major matrix (at most as many rows as columns): the
     * column-major view of a row-major array is its transpose, which is already wide when cols ≤ rows; otherwise
     * a blocked transposing copy. (Wide keeps U at min(m,n)² and within netlib's argument checks.)
     */
    private void load(double[] g) {
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
