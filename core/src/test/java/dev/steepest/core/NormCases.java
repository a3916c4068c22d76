package dev.steepest.core;

import dev.steepest.core.vector.Mahalanobis;
import dev.steepest.testing.Gen;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Random cases for every form of the {@link Norms} registry: a norm (its parameters drawn: exponents, weights, an
 * SPD matrix fitted to the gradient's size) and a gradient it measures, with zeros, ties, a single entry, rank
 * deficiency and magnitudes from 1e-150 to 1e150 now and then.
 */
public final class NormCases {
    private NormCases() {
    }

    /** Norm families that measure vectors only. */
    public static final List<String> VECTOR_ONLY = List.of("diag", "wlinf", "mahalanobis");

    /** Entrywise norms, which measure vectors and matrices alike. */
    public static final List<String> ENTRYWISE = List.of("l2", "l1", "linf", "lp");

    /** Norm families that measure matrices only. */
    public static final List<String> MATRIX_ONLY = List.of("frobenius", "spectral", "nuclear", "schatten",
            "colnorm", "rownorm", "maxabs", "rms");

    /** Every family: the name of every form in {@link Norms#FORMS}, in its order. */
    public static final List<String> FAMILIES = Norms.FORMS.stream()
            .map(f -> f.contains(":") ? f.substring(0, f.indexOf(':')) : f)
            .collect(Collectors.toUnmodifiableList());

    /** A norm and a gradient it measures; detail holds what the spec does not show. */
    public record Case(String family, Norm norm, Tensor g, String detail) {
        @Override
        public String toString() {
            return norm.spec() + " g=" + g + detail;
        }
    }

    /** A case of {@code family}. */
    public static Case create(String family, Random r) {
        boolean matrix = MATRIX_ONLY.contains(family) || ENTRYWISE.contains(family) && r.nextInt(4) == 0;
        Tensor g = matrix ? matrix(r) : Tensor.vector(Gen.vector(r));
        int n = g.size();
        switch (family) {
            case "mahalanobis": {
                double[] a = Gen.spd(r, n);
                return new Case(family, new Mahalanobis(n, a, "random"), g, " A=" + Arrays.toString(a));
            }
            case "lp", "schatten":
                return new Case(family, Norms.parse(family + ":" + Gen.exponent(r)), g, "");
            case "diag", "wlinf":
                return new Case(family, Norms.parse(family + ":" + join(Gen.weights(r, n))), g, "");
            default:
                if (!FAMILIES.contains(family) || family.contains(":")) {
                    throw new IllegalArgumentException("no cases for norm family " + family);
                }
                return new Case(family, Norms.parse(family), g, "");
        }
    }

    /**
     * A matrix of 1 to 4 rows and columns ({@link Gen#matrix(Random, int, int)}: magnitudes 1, 1e±8, 1e±100, a
     * quarter rank-deficient), or one in five times one of {@link Matrices#any}'s kinds (constant, equal singular
     * values, small integers; magnitudes up to 1e±150).
     */
    public static Tensor matrix(Random r) {
        if (r.nextInt(5) == 0) {
            return Matrices.any(r);
        }
        int rows = 1 + r.nextInt(4);
        int cols = 1 + r.nextInt(4);
        return Tensor.matrix(rows, cols, Gen.matrix(r, rows, cols));
    }

    private static String join(double[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            sb.append(i > 0 ? "," : "").append(w[i]);
        }
        return sb.toString();
    }
}
