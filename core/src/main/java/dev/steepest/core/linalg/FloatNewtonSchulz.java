package dev.steepest.core.linalg;

import dev.steepest.core.kernels.Elementwise;
import java.nio.FloatBuffer;

/**
 * The float polynomial orthogonalizer at one shape: X₀ = G/(‖G‖_F·safety), then for each (a, b, c) of the
 * schedule X ← aX + (bA + cA²)X with A the Gram matrix on the smaller side (XXᵀ for a wide X, XᵀX with the
 * product on the right for a tall one). The one float implementation behind {@code ns5}, {@code cubic:K} and
 * {@code polar-express}; the schedules are in {@link PolarSchedules}, the double reference is
 * {@link PolynomialIteration}. All workspace comes from {@link Blas#allocate} once per shape (off-heap for a
 * native BLAS), so a call allocates nothing.
 *
 * <p>Per step: one SSYRK for A and one for bA + cA² (A is symmetric, so A² = AAᵀ; each SSYRK does half the
 * flops of a GEMM), a added on the diagonal (so X is never copied), one SSYMM for the update (the polynomial
 * is symmetric: only its upper triangle is formed).
 *
 * <p>When the long side L is at least twice the short side s and the schedule has at most five steps, the same
 * iteration runs in Gram space: with R₀ = A of X₀, every Qₖ = aₖI + bₖRₖ + cₖRₖ² is a polynomial in R₀, so
 * Rₖ₊₁ = Qₖ²Rₖ and X_K = (Q_{K−1}⋯Q₀)X₀: every step works on s×s matrices and X is read twice,
 * 3s²L + (6K − 5)s³ flops instead of K(3s²L + s³) — 1.8× fewer for ns5 at 1024×4096. The price is rounding:
 * Rₖ₊₁ = Qₖ²Rₖ compounds float errors in the directions of small singular values (measured up to 1.3·10⁻⁴
 * largest entry error against the double iteration for an ill-conditioned 48×200 ns5 input, against 4·10⁻⁶ for
 * the textbook loop), far below ns5's own deliberate distance from U Vᵀ; longer, converging schedules keep the
 * textbook loop. Matrices are row-major; a row-major m×n array is the column-major n×m transpose, which is how
 * BLAS sees it. The elementwise passes between the BLAS calls run on heap copies (bulk-copied to and from the
 * buffers). Not thread-safe: one instance per thread.
 */
public final class FloatNewtonSchulz {

    private final int rows;
    private final int cols;
    private final int small;
    private final Blas blas;
    private final double[][] schedule;
    private final double safety;
    private final double eps;
    private final boolean gramSpace;
    private FloatBuffer gram;
    private final FloatBuffer poly;
    private final FloatBuffer q;
    private final FloatBuffer q2;
    private FloatBuffer p;
    private FloatBuffer tmp;
    private FloatBuffer y;
    private FloatBuffer y2;
    private final float[] tile = new float[256];
    /** Heap copies for the elementwise passes: buffers are touched only by bulk copies, loops run on arrays. */
    private final float[] scratch;
    private final float[] sq1;
    private final float[] sq2;

    /** Workspace for rows×cols inputs running {@code schedule} (rows a, b, c) with X₀ = G/(‖G‖_F·safety). */
    public FloatNewtonSchulz(int rows, int cols, double[][] schedule, double safety, Blas blas) {
        this(rows, cols, schedule, safety, blas, true);
    }

    /** As above; {@code gramSpaceAllowed = false} keeps the textbook loop for every shape. */
    public FloatNewtonSchulz(int rows, int cols, double[][] schedule, double safety, Blas blas,
                             boolean gramSpaceAllowed) {
        this(rows, cols, schedule, safety, 0, blas, gramSpaceAllowed);
    }

