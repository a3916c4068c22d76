package dev.steepest.data;

import java.util.Arrays;

/**
 * The content of one IDX file (the MNIST family's format): its dimensions and its
 * unsigned-byte payload, row-major.
 *
 * @param dims the sizes from the header, outermost first (e.g. {@code [count, rows, cols]})
 * @param data the payload, exactly the product of {@code dims} bytes, each read as 0..255
 */
public record IdxFile(int[] dims, byte[] data) {

    public IdxFile {
        dims = dims.clone();
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code i}. */
    public int dim(int i) {
        return dims[i];
    }

    /** Value {@code i} of the payload, 0..255. */
    public int unsigned(int i) {
        return data[i] & 0xff;
    }

    @Override
    public String toString() {
        return "IdxFile" + Arrays.toString(dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxFile f && Arrays.equals(dims, f.dims) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
    }
}
