package dev.steepest.kernels;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Newton–Schulz approximation of the polar factor U Vᵀ of a float matrix through BLAS, with all workspace
 * allocated once per shape.
 *
 * <p>X₀ = G/‖G‖_F (as dev.steepest.core.linalg.NewtonSchulz; a zero matrix gives zero), then {@code steps} times X ← aX + (bA + cA²)X with A the Gram matrix on the smaller
 * side (XXᵀ for a wide X, XᵀX with the product on the right for a tall one). The default coefficients are the
 * widely used quintic (3.4445, −4.7750, 2.0315), fast but deliberately inexact (singular values land roughly in
 * [0.7, 1.2]). Per step: one SSYRK for A and one for bA + cA² (A is symmetric, so A² = AAᵀ; each SSYRK does
 * half the flops of a GEMM), a added on the diagonal (so X is never copied), one SSYMM for the update (the
 * polynomial is symmetric: only its upper triangle is formed). Without native BLAS, SGEMM throughout. Matrices are row-major; a row-major m×n array is the column-major n×m transpose, which is how BLAS
 * sees it. Not thread-safe: one instance per thread.
 */
public final class NewtonSchulz {

    /** The quintic coefficients (a, b, c). */
    public static final float QA = 3.4445f;
    /** See {@link #QA}. */
    public static final float QB = -4.7750f;
    /** See {@link #QA}. */
    public static final float QC = 2.0315f;

    private final int rows;
    private final int cols;
    private final int small;
    private final BLAS blas;
    private final boolean syrk;
    private final float[] gram;
    private final float[] poly;
    private final float[] tile = new float[256];
    private float[] y;
    private float[] y2;

    /** Workspace for rows×cols inputs, using {@link BLAS#getInstance()}. */
    public NewtonSchulz(int rows, int cols) {
        this(rows, cols, Netlib.blas());
    }