    /**
     * As above with a floor on the normalization: X₀ = G/max(‖G‖_F·safety, {@code eps}) (torch.optim.Muon's
     * {@code eps}); {@code eps = 0} is the plain X₀ = G/(‖G‖_F·safety).
     */
    public FloatNewtonSchulz(int rows, int cols, double[][] schedule, double safety, double eps, Blas blas,
                             boolean gramSpaceAllowed) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix shape must be positive, got " + rows + "x" + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matrix too large for one array: " + rows + "x" + cols);
        }
        if (schedule.length < 1) {
            throw new IllegalArgumentException("an iteration needs at least one step");
        }
        this.rows = rows;
        this.cols = cols;
        this.small = Math.min(rows, cols);
        this.blas = blas;
        this.schedule = schedule.clone();
        this.safety = safety;
        this.eps = eps;
        this.gramSpace = gramSpaceAllowed && schedule.length <= 5 && Math.max(rows, cols) >= 2 * small;
        int s2 = small * small;
        this.gram = blas.allocate(s2);
        this.poly = blas.allocate(s2);
        this.y = blas.allocate(rows * cols);
        this.y2 = blas.allocate(rows * cols);
        this.q = gramSpace ? blas.allocate(s2) : null;
        this.q2 = gramSpace ? blas.allocate(s2) : null;
        this.p = gramSpace ? blas.allocate(s2) : null;
        this.tmp = gramSpace ? blas.allocate(s2) : null;
        this.scratch = new float[rows * cols];
        this.sq1 = new float[s2];
        this.sq2 = gramSpace ? new float[s2] : null;
    }

    /** Rows of the matrices this instance handles. */
    public int rows() {
        return rows;
    }

    /** Columns of the matrices this instance handles. */
    public int cols() {
        return cols;
    }

    /** Whether this shape uses the Gram-space form of the iteration (see the class comment). */
    public boolean gramSpace() {
        return gramSpace;
    }

    /**
     * Overwrites {@code g} (row-major rows×cols) with O, the iteration's result, and returns ⟨G, O⟩ (the
     * penalized step's scale, ≈ Σσᵢ). A zero matrix gives O = 0 and 0.
     *
     * @throws IllegalArgumentException for a wrong length or a non-finite entry
     */
    public double orthogonalizeInPlace(float[] g) {
        int size = rows * cols;
        if (g.length != size) {
            throw new IllegalArgumentException("expected " + rows + "x" + cols + " = " + size + " floats, got "
                    + g.length);
        }
        double norm = Math.sqrt(Elementwise.sumSquares(g));
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException("orthogonalization needs finite entries");
        }
        if (norm == 0) {
            java.util.Arrays.fill(g, 0f);
            return 0;
        }
        float inv = (float) (1.0 / Math.max(norm * safety, eps));
        FloatBuffer x = y;
        float[] h = scratch;
        for (int i = 0; i < size; i++) {
            h[i] = g[i] * inv;
        }
        x.put(0, h);
        FloatBuffer out;
        if (gramSpace) {
            out = gramIteration(x, false);
        } else {
            for (double[] abc : schedule) {
                step(x, y2, (float) abc[0], (float) abc[1], (float) abc[2], false);
                FloatBuffer t = x;
                x = y2;
                y2 = t;
            }
            y = x;
            out = x;
        }
        out.get(0, h);
        double dot = Elementwise.dot(g, h);
        System.arraycopy(h, 0, g, 0, size);
        return dot;
    }

    /**
     * Runs only the BLAS calls that {@link #orthogonalizeInPlace} makes, with the same shapes, on the workspace
     * as it stands, leaving out every elementwise pass between them (normalization, symmetrizing, copies). For
     * benchmarks: the time of the BLAS calls alone, against which the whole step is measured.
     */
    public void blasCallsOnly() {
        if (gramSpace) {
            gramIteration(y, true);
        } else {
            for (double[] abc : schedule) {
                step(y, y2, (float) abc[0], (float) abc[1], (float) abc[2], true);
            }
        }
    }

    /** Forms A = XXᵀ (wide) or XᵀX (tall) of the column-major view {@code x} into {@code gram}, upper triangle. */
    private void gramOf(FloatBuffer x) {
        if (rows <= cols) {
            blas.ssyrkUpper(true, small, cols, 1f, x, cols, 0f, gram, small);
        } else {
            blas.ssyrkUpper(false, small, rows, 1f, x, cols, 0f, gram, small);
        }
    }

    /** One step from {@code x} into {@code next} (column-major view: x is cols×rows): next = (aI + bA + cA²)·x. */
    private void step(FloatBuffer x, FloatBuffer next, float a, float b, float c, boolean blasOnly) {
        int s = small;
        gramOf(x);
        float beta = blasOnly ? 0f : b; // timing runs repeat on fixed data: keep it bounded
        if (!blasOnly) {
            symmetrize(gram);
            poly.put(0, gram, 0, s * s);
        }
        // A is symmetric, so A² = A·Aᵀ: SSYRK again; the upper triangle of bA + cA²
        blas.ssyrkUpper(false, s, s, c, gram, s, beta, poly, s);
        if (!blasOnly) {
            for (int i = 0; i < s; i++) {
                poly.put(i * s + i, poly.get(i * s + i) + a); // a·X folded in: no copy of X (s entries)
            }
        }
        // wide: Y ← Y·P (Y = Xᵀ is cols×rows); tall: Y ← P·Y
        blas.ssymmUpper(rows > cols, cols, rows, 1f, poly, s, x, cols, 0f, next, cols);
    }

    /**
     * The Gram-space form (see the class comment). Returns the buffer holding the result; gram, p and tmp
     * rotate, q and q2 stay.
     */
    private FloatBuffer gramIteration(FloatBuffer x0, boolean blasOnly) {
        int s = small;
        gramOf(x0);
        FloatBuffer r = gram;
        if (!blasOnly) {
            symmetrize(r);
        }
        int steps = schedule.length;
        for (int k = 0; k < steps; k++) {
            float a = (float) schedule[k][0], b = (float) schedule[k][1], c = (float) schedule[k][2];
            // Q = aI + bR + cR², with R² = R·Rᵀ by SSYRK (upper triangle), then filled in full
            blas.ssyrkUpper(false, s, s, 1f, r, s, 0f, q, s);
            if (!blasOnly) {
                float[] qa = sq1, ra = sq2;
                q.get(0, qa);
                r.get(0, ra);
                for (int j = 0; j < s; j++) {
                    int col = j * s;
                    for (int i = 0; i <= j; i++) {
                        qa[col + i] = c * qa[col + i] + b * ra[col + i];
                    }
                    qa[col + j] += a;
                }
                symmetrizeUpper(qa, s, tile);
                q.put(0, qa);
            }
            // P ← Q·P (P = I before the first step)
            if (k == 0) {
                if (!blasOnly) {
                    p.put(0, q, 0, s * s);
                }
            } else {
                blas.sgemm(false, false, s, s, s, 1f, q, s, p, s, 0f, tmp, s);
                if (!blasOnly) { // timing runs do not chain results, so their values stay bounded
                    FloatBuffer t = p;
                    p = tmp;
                    tmp = t;
                }
            }
            if (k < steps - 1) {
                // R ← Q²·R, with Q² = Q·Qᵀ by SSYRK (upper) and the product by SSYMM
                blas.ssyrkUpper(false, s, s, 1f, q, s, 0f, q2, s);
                blas.ssymmUpper(true, s, s, 1f, q2, s, r, s, 0f, tmp, s);
                if (!blasOnly) {
                    FloatBuffer t = r;
                    r = tmp;
                    tmp = t;
                    symmetrize(r); // symmetric up to rounding: keep it exactly so
                }
            }
        }
        gram = r;
        // X_K = P·X₀ (wide; the column-major view is Y = Y₀·Pᵀ) or X₀·Pᵀ (tall; Y = P·Y₀), into y2
        FloatBuffer out = y2;
        if (rows <= cols) {
            blas.sgemm(false, true, cols, rows, rows, 1f, x0, cols, p, s, 0f, out, cols);
        } else {
            blas.sgemm(false, false, cols, rows, cols, 1f, p, s, x0, cols, 0f, out, cols);
        }
        return out;
    }

    /** Copies the upper triangle of the s×s buffer onto its lower one (through a heap copy, see symmetrizeUpper). */
    private void symmetrize(FloatBuffer m) {
        m.get(0, sq1);
        symmetrizeUpper(sq1, small, tile);
        m.put(0, sq1);
    }

    /**
     * Copies the upper triangle of a column-major s×s matrix onto its lower triangle, in 16×16 tiles through
     * {@code buf} (at least 256 floats): each tile's source column pieces are read once and its target column
     * pieces written once, so the power-of-two strides of a 1024-wide matrix cost one pass.
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
     * Floating-point operations as performed here (SSYRK counted at n²k, SGEMM/SSYMM at 2mnk), s = min(m, n),
     * L = max(m, n), K steps: K(3s²L + s³) for the textbook loop, 3s²L + (6K − 5)s³ in Gram space.
     */
    public double flops() {
        double sm = small;
        double l = Math.max(rows, cols);
        int steps = schedule.length;
        if (gramSpace) {
            return 3 * sm * sm * l + (6.0 * steps - 5) * sm * sm * sm;
        }
        return steps * (3 * sm * sm * l + sm * sm * sm);
    }
}
