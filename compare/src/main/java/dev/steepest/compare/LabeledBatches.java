package dev.steepest.compare;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.steepest.data.LabeledImages;

/** Turns {@link LabeledImages} into NDArray batches in a seeded order, the same for every optimizer. */
final class LabeledBatches {
    private LabeledBatches() {
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
