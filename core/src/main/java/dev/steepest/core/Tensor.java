package dev.steepest.core;

import java.util.Arrays;

/**
 * An immutable vector (rank 1) or matrix (rank 2) of doubles, stored row-major.
 *
 * <p>The core works in double precision so that every closed form can be checked to
 * the last digit; optimizers keep float storage and convert at their boundary.
 */
public final class Tensor {
    private final int rows;
    private final int cols;
    private final boolean matrix;
    private final double[] data;

    private Tensor(int rows, int cols, boolean matrix, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.matrix = matrix;
        this.data = data;
    }

    /** A vector holding a copy of {@code values}. */
    public static Tensor vector(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a vector needs at least one entry");
        }
        return new Tensor(values.length, 1, false, values.clone());
    }

    /** A {@code rows × cols} matrix holding a copy of {@code rowMajor}. */
    public static Tensor matrix(int rows, int cols, double[] rowMajor) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("a matrix needs positive dimensions, got " + rows + "x" + cols);
        }
        if ((long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix needs " + (long) rows * cols
                    + " entries, got " + rowMajor.length);
        }
        return new Tensor(rows, cols, true, rowMajor.clone());
    }

    /** A matrix from its rows; all rows must have the same length. */
    public static Tensor matrix(double[][] rowsOfValues) {
        if (rowsOfValues.length == 0 || rowsOfValues[0].length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column");
        }
        int r = rowsOfValues.length;
        int c = rowsOfValues[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rowsOfValues[i].length != c) {
                throw new IllegalArgumentException("ragged matrix: row 1 has " + c + " entries but row " + (i + 1)
                        + " has " + rowsOfValues[i].length);
            }
            System.arraycopy(rowsOfValues[i], 0, d, i * c, c);
        }
        return new Tensor(r, c, true, d);
    }

    /** A zero tensor of the same shape as {@code like}. */
    public static Tensor zerosLike(Tensor like) {
        return new Tensor(like.rows, like.cols, like.matrix, new double[like.data.length]);
    }

    /** A tensor of the same shape as {@code like} holding {@code values} (copied). */
    public static Tensor like(Tensor like, double[] values) {
        if (values.length != like.data.length) {
            throw new IllegalArgumentException("expected " + like.data.length + " entries, got " + values.length);
        }
        return new Tensor(like.rows, like.cols, like.matrix, values.clone());
    }

    public boolean isMatrix() {
        return matrix;
    }

    /** Number of rows (the length, for a vector). */
    public int rows() {
        return rows;
    }

    /** Number of columns (1 for a vector). */
    public int cols() {
        return cols;
    }

    /** Number of entries. */
    public int size() {
        return data.length;
    }

    /** Entry {@code i} in row-major order. */
    public double at(int i) {
        return data[i];
    }

    /** Entry in row {@code r}, column {@code c}. */
    public double at(int r, int c) {
        return data[r * cols + c];
    }

    /** A copy of the entries in row-major order. */
    public double[] toArray() {
        return data.clone();
    }

    /** A copy as an array of rows (a vector gives one row). */
    public double[][] toRows() {
        if (!matrix) {
            return new double[][] {data.clone()};
        }
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /** Shape as text: "5" or "3x4". */
    public String shapeString() {
        return matrix ? rows + "x" + cols : Integer.toString(rows);
    }

    public boolean sameShape(Tensor other) {
        return rows == other.rows && cols == other.cols && matrix == other.matrix;
    }

    /** Frobenius inner product ⟨this, other⟩ = Σ thisᵢ·otherᵢ. */
    public double dot(Tensor other) {
        requireSameShape(other);
        double s = 0;
        for (int i = 0; i < data.length; i++) {
            s += data[i] * other.data[i];
        }
        return s;
    }

    /** {@code β · this}. */
    public Tensor scale(double beta) {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = beta * data[i];
        }
        return new Tensor(rows, cols, matrix, d);
    }

    /** Largest absolute entry. */
    public double maxAbs() {
        double m = 0;
        for (double v : data) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Largest absolute entrywise difference to {@code other}. */
    public double maxAbsDiff(Tensor other) {
        requireSameShape(other);
        double m = 0;
        for (int i = 0; i < data.length; i++) {
            m = Math.max(m, Math.abs(data[i] - other.data[i]));
        }
        return m;
    }

    /** True when every entry is zero. */
    public boolean isZero() {
        for (double v : data) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when every entry is finite. */
    public boolean isFinite() {
        for (double v : data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    public void requireSameShape(Tensor other) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException("shape mismatch: " + shapeString() + " vs " + other.shapeString());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && sameShape(t) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (!matrix) {
            return Arrays.toString(data);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Arrays.toString(Arrays.copyOfRange(data, i * cols, (i + 1) * cols)));
        }
        return sb.append(']').toString();
    }
}
