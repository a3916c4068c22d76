package dev.steepest.compare;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.steepest.data.LabeledImages;
import java.util.Random;

/** Turns {@link LabeledImages} into NDArray batches in a seeded order, the same for every optimizer. */
final class LabeledBatches {
    private LabeledBatches() {
    }

    /** A permutation of 0..n-1 drawn from {@code seed}: the order of one epoch. */
    static int[] order(int n, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    static int[] identity(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    static NDArray images(NDManager m, LabeledImages d, int[] idx, int from, int to, String model) {
        return m.create(d.gather(idx, from, to), Models.inputShape(model, to - from, d.rows(), d.cols()));
    }

    static NDArray labels(NDManager m, LabeledImages d, int[] idx, int from, int to) {
        int[] y = d.gatherLabels(idx, from, to);
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            f[i] = y[i];
        }
        return m.create(f, new Shape(y.length));
    }
}
