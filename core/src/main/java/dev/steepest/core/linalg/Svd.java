package dev.steepest.core.linalg;

import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Exact thin SVD G = U Σ Vᵀ in double precision by one-sided (Hestenes) Jacobi rotations, and the
 * exact orthogonalizer O = U_r V_rᵀ built on it.
 *
 * <p>Why Jacobi: it is short, has no special cases, and computes small singular values to high
 * relative accuracy. The input is first divided by max |Gᵢⱼ| so that huge and tiny matrices
 * (1e±150) neither overflow nor underflow; a wide matrix (m &lt; n) is handled through its
 * transpose. Singular values come sorted in descending order; those at or below
 * σ₁·max(m,n)·2⁻⁵² are rounding noise of a rank-deficient input and are set to exactly zero, and
 * the rank counts the others. The columns of U for zero singular values complete U to an
 * orthonormal set (any completion is valid; this one is Gram–Schmidt on unit vectors).
 */
public final class Svd implements Orthogonalizer {
    private static final double EPS = Math.ulp(1.0);
    private static final int MAX_SWEEPS = 80;

    private final Blas blas;
    private final PerShape<ExactPolar> workspaces;

    /** The exact orthogonalizer; its float path uses {@link Blas#get()}. */
    public Svd() {
        this(null);
    }

    /** The exact orthogonalizer whose float path runs on {@code blas} ({@code null}: {@link Blas#get()}). */
    public Svd(Blas blas) {
        this.blas = blas;
        this.workspaces = new PerShape<>((m, n) -> new ExactPolar(m, n, this.blas == null ? Blas.get() : this.blas));
    }

    /**
     * A thin SVD G = U diag(σ) Vᵀ of an m×n matrix with k = min(m, n).
     *
     * @param u m×k, orthonormal columns
     * @param sigma k singular values, descending, non-negative (exact zeros past the rank)
     * @param v n×k, orthonormal columns
     * @param rank number of non-zero singular values
     */
    public record Decomposition(Tensor u, double[] sigma, Tensor v, int rank) {
        /** A copy of the singular values, descending. */
        @Override
        public double[] sigma() {
            return sigma.clone();
        }

        /** σ₁ (0 for a zero matrix). */
        public double largest() {
            return sigma[0];
        }

