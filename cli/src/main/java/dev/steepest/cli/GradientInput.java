package dev.steepest.cli;

import dev.steepest.core.Tensor;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a gradient from the command line: literal values, a file, or a random shape.
 *
 * <ul>
 *   <li>values: numbers separated by commas is a vector ({@code "3,-1,2"}); rows separated by
 *       ';' make a matrix ({@code "1,2;3,4"});</li>
 *   <li>a file holds the same syntax, and may also put one row per line (entries separated by
 *       commas or spaces, '#' starts a comment); more than one row makes a matrix;</li>
 *   <li>a shape {@code "5"} or {@code "3x4"} draws standard normal entries from a seeded generator.</li>
 * </ul>
 * The matrix A of {@code mahalanobis:FILE} is read from a file in the same syntax ({@link #readMatrix}).
 * Every entry must be a finite number; anything else is an {@link IllegalArgumentException} naming it.
 * Limits: a regular file of at most {@value #MAX_FILE_BYTES} bytes, at most {@value #MAX_RANDOM_ENTRIES} entries.
 */
final class GradientInput {
    /** The most entries a gradient may have, from any source. */
    static final int MAX_RANDOM_ENTRIES = 1_000_000;
    /** The largest file read, in bytes (a million entries in long decimal notation fit). */
    static final long MAX_FILE_BYTES = 64L << 20;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SHAPE = Pattern.compile("\\s*(\\d+)\\s*(?:[xX×]\\s*(\\d+)\\s*)?");

    private GradientInput() {
    }

    /** Parses {@code "3,-1,2"} (vector) or {@code "1,2;3,4"} (matrix). */
    static Tensor parseValues(String text) {
        return parseValues(text, "--grad");
    }

    /** As {@link #parseValues(String)}; {@code label} (where the text came from) starts every error message. */
    static Tensor parseValues(String text, String label) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(label + " is empty; give comma-separated numbers, rows separated by ';'");
        }
        List<double[]> rows = new ArrayList<>();
        String[] parts = text.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            rows.add(parseRow(parts[i], label + " row " + (i + 1), ",", parts.length > 1));
        }
        return build(rows, parts.length > 1, label);
    }

    /**
     * Reads {@code file} as text lines for {@code label}: a regular UTF-8 file of at most {@value #MAX_FILE_BYTES}
     * bytes; a missing or unreadable file is an {@link IllegalArgumentException} naming it.
     */
    /** {@code line} up to a {@code #} comment. */
    static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash >= 0 ? line.substring(0, hash) : line;
    }

    static List<String> readLines(Path file, String label) {
        try {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(label + ": " + file + " is not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(label + ": " + file + " has " + size + " bytes; at most "
                        + MAX_FILE_BYTES + " are read");
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(label + ": file not found: " + file);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(label + ": " + file + " is not a UTF-8 text file");
        } catch (IOException e) {
            throw new IllegalArgumentException(label + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads a gradient file: the {@code --grad} syntax, or one row per line. */
    static Tensor readFile(Path file) {
        return readFile(file, "--grad-file");
    }

    /**
     * Reads the matrix that {@code mahalanobis:FILE} names from the file {@code name}, in the
     * {@code --grad-file} syntax; the norm checks that it is square and positive definite.
     */
    static Tensor readMatrix(String name) {
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("mahalanobis: '" + name + "' is not a file name: " + e.getReason());
        }
        return readFile(file, "mahalanobis");
    }

    /** Reads {@code file}; {@code label} (the option or norm it is for) starts every error message. */
    private static Tensor readFile(Path file, String label) {
        List<String> lines = readLines(file, label);
        List<double[]> rows = new ArrayList<>();
        boolean sawSemicolon = false;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = withoutComment(lines.get(ln));
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(";", -1);
            sawSemicolon |= parts.length > 1;
            for (int i = 0; i < parts.length; i++) {
                String where = label + " " + file + " line " + (ln + 1) + (parts.length > 1 ? " row " + (i + 1) : "");
                rows.add(parseRow(parts[i], where, "[,\\s]+", true));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(label + ": " + file + " holds no numbers");
        }
        long entries = rows.stream().mapToLong(row -> row.length).sum();
        if (entries > MAX_RANDOM_ENTRIES) {
            throw new IllegalArgumentException(label + ": " + file + " holds " + entries + " entries; at most "
                    + MAX_RANDOM_ENTRIES + " are allowed");
        }
        return build(rows, sawSemicolon || rows.size() > 1, label + " " + file);
    }

    /** Draws standard normal entries of shape {@code "5"} or {@code "3x4"} from {@code new Random(seed)}. */
    static Tensor random(String shape, long seed) {
        Matcher m = SHAPE.matcher(shape == null ? "" : shape);
        if (!m.matches()) {
            throw new IllegalArgumentException("--random: shape '" + shape + "' is not of the form N or RxC (e.g. 5 or 3x4)");
        }
        long r = parseDim(m.group(1), shape);
        long c = m.group(2) == null ? 1 : parseDim(m.group(2), shape);
        if (r * c > MAX_RANDOM_ENTRIES) {
            throw new IllegalArgumentException("--random: shape " + shape.strip() + " has " + r * c
                    + " entries; at most " + MAX_RANDOM_ENTRIES + " are allowed");
        }
        Random rng = new Random(seed);
        double[] d = new double[(int) (r * c)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return m.group(2) == null ? Tensor.vector(d) : Tensor.matrix((int) r, (int) c, d);
    }

    private static long parseDim(String digits, String shape) {
        long v;
        try {
            v = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--random: shape '" + shape.strip() + "' is too large");
        }
        if (v <= 0) {
            throw new IllegalArgumentException("--random: every dimension must be positive, got '" + shape.strip() + "'");
        }
        if (v > MAX_RANDOM_ENTRIES) {
            throw new IllegalArgumentException("--random: shape '" + shape.strip() + "' is too large; at most "
                    + MAX_RANDOM_ENTRIES + " entries are allowed");
        }
        return v;
    }

    private static double[] parseRow(String text, String where, String separator, boolean inMatrix) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException(where + " is empty" + (inMatrix ? " (a stray ';'?)" : ""));
        }
        String[] cells = t.split(separator, -1);
        double[] row = new double[cells.length];
        for (int j = 0; j < cells.length; j++) {
            row[j] = parseEntry(cells[j], where, j + 1);
        }
        return row;
    }

    private static double parseEntry(String cell, String where, int index) {
        String s = cell.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(where + ": entry " + index + " is empty (a stray comma?)");
        }
        if (s.matches("(?i)[+-]?(nan|inf|infinity|∞)")) {
            throw new IllegalArgumentException(where + ": entry " + index + " is " + s
                    + "; entries must be finite");
        }
        if (!NUMBER.matcher(s).matches()) {
            throw new IllegalArgumentException(where + ": entry " + index + " '" + s + "' is not a number");
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + ": entry " + index + " is " + s
                    + ", which overflows a double; entries must be finite");
        }
        return v;
    }

    private static Tensor build(List<double[]> rows, boolean matrix, String source) {
        if (!matrix) {
            return Tensor.vector(rows.get(0));
        }
        int c = rows.get(0).length;
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).length != c) {
                throw new IllegalArgumentException(source + ": ragged rows: row 1 has " + c + " entries but row "
                        + (i + 1) + " has " + rows.get(i).length);
            }
        }
        return Tensor.matrix(rows.toArray(new double[0][]));
    }
}
