package dev.steepest.core;

import dev.steepest.core.linalg.Orthogonalizer;
import dev.steepest.core.matrix.ColNorm;
import dev.steepest.core.matrix.Frobenius;
import dev.steepest.core.matrix.MaxAbs;
import dev.steepest.core.matrix.Nuclear;
import dev.steepest.core.matrix.RmsToRms;
import dev.steepest.core.matrix.RowNorm;
import dev.steepest.core.matrix.Schatten;
import dev.steepest.core.matrix.Spectral;
import dev.steepest.core.vector.DiagonalL2;
import dev.steepest.core.vector.L1;
import dev.steepest.core.vector.L2;
import dev.steepest.core.vector.LInf;
import dev.steepest.core.vector.Lp;
import dev.steepest.core.vector.Mahalanobis;
import dev.steepest.core.vector.WeightedLInf;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The registry of named norms: parses a specification such as {@code "linf"}, {@code "lp:3"},
 * {@code "diag:1,2,4"} or {@code "spectral"} into a {@link Norm}.
 *
 * <p>{@code mahalanobis:NAME} names its matrix A rather than spelling it out; the caller says where
 * named matrices come from (the command line reads them from files). The core reads no files.
 */
public final class Norms {
    private Norms() {
    }

    /** Every specification form this registry accepts, for help texts. */
    public static final List<String> FORMS = List.of(
            "l2", "l1", "linf", "lp:P", "diag:d1,d2,...", "wlinf:w1,w2,...", "mahalanobis:FILE",
            "frobenius", "spectral", "nuclear", "schatten:P", "colnorm", "rownorm", "maxabs", "rms");

    /** Parses {@code spec} with the exact (SVD) orthogonalizer for the spectral family. */
    public static Norm parse(String spec) {
        return parse(spec, null);
    }

    /**
     * Parses {@code spec}. {@code orthogonalizer} is used by the spectral family (spectral, rms);
     * {@code null} means exact SVD. Throws {@link IllegalArgumentException} naming the problem.
     * {@code mahalanobis:NAME} needs a source of matrices: see {@link #parse(String, Orthogonalizer, Function)}.
     */
    public static Norm parse(String spec, Orthogonalizer orthogonalizer) {
        return parse(spec, orthogonalizer, null);
    }

    /**
     * Parses {@code spec} as {@link #parse(String, Orthogonalizer)} does; the matrix A of
     * {@code mahalanobis:NAME} is {@code matrices.apply(NAME)}, a square matrix (a single entry
     * stands for a 1×1 matrix) that must be symmetric positive definite. {@code matrices} throws
     * {@link IllegalArgumentException} naming the problem when it has no such matrix; {@code null}
     * means no named matrices are available.
     */
    public static Norm parse(String spec, Orthogonalizer orthogonalizer, Function<String, Tensor> matrices) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no norm given; choose one of " + String.join(", ", FORMS));
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? null : s.substring(colon + 1);
        switch (name) {
            case "l2":
                noArg(name, arg);
                return new L2();
            case "l1":
                noArg(name, arg);
                return new L1();
            case "linf":
                noArg(name, arg);
                return new LInf();
            case "lp":
                return new Lp(number(name, "P", need(name, arg, "P")));
            case "diag":
                return new DiagonalL2(numbers(name, need(name, arg, "d1,d2,...")));
            case "wlinf":
                return new WeightedLInf(numbers(name, need(name, arg, "w1,w2,...")));
            case "mahalanobis":
                return mahalanobis(need(name, arg, "FILE"), matrices);
            case "frobenius":
                noArg(name, arg);
                return new Frobenius();
            case "spectral":
                noArg(name, arg);
                return new Spectral(orthogonalizer);
            case "nuclear":
                noArg(name, arg);
                return new Nuclear();
            case "schatten":
                return new Schatten(schattenP(need(name, arg, "P")));
            case "colnorm":
                noArg(name, arg);
                return new ColNorm();
            case "rownorm":
                noArg(name, arg);
                return new RowNorm();
            case "maxabs":
                noArg(name, arg);
                return new MaxAbs();
            case "rms":
                noArg(name, arg);
                return new RmsToRms(orthogonalizer);
            default:
                throw new IllegalArgumentException("unknown norm '" + s + "'; choose one of " + String.join(", ", FORMS));
        }
    }

    /** P for schatten:P; "inf" or "∞" reach the constructor so that it can point to 'spectral'. */
    private static double schattenP(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("inf") || t.equals("infinity") || t.equals("∞")) {
            return Double.POSITIVE_INFINITY;
        }
        return number("schatten", "P", text);
    }

    private static void noArg(String name, String arg) {
        if (arg != null) {
            throw new IllegalArgumentException("norm '" + name + "' takes no parameter, got '" + name + ":" + arg + "'");
        }
    }

    private static String need(String name, String arg, String what) {
        if (arg == null || arg.isBlank()) {
            throw new IllegalArgumentException("norm '" + name + "' needs a parameter: " + name + ":" + what);
        }
        return arg.strip();
    }

    private static double number(String name, String what, String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("norm '" + name + "': " + what + " = '" + text + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("norm '" + name + "': " + what + " must be finite, got " + text);
        }
        return v;
    }

    private static double[] numbers(String name, String text) {
        String[] parts = text.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = number(name, "weight " + (i + 1), parts[i]);
        }
        return v;
    }

    /** The Mahalanobis norm of the matrix named {@code source}. */
    private static Norm mahalanobis(String source, Function<String, Tensor> matrices) {
        if (matrices == null) {
            throw new IllegalArgumentException("mahalanobis:" + source + " names a matrix, and no source of named"
                    + " matrices was given (the command line reads it from the file " + source
                    + "; in code, construct Mahalanobis from the matrix)");
        }
        Tensor a = matrices.apply(source);
        int n = a.isMatrix() ? a.rows() : 1;
        if (a.isMatrix() ? a.rows() != a.cols() : a.size() != 1) {
            throw new IllegalArgumentException("mahalanobis: " + source + " must hold a square matrix; it holds "
                    + (a.isMatrix() ? "a " + a.rows() + "×" + a.cols() + " matrix" : "one row of " + a.size() + " entries"));
        }
        try {
            return new Mahalanobis(n, a.toArray(), source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mahalanobis: " + source + ": " + e.getMessage());
        }
    }
}