        /** U_r V_rᵀ with r = rank: the polar factor with zero singular values dropped (zero for G = 0). */
        public Tensor polar() {
            int m = u.rows();
            int n = v.rows();
            int k = sigma.length;
            double[] o = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int l = 0; l < rank; l++) {
                        s += u.at(i * k + l) * v.at(j * k + l);
                    }
                    o[i * n + j] = s;
                }
            }
            return Tensor.matrix(m, n, o);
        }

        /** U diag(w) Vᵀ for weights w (one per singular value). */
        public Tensor compose(double[] w) {
            if (w.length != sigma.length) {
                throw new IllegalArgumentException("expected " + sigma.length + " weights, got " + w.length);
            }
            int m = u.rows();
            int n = v.rows();
            int k = sigma.length;
            double[] o = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int l = 0; l < k; l++) {
                        if (w[l] != 0) {
                            s += u.at(i * k + l) * w[l] * v.at(j * k + l);
                        }
                    }
                    o[i * n + j] = s;
                }
            }
            return Tensor.matrix(m, n, o);
        }
    }

    @Override
    public String spec() {
        return "svd";
    }

    @Override
    public boolean exact() {
        return true;
    }

    /** O = U_r V_rᵀ in double; the error is {@link Orthogonalizer#orthogonalityError} (√(k − r) at rank r &lt; k). */
    @Override
    public Polar orthogonalize(Tensor g) {
        Tensor o = decompose(g).polar();
        return new Polar(o, Orthogonalizer.orthogonalityError(o));
    }

    /**
     * O = U_r V_rᵀ in float through {@link ExactPolar}: LAPACK's SGESDD with a native BLAS, else this class's
     * Jacobi SVD. Returns Σσᵢ.
     */
    @Override
    public double orthogonalizeInPlace(float[] g, Shape shape) {
        Orthogonalizer.checkFloat(g, shape);
        return workspaces.get(shape).polarInPlace(g);
    }

    /** The thin SVD of the matrix {@code g}. Throws {@link IllegalArgumentException} for a vector or a non-finite entry. */
    public static Decomposition decompose(Tensor g) {
        if (!g.isMatrix()) {
            throw new IllegalArgumentException("the SVD needs a matrix, got a vector of length " + g.size());
        }
        if (!g.isFinite()) {
            throw new IllegalArgumentException("the SVD needs finite entries");
        }
        int m = g.rows();
        int n = g.cols();
        boolean wide = m < n;
        int rows = wide ? n : m; // the working matrix A is rows × cols with rows ≥ cols
        int cols = wide ? m : n;
        double scale = g.maxAbs();
        double[][] a = new double[cols][rows]; // columns of A
        if (scale > 0) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double x = g.at(i, j) / scale;
                    if (wide) {
                        a[i][j] = x;
                    } else {
                        a[j][i] = x;
                    }
                }
            }
        }
        double[][] v = new double[cols][cols]; // columns of V_A
        for (int j = 0; j < cols; j++) {
            v[j][j] = 1;
        }
        if (scale > 0) {
            jacobi(a, v);
        }

        double[] norms = new double[cols];
        for (int j = 0; j < cols; j++) {
            norms[j] = Vec.norm2(a[j]);
        }
        Integer[] order = IntStream.range(0, cols).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -norms[j]));
        double top = norms[order[0]];
        double cut = top * Math.max(m, n) * EPS;
        double[] sigma = new double[cols];
        double[][] ua = new double[cols][];
        double[][] va = new double[cols][];
        int rank = 0;
        for (int l = 0; l < cols; l++) {
            int j = order[l];
            va[l] = v[j];
            if (norms[j] > cut && top > 0) {
                double s = norms[j];
                double[] col = new double[rows];
                for (int i = 0; i < rows; i++) {
                    col[i] = a[j][i] / s;
                }
                ua[l] = col;
                sigma[l] = s * scale;
                rank++;
            }
        }
        complete(ua, rank, rows);

        // back to G: tall G = U_A Σ V_Aᵀ; wide G = (Gᵀ)ᵀ = V_A Σ U_Aᵀ
        double[][] uCols = wide ? va : ua;
        double[][] vCols = wide ? ua : va;
        return new Decomposition(fromColumns(uCols, m), sigma, fromColumns(vCols, n), rank);
    }

    /** Rotates column pairs of {@code a} until all are orthogonal, accumulating the rotations in {@code v}. */
    private static void jacobi(double[][] a, double[][] v) {
        int cols = a.length;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < cols - 1; p++) {
                for (int q = p + 1; q < cols; q++) {
                    double alpha = Vec.dot(a[p], a[p]);
                    double beta = Vec.dot(a[q], a[q]);
                    double gamma = Vec.dot(a[p], a[q]);
                    if (gamma == 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha) * Math.sqrt(beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.abs(zeta) > 1e100
                            ? 0.5 / zeta
                            : (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    rotate(a[p], a[q], c, s);
                    rotate(v[p], v[q], c, s);
                }
            }
            if (!rotated) {
                return;
            }
        }
    }

    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int i = 0; i < x.length; i++) {
            double xp = x[i];
            double yq = y[i];
            x[i] = c * xp - s * yq;
            y[i] = s * xp + c * yq;
        }
    }

    /** Fills the null entries of {@code cols} (from index {@code rank}) with an orthonormal completion. */
    private static void complete(double[][] cols, int rank, int n) {
        for (int l = rank; l < cols.length; l++) {
            double[] best = null;
            double bestNorm = -1;
            for (int e = 0; e < n; e++) {
                double[] w = new double[n];
                w[e] = 1;
                for (int pass = 0; pass < 2; pass++) {
                    for (int k = 0; k < l; k++) {
                        double d = Vec.dot(cols[k], w);
                        for (int i = 0; i < n; i++) {
                            w[i] -= d * cols[k][i];
                        }
                    }
                }
                double norm = Vec.norm2(w);
                if (norm > bestNorm) {
                    bestNorm = norm;
                    best = w;
                }
                if (norm > 0.7) {
                    break;
                }
            }
            for (int i = 0; i < n; i++) {
                best[i] /= bestNorm;
            }
            cols[l] = best;
        }
    }

    private static Tensor fromColumns(double[][] cols, int rows) {
        int k = cols.length;
        double[] d = new double[rows * k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < rows; i++) {
                d[i * k + j] = cols[j][i];
            }
        }
        return Tensor.matrix(rows, k, d);
    }
}