    /** Workspace for rows×cols inputs, using the given BLAS. */
    public NewtonSchulz(int rows, int cols, BLAS blas) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix shape must be positive, got " + rows + "x" + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matrix too large for one array: " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.small = Math.min(rows, cols);
        this.blas = blas;
        // netlib's pure-Java SSYRK is many times slower than its SGEMM; native SSYRK does half a GEMM's work
        this.syrk = usesSyrk(blas);
        this.gram = new float[small * small];
        this.poly = new float[small * small];
        this.y = new float[rows * cols];
        this.y2 = new float[rows * cols];
    }

    /** Whether the Gram matrix is formed with SSYRK (native BLAS) rather than SGEMM (netlib's Java fallback). */
    public static boolean usesSyrk(BLAS blas) {
        return blas.getClass().getSimpleName().startsWith("JNI");
    }

    /** Rows of the matrices this instance handles. */
    public int rows() {
        return rows;
    }

    /** Columns of the matrices this instance handles. */
    public int cols() {
        return cols;
    }

    /** Five quintic steps: {@code out} ← NS5(g). {@code out} may be {@code g}. */
    public void orthogonalize(float[] g, float[] out) {
        orthogonalize(g, out, 5, QA, QB, QC);
    }

    /** {@code steps} steps with coefficients (a, b, c): {@code out} ← NS(g). {@code out} may be {@code g}. */
    public void orthogonalize(float[] g, float[] out, int steps, float a, float b, float c) {
        int size = rows * cols;
        if (g.length != size || out.length != size) {
            throw new IllegalArgumentException("expected arrays of " + rows + "x" + cols + " = " + size
                    + " floats, got " + g.length + " and " + out.length);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        double norm = Math.sqrt(Elementwise.sumSquares(g));
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException("matrix has a non-finite entry (Frobenius norm " + norm + ")");
        }
        if (norm == 0) {
            java.util.Arrays.fill(out, 0f);
            return;
        }
        float inv = (float) (1.0 / norm);
        if (steps == 0) {
            for (int i = 0; i < size; i++) {
                out[i] = g[i] * inv;
            }
            return;
        }
        float[] x = y;
        for (int i = 0; i < size; i++) {
            x[i] = g[i] * inv;
        }
        for (int k = 0; k < steps; k++) {
            // the last step writes straight into out (g is no longer read, so out may be g)
            float[] next = k == steps - 1 ? out : y2;
            step(x, next, a, b, c);
            if (next == y2) {
                y2 = x;
                x = next;
            }
        }
        y = x;
    }

    /** One step from {@code x} into {@code next} (column-major view: x is cols×rows): next = (aI + bA + cA²)·x. */
    private void step(float[] x, float[] next, float a, float b, float c) {
        int s = small;
        int ld = cols; // leading dimension of the column-major cols×rows view
        if (rows <= cols) {
            // wide X: A = X Xᵀ = Yᵀ Y (Y = Xᵀ is cols×rows), update Y ← Y·(aI + bA + cA²)
            if (syrk) {
                blas.ssyrk("U", "T", s, cols, 1f, x, ld, 0f, gram, s);
            } else {
                blas.sgemm("T", "N", s, s, cols, 1f, x, ld, x, ld, 0f, gram, s);
            }
        } else {
            // tall X: A = Xᵀ X = Y Yᵀ, update Y ← (aI + bA + cA²)·Y
            if (syrk) {
                blas.ssyrk("U", "N", s, rows, 1f, x, ld, 0f, gram, s);
            } else {
                blas.sgemm("N", "T", s, s, rows, 1f, x, ld, x, ld, 0f, gram, s);
            }
        }
        System.arraycopy(gram, 0, poly, 0, s * s);
        if (syrk) {
            symmetrizeUpper(gram, s, tile);
            // A is symmetric, so A² = A·Aᵀ: SSYRK again, half the flops of a GEMM
            blas.ssyrk("U", "N", s, s, c, gram, s, b, poly, s);
        } else {
            blas.sgemm("N", "N", s, s, s, c, gram, s, gram, s, b, poly, s);
        }
        for (int i = 0; i < s; i++) {
            poly[i * s + i] += a; // a·X folded in: no copy of X, β = 0 below
        }
        // the polynomial is symmetric and (native path) stored in its upper triangle only: SSYMM reads just that
        if (syrk) {
            blas.ssymm(rows <= cols ? "R" : "L", "U", cols, rows, 1f, poly, s, x, ld, 0f, next, ld);
        } else if (rows <= cols) {
            blas.sgemm("N", "N", cols, rows, rows, 1f, x, ld, poly, s, 0f, next, ld);
        } else {
            blas.sgemm("N", "N", cols, rows, cols, 1f, poly, s, x, ld, 0f, next, ld);
        }
    }

    /**
     * Copies the upper triangle of a column-major s×s matrix onto its lower triangle. Works in 16×16 tiles
     * through {@code buf} (at least 256 floats): each tile's 16 source column pieces are read once into the
     * buffer and its 16 target column pieces written once from it, so the power-of-two strides of a 1024-wide
     * matrix (which alias in the L1 cache) cost one pass, not a cache miss per element.
     */
    static void symmetrizeUpper(float[] a, int s, float[] buf) {
        final int t = 16;
        for (int j0 = 0; j0 < s; j0 += t) {
            int j1 = Math.min(s, j0 + t);
            for (int j = j0; j < j1; j++) {
                for (int i = j + 1; i < j1; i++) {
                    a[j * s + i] = a[i * s + j];
                }
            }
            for (int i0 = j1; i0 < s; i0 += t) {
                int i1 = Math.min(s, i0 + t);
                // source (j, i) for j < i sits at i·s + j: column i, rows j0..j1, contiguous
                for (int i = i0; i < i1; i++) {
                    int src = i * s;
                    for (int j = j0; j < j1; j++) {
                        buf[(j - j0) * t + (i - i0)] = a[src + j];
                    }
                }
                // target (i, j) sits at j·s + i: column j, rows i0..i1, contiguous
                for (int j = j0; j < j1; j++) {
                    System.arraycopy(buf, (j - j0) * t, a, j * s + i0, i1 - i0);
                }
            }
        }
    }

    /**
     * Floating-point operations of {@code steps} steps on an m×n matrix as performed here with native BLAS
     * (SSYRK counted at s²k, SGEMM at 2·m·n·k), s = min(m, n), L = max(m, n).
     */
    public static double flops(int m, int n, int steps) {
        double s = Math.min(m, n);
        double l = Math.max(m, n);
        return steps * (s * s * l + s * s * s + 2 * s * s * l);
    }
}
