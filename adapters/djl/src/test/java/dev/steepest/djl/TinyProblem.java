package dev.steepest.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.Random;

/** A small synthetic 3-class problem and a small MLP for the adapter's tests. */
final class TinyProblem {
    static final int N = 240;
    static final int D = 6;
    static final int CLASSES = 3;

    private TinyProblem() {
    }

    static SequentialBlock mlp() {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(16).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(CLASSES).build());
    }

    /** Points around three centres; labels are the centre index. */
    static NDArray[] data(NDManager m, long seed) {
        Random r = new Random(seed);
        float[] x = new float[N * D];
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            int c = i % CLASSES;
            y[i] = c;
            for (int j = 0; j < D; j++) {
                float centre = (j % CLASSES == c) ? 2f : -1f;
                x[i * D + j] = centre + (float) r.nextGaussian();
            }
        }
        return new NDArray[] {m.create(x, new Shape(N, D)), m.create(y, new Shape(N))};
    }
}
