package dev.steepest.cli;

import dev.steepest.core.Tensor;

/**
 * Number and tensor formatting for people: every double is printed with the digits that
 * read back to the same double (Java's shortest round-trip form), integers without ".0".
 */
final class Fmt {
    private Fmt() {
    }

    /** {@code 3.0 → "3"}, {@code 0.1 → "0.1"}, {@code 1.0E-5 → "1e-5"}; reads back to the same double. */
    static String num(double v) {
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

    /** A short form for diagnostics such as gaps and errors: three significant digits. */
    static String small(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return num(v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.3g", v);
        if (s.contains("e")) {
            String[] p = s.split("e");
            int exp = Integer.parseInt(p[1]);
            String m = p[0].replaceAll("\\.?0+$", "");
            return m + "e" + exp;
        }
        return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
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
