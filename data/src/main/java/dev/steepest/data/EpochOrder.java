package dev.steepest.data;

import java.util.Random;

/**
 * The order in which one epoch visits the training examples: a permutation drawn from a seed, so that every
 * optimizer compared (and every Spark worker) sees the same batches.
 */
public final class EpochOrder {
    private EpochOrder() {
    }

    /** A permutation of 0..n-1 drawn from {@code seed} (Fisher–Yates with {@link java.util.Random}). */
    public static int[] shuffled(int n, long seed) {
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
}
