package dev.steepest.core.linalg;

/**
 * Cholesky factorization A = LLᵀ of a symmetric positive definite matrix, used to solve
 * A x = b without forming A⁻¹.
 */
public final class Cholesky {
    private final int n;
    private final double[] l;

    private Cholesky(int n, double[] l) {
        this.n = n;
        this.l = l;
    }

    /**
     * Factors the n×n row-major matrix {@code a}. Throws {@link IllegalArgumentException} when
     * {@code a} is not symmetric (relative tolerance 1e-12) or not positive definite.
     */
    public static Cholesky factor(int n, double[] a) {
        if (a.length != n * n) {
            throw new IllegalArgumentException("expected a " + n + "x" + n + " matrix");
        }
        double scale = Vec.maxAbs(a);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(a[i * n + j] - a[j * n + i]) > 1e-12 * scale) {
                    throw new IllegalArgumentException("the matrix is not symmetric: entry (" + (i + 1) + "," + (j + 1)
                            + ") = " + a[i * n + j] + " but (" + (j + 1) + "," + (i + 1) + ") = " + a[j * n + i]);
                }
            }
        }
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double s = a[j * n + j];
            for (int k = 0; k < j; k++) {
                s -= l[j * n + k] * l[j * n + k];
            }
            if (!(s > 0)) {
                throw new IllegalArgumentException("the matrix is not positive definite (pivot " + (j + 1) + " is " + s + ")");
            }
            double d = Math.sqrt(s);
            l[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double t = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    t -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = t / d;
            }
        }
        return new Cholesky(n, l);
    }

    public int size() {
        return n;
    }

    /** x with A x = b. */
    public double[] solve(double[] b) {
        double[] x = forward(b);
        backwardInPlace(x);
        return x;
    }

    /** y = L⁻¹ b, so that bᵀA⁻¹b = ‖y‖₂². */
    public double[] forward(double[] b) {
        double[] y = b.clone();
        forwardInPlace(y);
        return y;
    }

    /** b ← L⁻¹ b (n entries; nothing allocated). */
    public void forwardInPlace(double[] b) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
    }

    /** y ← L⁻ᵀ y (n entries; nothing allocated): after {@link #forwardInPlace}, the solution of A x = b. */
    public void backwardInPlace(double[] y) {
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * y[k];
            }
            y[i] = s / l[i * n + i];
        }
    }

    /** Lᵀx, so that xᵀAx = ‖Lᵀx‖₂². */
    public double[] timesLTranspose(double[] x) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = i; k < n; k++) {
                s += l[k * n + i] * x[k];
            }
            z[i] = s;
        }
        return z;
    }
}
