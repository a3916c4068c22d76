package dev.steepest.spark;

import java.io.Serializable;

/**
 * A worker's carried state as it stands after one job, sent to the driver for its checkpoint and
 * sent back to the worker when a run resumes.
 *
 * @param residual the error-feedback residual per tensor ({@code sign-ef}); null otherwise
 * @param innerStep the inner optimizer's step counter (mode local)
 * @param innerSkipped the inner optimizer's count of skipped steps (mode local)
 * @param innerBuffers the inner optimizer's buffers, [parameter][stage][buffer][entry] (mode local); null otherwise
 */
record Carried(float[][] residual, long innerStep, long innerSkipped, float[][][][] innerBuffers) implements Serializable {
}
