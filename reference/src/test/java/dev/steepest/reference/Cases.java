package dev.steepest.reference;

import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Tensor;
import dev.steepest.core.vector.DiagonalL2;
import dev.steepest.core.vector.Mahalanobis;
import dev.steepest.core.vector.WeightedLInf;
import dev.steepest.testing.Gen;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random cases for every norm in the registry: a norm (with weights or a matrix fitted to the gradient's size)
 * and a gradient that may hold zeros, ties, a single entry, rank deficiency, and huge (1e100) or tiny (1e-100)
 * magnitudes ({@link Gen#vector}, {@link Gen#matrix(Random, int, int)}).
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

    /** A norm and a gradient it measures. */
    record Case(String family, Norm norm, Tensor g, String detail) {
        @Override
        public String toString() {
            return norm.spec() + " g=" + g + detail;
        }
    }

    static Case create(String family, Random r) {
        boolean matrix = MATRIX_FAMILIES.contains(family) || ENTRYWISE.contains(family) && r.nextInt(4) == 0;
        Tensor g;
        if (matrix) {
            int rows = 1 + r.nextInt(4);
            int cols = 1 + r.nextInt(4);
            g = Tensor.matrix(rows, cols, Gen.matrix(r, rows, cols));
        } else {
            g = Tensor.vector(Gen.vector(r));
        }
        int n = g.size();
        switch (family) {
            case "lp":
                return new Case(family, Norms.parse("lp:" + Gen.exponent(r)), g, "");
            case "schatten":
                return new Case(family, Norms.parse("schatten:" + Gen.exponent(r)), g, "");
            case "diag":
                return new Case(family, new DiagonalL2(Gen.weights(r, n)), g, "");
            case "wlinf":
                return new Case(family, new WeightedLInf(Gen.weights(r, n)), g, "");
            case "mahalanobis":
                double[] a = Gen.spd(r, n);
                return new Case(family, new Mahalanobis(n, a, "random"), g, " A=" + Arrays.toString(a));
            default:
                return new Case(family, Norms.parse(family), g, "");
        }
    }
}
