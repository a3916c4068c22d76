package dev.steepest.cli;

import dev.steepest.core.Tensor;

/**
 * Number and tensor formatting for people: six significant digits (what a worked solution needs;
 * {@code derive --json} keeps full precision), integers without ".0", short exponents.
 */
final class Fmt {
    /** Significant digits of {@link #num}. */
    static final int DIGITS = 6;

    private Fmt() {
    }

    /** {@code 3.0 → "3"}, {@code 0.24999999999999997 → "0.25"}, {@code 1.0E-5 → "1e-5"}: six significant digits. */
    static String num(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return exact(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return trimmed(String.format(java.util.Locale.ROOT, "%." + DIGITS + "g", v));
    }

    /** Java's shortest form that reads back to the same double, {@code 1.0E-5 → "1e-5"}. */
    static String exact(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + s.substring(e + 1);
    }

    /** A %g result without trailing zeros and with a short exponent: "2.50000e-07" → "2.5e-7". */
    private static String trimmed(String s) {
        if (s.contains("e")) {
            String[] p = s.split("e");
            String m = p[0].contains(".") ? p[0].replaceAll("\\.?0+$", "") : p[0];
            return m + "e" + Integer.parseInt(p[1]);
        }
        return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
    }

    /** A short form for diagnostics such as gaps and errors: three significant digits. */
    static String small(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return num(v);
        }
        return trimmed(String.format(java.util.Locale.ROOT, "%.3g", v));
    }

    /** A vector on one line, {@code [3, -1, 2]}. */
    static String row(double[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(num(values[i]));
        }
        return sb.append(']').toString();
    }

    /**
     * A tensor: a vector on one line; a matrix one row per line, where the outer '[' stands in
     * column {@code column} so that later rows line up under the first.
     */
    static String tensor(Tensor t, int column) {
        String indent = " ".repeat(column);
        if (!t.isMatrix()) {
            return row(t.toArray());
        }
        double[][] rows = t.toRows();
        String[][] cells = new String[rows.length][];
        int[] width = new int[t.cols()];
        for (int i = 0; i < rows.length; i++) {
            cells[i] = new String[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                cells[i][j] = num(rows[i][j]);
                width[j] = Math.max(width[j], cells[i][j].length());
            }
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.length; i++) {
            if (i > 0) {
                sb.append(",\n").append(indent).append(' ');
            }
            sb.append('[');
            for (int j = 0; j < cells[i].length; j++) {
                if (j > 0) {
                    sb.append(", ");
                }
                sb.append(" ".repeat(width[j] - cells[i][j].length())).append(cells[i][j]);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
