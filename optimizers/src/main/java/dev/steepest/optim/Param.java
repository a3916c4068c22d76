package dev.steepest.optim;

import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import java.util.Arrays;

/**
 * One named parameter tensor of a model and its gradient, as float arrays the optimizer
 * updates in place.
 *
 * <p>Storage is row-major. A rank-1 parameter is a vector; a parameter of rank 2 or more is
 * seen as a matrix with {@code rows = shape[0]} (fan-out) and {@code cols} = the product of the
 * remaining dimensions (fan-in), so a convolution kernel {@code [out, in, kh, kw]} is the
 * {@code out × (in·kh·kw)} matrix. The arrays are live: an adapter writes gradients into
 * {@link #grad()} and reads updated values back from {@link #values()}.
 */
public final class Param {
    private final String name;
    private final int[] shape;
    private final float[] values;
    private final float[] grad;
    private final Shape layout;
    private final Role role;

    private Param(String name, int[] shape, float[] values, float[] grad) {
        this(name, shape, values, grad, null);
    }

    private Param(String name, int[] shape, float[] values, float[] grad, Role role) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a non-blank name");
        }
        if (shape.length == 0) {
            throw new IllegalArgumentException("parameter '" + name + "': shape must have rank ≥ 1 (use [1] for a scalar)");
        }
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("parameter '" + name + "': every dimension must be positive, got "
                        + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("parameter '" + name + "': shape " + Arrays.toString(shape) + " needs "
                    + n + " values, got " + values.length);
        }
        if (grad.length != values.length) {
            throw new IllegalArgumentException("parameter '" + name + "': gradient has " + grad.length
                    + " entries but the parameter has " + values.length);
        }
        this.name = name;
        this.shape = shape.clone();
        this.values = values;
        this.grad = grad;
        this.layout = shape.length >= 2 ? Shape.matrix(shape[0], values.length / shape[0]) : Shape.vector(values.length);
        this.role = role;
    }

    /**
     * This parameter (the same arrays) with its role set to {@code r} instead of the one {@link Role#of} would guess
     * from the name and shape: for a parameter the naming rules misread, e.g. an output layer called {@code fc3}.
     */
    public Param withRole(Role r) {
        if (r == null) {
            throw new IllegalArgumentException("parameter '" + name + "': the role to set is null");
        }
        return new Param(name, shape, values, grad, r);
    }

    /** The role set by {@link #withRole}, or null when {@link Role#of} guesses it. */
    public Role roleOverride() {
        return role;
    }

    /** A parameter over {@code values} (not copied) with a fresh zero gradient. */
    public static Param of(String name, float[] values, int... shape) {
        return new Param(name, shape, values, new float[values.length]);
    }

    /** A vector parameter over {@code values} (not copied). */
    public static Param vector(String name, float... values) {
        return of(name, values, values.length);
    }

    /** A {@code rows × cols} matrix parameter over {@code values} (not copied, row-major). */
    public static Param matrix(String name, int rows, int cols, float[] values) {
        return of(name, values, rows, cols);
    }

    /** A view over arrays owned elsewhere (e.g. by a framework adapter); nothing is copied. */
    public static Param wrap(String name, int[] shape, float[] values, float[] grad) {
        return new Param(name, shape, values, grad);
    }

    public String name() {
        return name;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of entries. */
    public int size() {
        return values.length;
    }

    /** True for rank ≥ 2: seen as a {@link #rows()} × {@link #cols()} matrix. */
    public boolean isMatrix() {
        return shape.length >= 2;
    }

    /** shape[0]: the fan-out of a weight matrix, the length of a vector. */
    public int rows() {
        return shape[0];
    }

    /** Product of the trailing dimensions (the fan-in); 1 for a vector. */
    public int cols() {
        return values.length / shape[0];
    }

    /** The live parameter values (updated in place by the optimizer). */
    public float[] values() {
        return values;
    }

    /** The live gradient, written by the caller before each step. */
    public float[] grad() {
        return grad;
    }

    /** The vector or matrix a norm sees: rows × cols for rank ≥ 2 (see the class comment), else a vector. */
    public Shape layout() {
        return layout;
    }

    /** Shape as text, e.g. "[64, 32]". */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** {@code data} (of this parameter's size) as a double tensor of this parameter's vector or matrix shape. */
    public Tensor tensor(float[] data) {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i];
        }
        return isMatrix() ? Tensor.matrix(rows(), cols(), d) : Tensor.vector(d);
    }

    @Override
    public String toString() {
        return name + shapeString();
    }
}
