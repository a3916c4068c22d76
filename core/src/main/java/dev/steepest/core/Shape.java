package dev.steepest.core;

/**
 * The shape of a flat row-major float array seen as a vector or a matrix: what a norm's float step
 * ({@link Norm#dualizeInPlace}) needs to know about the data it is given.
 *
 * @param rows the length of a vector, the number of rows of a matrix
 * @param cols 1 for a vector, the number of columns of a matrix
 * @param matrix whether the data is a matrix
 */
public record Shape(int rows, int cols, boolean matrix) {
    public Shape {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a shape needs positive dimensions, got " + rows + "x" + cols);
        }
        if (!matrix && cols != 1) {
            throw new IllegalArgumentException("a vector has one column, got " + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many entries for one array: " + rows + "x" + cols);
        }
    }

    /** A vector of {@code n} entries. */
    public static Shape vector(int n) {
        return new Shape(n, 1, false);
    }

    /** A {@code rows × cols} matrix. */
    public static Shape matrix(int rows, int cols) {
        return new Shape(rows, cols, true);
    }

    /** The shape of {@code t}. */
    public static Shape of(Tensor t) {
        return t.isMatrix() ? matrix(t.rows(), t.cols()) : vector(t.size());
    }

    /** Number of entries. */
    public int size() {
        return rows * cols;
    }

    /** A double tensor of this shape holding {@code data} (converted; for reference paths and checks only). */
    public Tensor tensor(float[] data) {
        if (data.length != size()) {
            throw new IllegalArgumentException("shape " + this + " needs " + size() + " entries, got " + data.length);
        }
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i];
        }
        return matrix ? Tensor.matrix(rows, cols, d) : Tensor.vector(d);
    }

    @Override
    public String toString() {
        return matrix ? rows + "x" + cols : Integer.toString(rows);
    }
}
