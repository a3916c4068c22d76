package dev.steepest.problems;

/**
 * One variable of a {@link Problem}: a vector ({@code shape = {n}}) or a matrix ({@code {rows, cols}},
 * row-major), its current values and the gradient the last {@link Problem#lossAndGradient()} wrote.
 */
public record Variable(String name, int[] shape, float[] values, float[] grad) {

    /** A vector variable starting at {@code values} (not copied), with a zero gradient. */
    static Variable vector(String name, float... values) {
        return new Variable(name, new int[] {values.length}, values, new float[values.length]);
    }

    /** A {@code rows × cols} matrix variable starting at zero. */
    static Variable matrix(String name, int rows, int cols) {
        return new Variable(name, new int[] {rows, cols}, new float[rows * cols], new float[rows * cols]);
    }
}
