package dev.steepest.core;

import dev.steepest.testing.Gen;
import dev.steepest.testing.Gen.MatrixKind;
import java.util.Random;

/**
 * Test matrices: random Gaussian, zero, rank-deficient, repeated values, constant and
 * equal-singular-value matrices, with shapes 1..5 × 1..5 (1×n and n×1 included) and magnitudes
 * from 1e-150 to 1e150.
 */
public final class Matrices {
    private Matrices() {
    }

    /** A matrix of every kind and magnitude. */
    public static Tensor any(Random r) {
        return build(Gen.between(r, 1, 5), Gen.between(r, 1, 5), Gen.oneOf(r, MatrixKind.values()),
                Gen.oneOf(r, 1.0, 1e150, 1e-150, 1e-3, 1e3), r.nextLong());
    }

    /** A matrix of the given shape, kind, magnitude and seed. */
    public static Tensor build(int m, int n, MatrixKind kind, double magnitude, long seed) {
        return Tensor.matrix(m, n, Gen.matrix(new Random(seed), m, n, kind, magnitude));
    }

    /** A random Gaussian matrix. */
    public static Tensor gaussian(int m, int n, long seed) {
        return build(m, n, MatrixKind.GAUSSIAN, 1, seed);
    }
}
