package dev.steepest.data;

/**
 * Grey-scale images with integer class labels, as float pixels in [0, 1].
 *
 * <p>Built from an images IDX file ({@code [count, rows, cols]}) and a labels IDX file
 * ({@code [count]}); {@link #of} checks that both agree and that every label is a class.
 */
public final class LabeledImages {
    private final int rows;
    private final int cols;
    private final int classes;
    private final float[] pixels;
    private final int[] labels;

    private LabeledImages(int rows, int cols, int classes, float[] pixels, int[] labels) {
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * Pairs {@code images} with {@code labels}. Throws {@link IllegalArgumentException} when
     * the images are not 3-D, the labels not 1-D, the counts differ, or a label is not in
     * {@code 0..classes-1}; {@code source} names the data in the message.
     */
    public static LabeledImages of(IdxFile images, IdxFile labels, int classes, String source) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classification dataset needs at least 2 classes, got " + classes);
        }
        if (images.rank() != 3) {
            throw new IllegalArgumentException(source + ": images must be an IDX file with 3 dimensions "
                    + "[count, rows, cols]; this one has " + images.rank());
        }
        if (labels.rank() != 1) {
            throw new IllegalArgumentException(source + ": labels must be an IDX file with 1 dimension [count]; "
                    + "this one has " + labels.rank());
        }
        int n = images.dim(0);
        if (labels.dim(0) != n) {
            throw new IllegalArgumentException(source + ": " + n + " images but " + labels.dim(0) + " labels");
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.unsigned(i);
            if (y[i] >= classes) {
                throw new IllegalArgumentException(source + ": label " + y[i] + " of example " + i
                        + " is out of range 0.." + (classes - 1));
            }
        }
        byte[] raw = images.data();
        float[] x = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = (raw[i] & 0xff) / 255f;
        }
        return new LabeledImages(images.dim(1), images.dim(2), classes, x, y);
    }

    /** The number of examples. */
    public int size() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** rows · cols. */
    public int features() {
        return rows * cols;
    }

    public int classes() {
        return classes;
    }

    /** Label of example {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The pixels of the examples {@code idx[from..to)} into one row-major float array. */
    public float[] gather(int[] idx, int from, int to) {
        int f = features();
        float[] out = new float[(to - from) * f];
        for (int k = from; k < to; k++) {
            System.arraycopy(pixels, idx[k] * f, out, (k - from) * f, f);
        }
        return out;
    }

    /** The labels of the examples {@code idx[from..to)}. */
    public int[] gatherLabels(int[] idx, int from, int to) {
        int[] out = new int[to - from];
        for (int k = from; k < to; k++) {
            out[k - from] = labels[idx[k]];
        }
        return out;
    }

    /** The examples {@code from..to-1} as a new set (for subsets and held-out splits). */
    public LabeledImages range(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is not a non-empty part of 0.." + size());
        }
        int f = features();
        float[] x = new float[(to - from) * f];
        System.arraycopy(pixels, from * f, x, 0, x.length);
        int[] y = new int[to - from];
        System.arraycopy(labels, from, y, 0, y.length);
        return new LabeledImages(rows, cols, classes, x, y);
    }
}
