package dev.steepest.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generators of test inputs from a {@link Random}: doubles with edge values, vectors and row-major matrices that
 * hold now and then zeros, ties, repeated values, a single entry, rank deficiency, and huge or tiny magnitudes.
 */
public final class Gen {
    private Gen() {
    }

    /**
     * Edge doubles: zeros, ±1, ±1e±100, the extremes of double and float (largest, smallest normal, smallest
     * subnormal) and their neighbours.
     */
    public static final List<Double> EDGE_DOUBLES = List.of(0.0, -0.0, 1.0, -1.0, 0.5, 0.1, -0.1, 1e100, -1e100,
            1e-100, -1e-100, Double.MAX_VALUE, -Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE), Double.MIN_VALUE,
            -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
            (double) Float.MAX_VALUE, -(double) Float.MAX_VALUE, (double) Float.MIN_VALUE, -(double) Float.MIN_VALUE,
            (double) Float.MIN_NORMAL, -(double) Float.MIN_NORMAL);

    /** An element of {@code values}, uniformly. */
    @SafeVarargs
    public static <T> T oneOf(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }

    /** An element of {@code values}, uniformly. */
    public static <T> T oneOf(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** An integer in [lo, hi], both included. */
    public static int between(Random r, int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    /** A double uniform in [lo, hi]; the ends now and then exactly. */
    public static double uniform(Random r, double lo, double hi) {
        int k = r.nextInt(20);
        return k == 0 ? lo : k == 1 ? hi : lo + (hi - lo) * r.nextDouble();
    }

    /** A double log-uniform in [lo, hi] (both positive); the ends now and then exactly. */
    public static double logUniform(Random r, double lo, double hi) {
        int k = r.nextInt(20);
        return k == 0 ? lo : k == 1 ? hi : Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r.nextDouble());
    }

    /** A positive coefficient, log-uniform over [1e-3, 1e3]. */
    public static double positive(Random r) {
        return logUniform(r, 1e-3, 1e3);
    }

    /** An edge double ({@link #EDGE_DOUBLES}). */
    private static double edge(Random r) {
        return oneOf(r, EDGE_DOUBLES);
    }

    /**
     * Any finite double: a quarter edge values, a quarter any finite bit pattern (every exponent and digit count),
     * the rest Gaussian times a power of ten in [1e-20, 1e20].
     */
    public static double finite(Random r) {
        int k = r.nextInt(4);
        if (k == 0) {
            return edge(r);
        }
        if (k == 1) {
            double v;
            do {
                v = Double.longBitsToDouble(r.nextLong());
            } while (!Double.isFinite(v));
            return v;
        }
        return r.nextGaussian() * Math.pow(10, r.nextInt(41) - 20);
    }

    /** n floats uniform in [lo, hi], now and then with zeros, the ends and repeated values. */
    public static float[] floats(Random r, int n, float lo, float hi) {
        float[] x = new float[n];
        int pattern = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(16);
            if (pattern == 0 && k < 4) {
                x[i] = 0;
            } else if (pattern == 1 && i > 0 && k < 6) {
                x[i] = x[r.nextInt(i)];
            } else if (k == 0) {
                x[i] = r.nextBoolean() ? lo : hi;
            } else {
                x[i] = (float) (lo + (hi - lo) * r.nextDouble());
            }
        }
        if (pattern == 2) {
            Arrays.fill(x, 0);
        }
        return x;
    }

    /** n standard Gaussian entries. */
    private static double[] gaussian(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    /** A vector length: 1 to 12, with 1 to 3 a quarter of the time. */
    private static int length(Random r) {
        return r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(12);
    }

    /** A vector of {@link #length} entries from {@link #entries}. */
    public static double[] vector(Random r) {
        return entries(r, length(r));
    }

    /** {@link #pattern} entries times a magnitude from {@link #scale}. */
    public static double[] entries(Random r, int n) {
        double[] x = pattern(r, n);
        scale(r, x);
        return x;
    }

    /**
     * n Gaussian entries, then now and then: all zero; some zeros; ties (equal magnitudes, either sign); one
     * magnitude for all; small integers.
     */
    private static double[] pattern(Random r, int n) {
        double[] x = gaussian(r, n);
        int pattern = r.nextInt(20);
        if (pattern == 0) {
            Arrays.fill(x, 0);
        } else if (pattern <= 4) {
            for (int i = 0; i < n; i++) {
                if (r.nextInt(3) == 0) {
                    x[i] = 0;
                }
            }
        } else if (pattern <= 8) {
            for (int i = 1; i < n; i++) {
                if (r.nextInt(2) == 0) {
                    x[i] = (r.nextBoolean() ? 1 : -1) * x[r.nextInt(i)];
                }
            }
        } else if (pattern == 9) {
            double v = Math.abs(x[0]);
            for (int i = 0; i < n; i++) {
                x[i] = r.nextBoolean() ? v : -v;
            }
        } else if (pattern == 10) {
            for (int i = 0; i < n; i++) {
                x[i] = Math.rint(2 * x[i]);
            }
        }
        return x;
    }

    /** Multiplies x by a magnitude: 1 mostly, else 1e±8 or 1e±100. */
    private static void scale(Random r, double[] x) {
        double[] scales = {1, 1, 1, 1e100, 1e-100, 1e8, 1e-8};
        double scale = scales[r.nextInt(scales.length)];
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale;
        }
    }

    /**
     * A rows × cols row-major matrix of {@link #entries}, a quarter of the time (when both sides exceed 1) a
     * product of rank k &lt; min(rows, cols) instead.
     */
    public static double[] matrix(Random r, int rows, int cols) {
        if (r.nextInt(4) == 0 && Math.min(rows, cols) > 1) {
            int k = 1 + r.nextInt(Math.min(rows, cols) - 1);
            double[] left = pattern(r, rows * k);
            double[] right = pattern(r, k * cols);
            double[] d = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double s = 0;
                    for (int l = 0; l < k; l++) {
                        s += left[i * k + l] * right[l * cols + j];
                    }
                    d[i * cols + j] = s;
                }
            }
            scale(r, d);
            return d;
        }
        return entries(r, rows * cols);
    }

    /** The kinds of matrix {@link #matrix(Random, int, int, MatrixKind, double)} draws. */
    public enum MatrixKind { GAUSSIAN, ZERO, RANK_DEFICIENT, SMALL_INTEGERS, CONSTANT, EQUAL_SINGULAR_VALUES }

    /** An m × n row-major matrix of the given kind, times {@code magnitude}. */
    public static double[] matrix(Random r, int m, int n, MatrixKind kind, double magnitude) {
        double[] d = new double[m * n];
        switch (kind) {
            case GAUSSIAN -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] = r.nextGaussian();
                }
            }
            case ZERO -> {
            }
            case RANK_DEFICIENT -> {
                int k = Math.min(m, n);
                int rank = k == 1 ? 1 : 1 + r.nextInt(k - 1);
                for (int l = 0; l < rank; l++) {
                    double[] u = gaussian(r, m);
                    double[] v = gaussian(r, n);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            d[i * n + j] += u[i] * v[j];
                        }
                    }
                }
            }
            case SMALL_INTEGERS -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] = r.nextInt(5) - 2;
                }
            }
            case CONSTANT -> Arrays.fill(d, r.nextBoolean() ? 1.5 : -2);
            case EQUAL_SINGULAR_VALUES -> {
                // a scaled signed partial permutation: all singular values equal
                int k = Math.min(m, n);
                int[] cols = shuffled(r, n);
                int[] rows = shuffled(r, m);
                for (int l = 0; l < k; l++) {
                    d[rows[l] * n + cols[l]] = r.nextBoolean() ? 1 : -1;
                }
            }
            default -> throw new IllegalStateException();
        }
        for (int i = 0; i < d.length; i++) {
            d[i] *= magnitude;
        }
        return d;
    }

    /** 0..n-1 in random order. */
    private static int[] shuffled(Random r, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** n positive weights spread over four decades, with ties now and then. */
    public static double[] weights(Random r, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = i > 0 && r.nextInt(5) == 0 ? w[r.nextInt(i)] : Math.pow(10, 4 * r.nextDouble() - 2);
        }
        return w;
    }

    /** A random n × n symmetric positive definite matrix MMᵀ + εI, ε = 1 or (ill-conditioned) 1e-2. */
    public static double[] spd(Random r, int n) {
        double[] m = gaussian(r, n * n);
        double eps = r.nextBoolean() ? 1e-2 : 1;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = i == j ? eps : 0;
                for (int k = 0; k < n; k++) {
                    s += m[i * n + k] * m[j * n + k];
                }
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        }
        return a;
    }

    /**
     * An exponent P for ℓp and Schatten-p: half the time one of 1.25, 1.5, 3, 4, else uniform over [1.25, 6].
     * Closer to 1 the ball is ℓ1-like, and |x|^P's near-kink at 0 defeats smooth numeric reference solvers.
     */
    public static double exponent(Random r) {
        double[] special = {1.5, 3, 1.25, 4};
        return r.nextBoolean() ? special[r.nextInt(special.length)] : 1.25 + 4.75 * r.nextDouble();
    }
}
