package dev.steepest.reference;

import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Tensor;
import dev.steepest.core.vector.DiagonalL2;
import dev.steepest.core.vector.Mahalanobis;
import dev.steepest.core.vector.WeightedLInf;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random test cases for every norm in the registry: a norm (with weights or a matrix fitted to the
 * gradient's size) and a gradient that may hold zeros, ties, a single entry, rank deficiency, and
 * huge (1e100) or tiny (1e-100) magnitudes.
 */
final class Cases {
    private Cases() {
    }

    /** Vector norm families: every registry form that measures vectors. */
    static final List<String> VECTOR_FAMILIES = List.of("l2", "l1", "linf", "lp", "diag", "wlinf", "mahalanobis");

    /** Matrix norm families. */
    static final List<String> MATRIX_FAMILIES = List.of("frobenius", "spectral", "nuclear", "schatten", "colnorm",
            "rownorm", "maxabs", "rms");

    /** Entrywise norms, which measure vectors and matrices alike. */
    static final List<String> ENTRYWISE = List.of("l2", "l1", "linf", "lp");

    /** Every family covered: every form in the registry. */
    static final List<String> FAMILIES = java.util.stream.Stream.concat(VECTOR_FAMILIES.stream(),
            MATRIX_FAMILIES.stream()).toList();

    /** A norm and a gradient it measures. */
    record Case(String family, Norm norm, Tensor g, String detail) {
        @Override
        public String toString() {
            return norm.spec() + " g=" + g + detail;
        }
    }

    /** Cases of one family. */
    static Arbitrary<Case> of(String family) {
        return Arbitraries.randomValue(r -> create(family, r));
    }

    /** Cases of every family, evenly. */
    static Arbitrary<Case> any() {
        return Arbitraries.of(FAMILIES).flatMap(Cases::of);
    }

    static Case create(String family, Random r) {
        boolean matrix = MATRIX_FAMILIES.contains(family) || ENTRYWISE.contains(family) && r.nextInt(4) == 0;
        Tensor g = matrix ? matrix(r) : vector(r);
        if (family.equals("mahalanobis")) {
            double[] a = spd(g.size(), r);
            return new Case(family, new Mahalanobis(g.size(), a, "random"), g, " A=" + Arrays.toString(a));
        }
        return new Case(family, norm(family, g.size(), r), g, "");
    }

    static Norm norm(String family, int n, Random r) {
        switch (family) {
            case "lp":
                double[] special = {1.5, 3, 1.25, 4};
                double p = r.nextBoolean() ? special[r.nextInt(special.length)] : exponent(r);
                return Norms.parse("lp:" + p);
            case "diag":
                return new DiagonalL2(weights(n, r));
            case "wlinf":
                return new WeightedLInf(weights(n, r));
            case "mahalanobis":
                return new Mahalanobis(n, spd(n, r), "random");
            case "schatten":
                double[] specialP = {1.5, 3, 1.25, 4};
                double sp = r.nextBoolean() ? specialP[r.nextInt(specialP.length)] : exponent(r);
                return Norms.parse("schatten:" + sp);
            default:
                return Norms.parse(family);
        }
    }

    /**
     * An exponent P for ℓp and Schatten-p, uniform over [1.25, 6]. Closer to 1 the ball is ℓ1-like:
     * |x|^P has a near-kink at 0 that the reference solver's smooth polish cannot resolve to 1e-8.
     */
    static double exponent(Random r) {
        return 1.25 + 4.75 * r.nextDouble();
    }

    /** Positive weights spread over four decades, with ties now and then. */
    static double[] weights(int n, Random r) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = i > 0 && r.nextInt(5) == 0 ? w[r.nextInt(i)] : Math.pow(10, 4 * r.nextDouble() - 2);
        }
        return w;
    }

    /** A random symmetric positive definite matrix MMᵀ + εI, sometimes ill-conditioned. */
    static double[] spd(int n, Random r) {
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextGaussian();
        }
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

    /** A vector of 1 to 12 entries. */
    static Tensor vector(Random r) {
        int n = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(12);
        return Tensor.vector(entries(n, r));
    }

    /** A matrix of 1 to 4 rows and columns, rank-deficient now and then. */
    static Tensor matrix(Random r) {
        int rows = 1 + r.nextInt(4);
        int cols = 1 + r.nextInt(4);
        double[] d;
        if (r.nextInt(4) == 0 && Math.min(rows, cols) > 1) {
            int k = 1 + r.nextInt(Math.min(rows, cols) - 1);
            double[] left = pattern(rows * k, r);
            double[] right = pattern(k * cols, r);
            d = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double s = 0;
                    for (int l = 0; l < k; l++) {
                        s += left[i * k + l] * right[l * cols + j];
                    }
                    d[i * cols + j] = s;
                }
            }
            scale(d, r);
        } else {
            d = entries(rows * cols, r);
        }
        return Tensor.matrix(rows, cols, d);
    }

    /** Gaussian entries, then now and then zeros, ties (equal magnitudes), all zero; then a magnitude. */
    static double[] entries(int n, Random r) {
        double[] x = pattern(n, r);
        scale(x, r);
        return x;
    }

    /** Gaussian entries, then now and then zeros, ties (equal magnitudes), all zero, or small integers. */
    static double[] pattern(int n, Random r) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
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
    static void scale(double[] x, Random r) {
        double[] scales = {1, 1, 1, 1e100, 1e-100, 1e8, 1e-8};
        double scale = scales[r.nextInt(scales.length)];
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale;
        }
    }

    /** A random positive coefficient, log-uniform over [1e-3, 1e3]. */
    static double positive(Random r) {
        return Math.pow(10, 6 * r.nextDouble() - 3);
    }
}
