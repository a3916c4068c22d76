package dev.steepest.core;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Test matrices: random Gaussian, zero, rank-deficient, repeated values, constant and
 * equal-singular-value matrices, with shapes 1..5 × 1..5 (1×n and n×1 included) and magnitudes
 * from 1e-150 to 1e150.
 */
public final class Matrices {
    private Matrices() {
    }

    /** The kinds of matrix the generator draws. */
    public enum Kind { GAUSSIAN, ZERO, RANK_DEFICIENT, SMALL_INTEGERS, CONSTANT, EQUAL_SINGULAR_VALUES }

    /** Arbitrary matrices of every kind and magnitude. */
    public static Arbitrary<Tensor> any() {
        return Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 5),
                Arbitraries.of(Kind.class), Arbitraries.of(1.0, 1e150, 1e-150, 1e-3, 1e3),
                Arbitraries.longs()).as(Matrices::build);
    }

    /** Arbitrary non-zero matrices of magnitude about 1. */
    public static Arbitrary<Tensor> plain() {
        return Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 5),
                Arbitraries.of(Kind.GAUSSIAN, Kind.RANK_DEFICIENT, Kind.SMALL_INTEGERS, Kind.EQUAL_SINGULAR_VALUES),
                Arbitraries.just(1.0), Arbitraries.longs()).as(Matrices::build);
    }

    /** A matrix of the given shape, kind, magnitude and seed. */
    public static Tensor build(int m, int n, Kind kind, double magnitude, long seed) {
        Random r = new Random(seed);
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
            case CONSTANT -> java.util.Arrays.fill(d, r.nextBoolean() ? 1.5 : -2);
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
        return Tensor.matrix(m, n, d);
    }

    /** A random Gaussian matrix. */
    public static Tensor gaussian(int m, int n, long seed) {
        return build(m, n, Kind.GAUSSIAN, 1, seed);
    }

    private static double[] gaussian(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

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
}
