package dev.steepest.optim;

/**
 * The state one {@link Stage} keeps for one parameter: a fixed number of float buffers, each
 * as long as the parameter. Fixed at {@link Stage#init}, so state never grows across steps,
 * and plain enough to be written to a checkpoint exactly.
 */
public final class StageState {
    /** The state of a stateless stage. */
    public static final StageState NONE = new StageState(new float[0][]);

    private final float[][] buffers;

    private StageState(float[][] buffers) {
        this.buffers = buffers;
    }

    /** {@code count} zero buffers of {@code size} floats. */
    public static StageState zeros(int count, int size) {
        return count == 0 ? NONE : new StageState(new float[count][size]);
    }

    /** Buffer {@code k} (live). */
    public float[] buffer(int k) {
        return buffers[k];
    }

    /** Number of buffers. */
    public int count() {
        return buffers.length;
    }

    /** Total number of floats held. */
    public long totalSize() {
        long n = 0;
        for (float[] b : buffers) {
            n += b.length;
        }
        return n;
    }
}
