package dev.steepest.core.matrix;

import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;

/** Shape checks shared by the matrix norms. */
final class Shapes {
    private Shapes() {
    }

    /** Throws {@link IllegalArgumentException} unless {@code x} is a matrix. */
    static void requireMatrix(String norm, Tensor x) {
        if (!x.isMatrix()) {
            throw new IllegalArgumentException("the " + norm + " norm measures matrices, got a vector of length "
                    + x.size() + " (use a vector norm such as l2, l1 or linf)");
        }
    }

    /** Throws {@link IllegalArgumentException} unless {@code shape} is a matrix. */
    static void requireMatrix(String norm, Shape shape) {
        if (!shape.matrix()) {
            throw new IllegalArgumentException("the " + norm + " norm measures matrices, got a vector of length "
                    + shape.size() + " (use a vector norm such as l2, l1 or linf)");
        }
    }

    /** Column j. */
    static double[] column(Tensor x, int j) {
        double[] c = new double[x.rows()];
        for (int i = 0; i < c.length; i++) {
            c[i] = x.at(i, j);
        }
        return c;
    }

    /** Row i. */
    static double[] row(Tensor x, int i) {
        double[] r = new double[x.cols()];
        for (int j = 0; j < r.length; j++) {
            r[j] = x.at(i, j);
        }
        return r;
    }
}
