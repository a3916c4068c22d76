package dev.steepest.kernels;

import dev.steepest.core.kernels.Elementwise;
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
 * polynomial is symmetric: only its upper triangle is formed). Without native BLAS, SGEMM throughout.
 *
 * <p>When the long side L is at least twice the short side s, the same iteration runs in Gram space (see
 * {@code gramIteration}): all five steps on s×s matrices and X read only twice, 3s²L + 25s³ flops instead of
 * 5(3s²L + s³) — 1.8× fewer for 1024×4096. The price is rounding: Rₖ₊₁ = Qₖ²Rₖ compounds float errors
 * (about Qₖ² ≈ 12× per step in the directions of small singular values) where the textbook loop recomputes A
 * from X each step. Measured largest entry error against the double iteration: 1.9·10⁻⁵ (textbook 3.3·10⁻⁶)
 * for a rank-64-plus-noise 256×1024 matrix with singular values over three decades, 1.3·10⁻⁴ (textbook
 * 4·10⁻⁶) for a rank-16 48×200 one; 7·10⁻⁷ for Gaussian matrices. That is far below NS5's own deliberate
 * distance from U Vᵀ (singular values in [0.7, 1.2]); pass {@code gramSpaceAllowed = false} for the textbook
 * loop. Matrices are row-major; a row-major m×n array is the column-major n×m transpose, which is how BLAS
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
    private float[] gram;
    private final float[] poly;
    private final boolean gramSpace;
    private final float[] q;
    private final float[] q2;
    private float[] p;
    private float[] tmp;
    private final float[] tile = new float[256];
    private float[] y;
    private float[] y2;

    /** Workspace for rows×cols inputs, using {@link BLAS#getInstance()}. */
    public NewtonSchulz(int rows, int cols) {
        this(rows, cols, Netlib.blas());
    }

    /** Workspace for rows×cols inputs, using the given BLAS. */
    public NewtonSchulz(int rows, int cols, BLAS blas) {
        this(rows, cols, blas, true);
    }

    /** As {@link #NewtonSchulz(int, int, BLAS)}; {@code gramSpaceAllowed = false} keeps the textbook loop. */
    public NewtonSchulz(int rows, int cols, BLAS blas, boolean gramSpaceAllowed) {
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
        // the Gram-space form costs 25s³ + 3s²L flops against 5(3s²L + s³): it wins from L ≥ 5s/3; from 2s here
        this.gramSpace = gramSpaceAllowed && syrk && Math.max(rows, cols) >= 2 * small;
        int g2 = gramSpace ? small * small : 0;
        this.q = new float[g2];
        this.q2 = new float[g2];
        this.p = new float[g2];
        this.tmp = new float[g2];
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
        if (gramSpace) {
            gramIteration(x, out, steps, a, b, c, false);
            return;
        }
        for (int k = 0; k < steps; k++) {
            // the last step writes straight into out (g is no longer read, so out may be g)
            float[] next = k == steps - 1 ? out : y2;
            step(x, next, a, b, c, false);
            if (next == y2) {
                y2 = x;
                x = next;
            }
        }
        y = x;
    }

    /**
     * Runs only the BLAS calls that {@link #orthogonalize(float[], float[])} makes, with the same shapes, on the
     * workspace as it stands, leaving out every elementwise pass between them (normalization, symmetrizing,
     * copies). For benchmarks: the time of the GEMMs alone, against which the whole iteration is measured.
     */
    public void blasCallsOnly() {
        if (gramSpace) {
            gramIteration(y, y2, 5, QA, QB, QC, true);
        } else {
            for (int k = 0; k < 5; k++) {
                step(y, y2, QA, QB, QC, true);
            }
        }
    }

    /** Whether this shape uses the Gram-space form of the iteration (see the class comment). */
    public boolean gramSpace() {
        return gramSpace;
    }

    /** Forms A = XXᵀ (wide) or XᵀX (tall) of the column-major view {@code x} into {@code gram}, upper triangle. */
    private void gramOf(float[] x) {
        int s = small;
        int ld = cols;
        if (rows <= cols) {
            if (syrk) {
                blas.ssyrk("U", "T", s, cols, 1f, x, ld, 0f, gram, s);
            } else {
                blas.sgemm("T", "N", s, s, cols, 1f, x, ld, x, ld, 0f, gram, s);
            }
        } else {
            if (syrk) {
                blas.ssyrk("U", "N", s, rows, 1f, x, ld, 0f, gram, s);
            } else {
                blas.sgemm("N", "T", s, s, rows, 1f, x, ld, x, ld, 0f, gram, s);
            }
        }
    }

    /** One step from {@code x} into {@code next} (column-major view: x is cols×rows): next = (aI + bA + cA²)·x. */
    private void step(float[] x, float[] next, float a, float b, float c, boolean blasOnly) {
        int s = small;
        int ld = cols; // leading dimension of the column-major cols×rows view
        // wide X: A = X Xᵀ = Yᵀ Y (Y = Xᵀ is cols×rows), update Y ← Y·(aI + bA + cA²); tall: A = XᵀX, Y ← (…)·Y
        gramOf(x);
        if (!blasOnly) {
            System.arraycopy(gram, 0, poly, 0, s * s);
        }
        float beta = blasOnly ? 0f : b; // timing runs repeat on fixed data: keep it bounded
        if (syrk) {
            if (!blasOnly) {
                symmetrizeUpper(gram, s, tile);
            }
            // A is symmetric, so A² = A·Aᵀ: SSYRK again, half the flops of a GEMM
            blas.ssyrk("U", "N", s, s, c, gram, s, beta, poly, s);
        } else {
            blas.sgemm("N", "N", s, s, s, c, gram, s, gram, s, beta, poly, s);
        }
        if (!blasOnly) {
            for (int i = 0; i < s; i++) {
                poly[i * s + i] += a; // a·X folded in: no copy of X, β = 0 below
            }
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
     * The Gram-space form: with R₀ = A of X₀, every Qₖ = aI + bRₖ + cRₖ² is a polynomial in R₀, so
     * Xₖ₊₁ = Qₖ Xₖ gives Rₖ₊₁ = Qₖ² Rₖ and X₅ = (Q₄⋯Q₀) X₀: every step works on s×s matrices and X is read
     * twice (once for R₀, once for the final product). Same mathematics as the textbook loop; used when the
     * long side is at least twice the short one. Buffers gram, p and tmp rotate; q and q2 stay.
     */
    private void gramIteration(float[] x0, float[] out, int steps, float a, float b, float c, boolean blasOnly) {
        int s = small;
        gramOf(x0);
        float[] r = gram;
        if (!blasOnly) {
            symmetrizeUpper(r, s, tile);
        }
        for (int k = 0; k < steps; k++) {
            // Q = aI + bR + cR², with R² = R·Rᵀ by SSYRK (upper triangle), then filled in full
            blas.ssyrk("U", "N", s, s, 1f, r, s, 0f, q, s);
            if (!blasOnly) {
                for (int j = 0; j < s; j++) {
                    int col = j * s;
                    for (int i = 0; i <= j; i++) {
                        q[col + i] = c * q[col + i] + b * r[col + i];
                    }
                    q[col + j] += a;
                }
                symmetrizeUpper(q, s, tile);
            }
            // P ← Q·P (P = I before the first step)
            if (k == 0) {
                if (!blasOnly) {
                    System.arraycopy(q, 0, p, 0, s * s);
                }
            } else {
                blas.sgemm("N", "N", s, s, s, 1f, q, s, p, s, 0f, tmp, s);
                if (!blasOnly) { // timing runs do not chain results, so their values stay bounded
                    float[] t = p;
                    p = tmp;
                    tmp = t;
                }
            }
            if (k < steps - 1) {
                // R ← Q²·R, with Q² = Q·Qᵀ by SSYRK (upper) and the product by SSYMM
                blas.ssyrk("U", "N", s, s, 1f, q, s, 0f, q2, s);
                blas.ssymm("L", "U", s, s, 1f, q2, s, r, s, 0f, tmp, s);
                if (!blasOnly) {
                    float[] t = r;
                    r = tmp;
                    tmp = t;
                    symmetrizeUpper(r, s, tile); // symmetric up to rounding: keep it exactly so
                }
            }
        }
        gram = r; // r, p and tmp are three distinct arrays
        // X₅ = P·X₀ (wide; the column-major view is Y₅ = Y₀·Pᵀ) or X₀·Pᵀ (tall; Y₅ = P·Y₀)
        if (rows <= cols) {
            blas.sgemm("N", "T", cols, rows, rows, 1f, x0, cols, p, s, 0f, out, cols);
        } else {
            blas.sgemm("N", "N", cols, rows, cols, 1f, p, s, x0, cols, 0f, out, cols);
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
     * Floating-point operations of {@code steps} steps as performed here with native BLAS (SSYRK counted at
     * n²k, SGEMM/SSYMM at 2mnk), s = min(m, n), L = max(m, n): 5(3s²L + s³) for the textbook loop,
     * 3s²L + (6·steps − 5)s³ for the Gram-space form.
     */
    public double flops(int steps) {
        double sm = small;
        double l = Math.max(rows, cols);
        if (gramSpace) {
            return 3 * sm * sm * l + (6.0 * steps - 5) * sm * sm * sm;
        }
        return steps * (3 * sm * sm * l + sm * sm * sm);
    }
}
