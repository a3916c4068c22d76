package dev.steepest.core.linalg;

import java.nio.FloatBuffer;

/**
 * The float SVD of a matrix at one shape, and what the matrix norms build from it: the exact polar factor
 * U_r V_rᵀ ({@link #polarInPlace}) and U·diag(w)·Vᵀ for any weights ({@link #composeInPlace}). The SVD is
 * {@link Blas#sgesddWide}: LAPACK's divide-and-conquer SGESDD when a native BLAS is loaded, else the core's
 * Jacobi {@link Svd}. All workspace is allocated once per shape.
 *
 * <p>Singular values at or below max(m, n)·ε_float·σ₁ count as zero and their directions are dropped, so a
 * rank-deficient G gives the rank-r factor U_r V_rᵀ (a zero matrix gives zero). Matrices are row-major;
 * LAPACK sees a wide column-major matrix (G's transpose when G is tall), whose factors are the transposes of
 * G's, so the results come out row-major without transposing them. Not thread-safe: one instance per thread.
 */
public final class ExactPolar {

    private final int rows;
    private final int cols;
    private final int small;
    private final int big;
    private final Blas blas;
    private final FloatBuffer a;
    private final FloatBuffer s;
    private final FloatBuffer u;
    private final FloatBuffer uw;
    private final FloatBuffer vt;
    private final FloatBuffer out;
    private final float[] sigma;
    private int rank;

    /** Workspace for rows×cols inputs. */
    public ExactPolar(int rows, int cols, Blas blas) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix shape must be positive, got " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.small = Math.min(rows, cols);
        this.big = Math.max(rows, cols);
        this.blas = blas;
        this.a = blas.allocate(rows * cols);
        this.s = blas.allocate(small);
        this.u = blas.allocate(small * small);
        this.uw = blas.allocate(small * small);
        this.vt = blas.allocate(small * big);
        this.out = blas.allocate(rows * cols);
        this.sigma = new float[small];
    }

    /**
     * The SVD of {@code g} (row-major rows×cols, not modified); returns the numerical rank. The singular values
     * are then in {@link #singularValues()}.
     *
     * @throws IllegalArgumentException for a wrong length or a non-finite entry
     */
    public int decompose(float[] g) {
        int size = rows * cols;
        if (g.length != size) {
            throw new IllegalArgumentException("expected " + rows + "x" + cols + " = " + size + " floats, got "
                    + g.length);
        }
        for (float x : g) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("the SVD needs finite entries");
            }
        }
        load(g);
        blas.sgesddWide(small, big, a, small, s, u, small, vt, small);
        s.get(0, sigma);
        float tol = big * Math.ulp(1f) * sigma[0];
        int r = 0;
        while (r < small && sigma[r] > tol) {
            r++;
        }
        for (int l = r; l < small; l++) {
            sigma[l] = 0;
        }
        rank = r;
        return r;
    }

    /** Singular values of the last {@link #decompose}, descending, zero past the rank (a view: do not modify). */
    public float[] singularValues() {
        return sigma;
    }

    /** Numerical rank found by the last {@link #decompose}. */
    public int rank() {
        return rank;
    }

    /**
     * Overwrites {@code g} with its polar factor U_r V_rᵀ and returns Σσᵢ = ⟨G, U_r V_rᵀ⟩ (the nuclear norm),
     * accumulated in double.
     */
    public double polarInPlace(float[] g) {
        int r = decompose(g);
        double sum = 0;
        for (int l = 0; l < r; l++) {
            sum += sigma[l];
        }
        product(u, r, g);
        return sum;
    }

    /**
     * Overwrites {@code out} (rows×cols) with U·diag(w)·Vᵀ from the last {@link #decompose}, with one weight per
     * singular value ({@code w.length} = min(rows, cols)); weights past the rank are ignored.
     */
    public void composeInPlace(float[] w, float[] target) {
        if (w.length != small || target.length != rows * cols) {
            throw new IllegalArgumentException("expected " + small + " weights and " + rows * cols + " floats, got "
                    + w.length + " and " + target.length);
        }
        int r = 0;
        for (int l = 0; l < rank; l++) {
            if (w[l] != 0) {
                r = l + 1;
            }
        }
        for (int l = 0; l < r; l++) {
            int col = l * small;
            for (int i = 0; i < small; i++) {
                uw.put(col + i, u.get(col + i) * w[l]);
            }
        }
        product(uw, r, target);
    }

    /** target ← (first r columns of left)·(first r rows of Vᵀ), row-major. */
    private void product(FloatBuffer left, int r, float[] target) {
        if (r == 0) {
            java.util.Arrays.fill(target, 0f);
            return;
        }
        if (cols <= rows) {
            // LAPACK saw Gᵀ (cols×rows, column-major): its U Vᵀ is G's factor, row-major
            blas.sgemm(false, false, cols, rows, r, 1f, left, small, vt, small, 0f, out, cols);
        } else {
            // LAPACK saw G itself (rows×cols, column-major): write (U Vᵀ)ᵀ = V Uᵀ as the row-major result
            blas.sgemm(true, true, cols, rows, r, 1f, vt, small, left, small, 0f, out, cols);
        }
        out.get(0, target);
    }

    /** Only the SVD of a copy of {@code g} (what {@link #polarInPlace} costs less its one SGEMM), for benchmarks. */
    public void svdOnly(float[] g) {
        load(g);
        blas.sgesddWide(small, big, a, small, s, u, small, vt, small);
    }

    /**
     * Copies g into the LAPACK buffer as a wide column-major matrix: the column-major view of a row-major array
     * is its transpose, already wide when cols ≤ rows; otherwise a blocked transposing copy.
     */
    private void load(float[] g) {
        if (cols <= rows) {
            a.put(0, g);
            return;
        }
        final int bs = 64;
        for (int i0 = 0; i0 < rows; i0 += bs) {
            int i1 = Math.min(rows, i0 + bs);
            for (int j0 = 0; j0 < cols; j0 += bs) {
                int j1 = Math.min(cols, j0 + bs);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        a.put(j * rows + i, g[i * cols + j]);
                    }
                }
            }
        }
    }
}
