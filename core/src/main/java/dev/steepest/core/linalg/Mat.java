package dev.steepest.core.linalg;

/**
 * Small pure functions on dense row-major matrices stored as {@code double[]}, for the
 * orthogonalizers and the matrix norms.
 */
public final class Mat {
    private Mat() {
    }

    /** Aᵀ for the {@code rows × cols} matrix {@code a}. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    /** A·B for A {@code n × k} and B {@code k × m}. */
    public static double[] multiply(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < k; l++) {
                double x = a[i * k + l];
                if (x == 0) {
                    continue;
                }
                int bo = l * m;
                int co = i * m;
                for (int j = 0; j < m; j++) {
                    c[co + j] += x * b[bo + j];
                }
            }
        }
        return c;
    }

    /** X·Xᵀ ({@code k × k}) for X {@code k × n}; symmetric by construction. */
    public static double[] gramOfRows(double[] x, int k, int n) {
        double[] g = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                double s = 0;
                int io = i * n;
                int jo = j * n;
                for (int l = 0; l < n; l++) {
                    s += x[io + l] * x[jo + l];
                }
                g[i * k + j] = s;
                g[j * k + i] = s;
            }
        }
        return g;
    }

    /** ‖A − B‖_F. */
    public static double frobeniusDistance(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return Vec.norm2(d);
    }

    /** The {@code n × n} identity. */
    public static double[] identity(int n) {
        double[] e = new double[n * n];
        for (int i = 0; i < n; i++) {
            e[i * n + i] = 1;
        }
        return e;
    }
}
