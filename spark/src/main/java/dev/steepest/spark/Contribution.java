package dev.steepest.spark;

import java.io.Serializable;

/**
 * What one worker sends back for one step (or one round of local steps): either the dense
 * tensors or, compressed, one bit per entry and one ℓ1 norm per tensor.
 *
 * @param partition the worker's partition
 * @param count examples behind the loss (sync: this worker's part of the global batch; local: inner steps)
 * @param lossSum sum of the example losses (sync) or of the inner steps' mean losses (local)
 * @param dense the gradient sum (sync) or parameter change (local), per tensor; null when compressed
 * @param bits the signs per tensor, packed by {@link SignCodec}; null when dense
 * @param scales ‖·‖₁ per tensor of what the bits stand for; null when dense
 * @param computeNanos time the worker spent computing (not in Spark)
 * @param stateReset true when the worker's carried state (residual, inner optimizer) was not found and restarted
 */
public record Contribution(int partition, int count, double lossSum, float[][] dense, long[][] bits, float[] scales,
                           long computeNanos, boolean stateReset) implements Serializable {

    /**
     * What a task returns instead at a checkpoint step: its contribution and the worker's carried
     * state after the job, for the driver's checkpoint.
     */
    record WithState(Contribution contribution, Carried carried) implements Serializable {
    }
}
