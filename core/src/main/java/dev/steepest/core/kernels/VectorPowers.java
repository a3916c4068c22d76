package dev.steepest.core.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * Vector helpers that take and return vectors, kept out of {@link VectorKernels}: a vector passed across a call that
 * C2 does not inline is boxed, and the launcher keeps {@code VectorKernels}' methods out of their callers' compiles.
 */
final class VectorPowers {
    private VectorPowers() {
    }

    /** |x|^e for e ∈ {0.5, 1, 1.5, 2} with sqrt and products only (correctly rounded sqrt, no polynomial). */
    static FloatVector exact(FloatVector ax, float e) {
        if (e == 1f) {
            return ax;
        }
        if (e == 2f) {
            return ax.mul(ax);
        }
        FloatVector r = ax.sqrt();
        return e == 0.5f ? r : ax.mul(r);
    }
}
