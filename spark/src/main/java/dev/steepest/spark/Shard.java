package dev.steepest.spark;

import dev.steepest.data.Datasets;
import dev.steepest.data.LabeledImages;
import java.io.Serializable;

/**
 * One worker's part of the training set: the examples {@code lo .. lo+size-1} of the first
 * {@code total} training examples, read by the worker itself from the dataset source.
 */
public final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;
    final int partition;
    final int lo;
    final int total;
    final float[] pixels;
    final int[] labels;

    private Shard(int partition, int lo, int total, float[] pixels, int[] labels) {
        this.partition = partition;
        this.lo = lo;
        this.total = total;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** The first index of partition {@code p} of {@code workers} over {@code total} examples. */
    static int start(int p, int workers, int total) {
        return (int) ((long) total * p / workers);
    }

    /** Reads {@code dataset} (as {@code --dataset}) and keeps partition {@code p}'s contiguous range of its first {@code limit} training examples. */
    static Shard load(String dataset, int limit, int p, int workers) {
        LabeledImages train = Datasets.resolve(dataset).train();
        int total = Math.min(limit, train.size());
        int lo = start(p, workers, total);
        int hi = start(p + 1, workers, total);
        int[] idx = new int[hi - lo];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = lo + i;
        }
        return new Shard(p, lo, total, train.gather(idx, 0, idx.length), train.gatherLabels(idx, 0, idx.length));
    }

    int size() {
        return labels.length;
    }
}
