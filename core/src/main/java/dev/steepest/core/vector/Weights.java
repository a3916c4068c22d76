package dev.steepest.core.vector;

import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Validation and formatting shared by the weighted norms. */
final class Weights {
    private Weights() {
    }

    static double[] positive(String norm, double[] weights) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException(norm + " needs at least one weight");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException(norm + " weight " + (i + 1) + " is " + weights[i]
                        + "; every weight must be positive and finite");
            }
        }
        return weights.clone();
    }

    static void checkSize(String norm, int n, Tensor x) {
        if (x.size() != n) {
            throw new IllegalArgumentException(norm + " has " + n + " weights but the tensor has " + x.size()
                    + " entries (shape " + x.shapeString() + ")");
        }
    }

    static void checkSize(String norm, int n, Shape shape) {
        if (shape.size() != n) {
            throw new IllegalArgumentException(norm + " has " + n + " weights but the tensor has " + shape.size()
                    + " entries (shape " + shape + ")");
        }
    }

    static String join(double[] w) {
        return Arrays.stream(w).mapToObj(Lp::fmt).collect(Collectors.joining(","));
    }
}
