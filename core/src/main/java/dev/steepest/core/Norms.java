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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registry of named norms: parses a specification such as {@code "linf"}, {@code "lp:3"},
 * {@code "diag:1,2,4"} or {@code "spectral"} into a {@link Norm}.
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
     */
    public static Norm parse(String spec, Orthogonalizer orthogonalizer) {
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
                return mahalanobis(need(name, arg, "FILE"));
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

    /** Reads an SPD matrix: one row per line, entries separated by commas or spaces; '#' starts a comment. */
    private static Norm mahalanobis(String file) {
        Path p = Path.of(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("mahalanobis: file not found: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("mahalanobis: cannot read " + file + ": " + e.getMessage());
        }
        List<double[]> rows = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("[,\\s]+");
            double[] row = new double[parts.length];
            for (int j = 0; j < parts.length; j++) {
                try {
                    row[j] = Double.parseDouble(parts[j]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("mahalanobis: " + file + " line " + (ln + 1) + ": '" + parts[j]
                            + "' is not a number");
                }
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("mahalanobis: " + file + " line " + (ln + 1)
                            + ": entries must be finite, got " + parts[j]);
                }
            }
            rows.add(row);
        }
        int n = rows.size();
        if (n == 0) {
            throw new IllegalArgumentException("mahalanobis: " + file + " holds no matrix");
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            if (rows.get(i).length != n) {
                throw new IllegalArgumentException("mahalanobis: " + file + " must hold a square matrix; it has " + n
                        + " rows but row " + (i + 1) + " has " + rows.get(i).length + " entries");
            }
            System.arraycopy(rows.get(i), 0, a, i * n, n);
        }
        try {
            return new Mahalanobis(n, a, file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mahalanobis: " + file + ": " + e.getMessage());
        }
    }
}
