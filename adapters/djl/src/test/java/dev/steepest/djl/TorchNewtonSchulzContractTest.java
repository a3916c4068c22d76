package dev.steepest.djl;

import dev.steepest.core.linalg.Orthogonalizer;
import dev.steepest.core.linalg.OrthogonalizerContract;

/** The core's {@link OrthogonalizerContract} for ns5 run by libtorch. */
class TorchNewtonSchulzContractTest extends OrthogonalizerContract {
    private static final TorchNewtonSchulz TORCH = new TorchNewtonSchulz();

    @Override
    protected Orthogonalizer subject() {
        return TORCH;
    }

    /** ns5 does not converge: held to the band of singular values. */
    @Override
    protected double tolerance(boolean floatPath) {
        return Double.NaN;
    }

    /** Its Tensor path runs the same float32 libtorch iteration. */
    @Override
    protected boolean doublePathInFloat() {
        return true;
    }
}
