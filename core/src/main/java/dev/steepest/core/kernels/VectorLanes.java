package dev.steepest.core.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * Vector-valued helpers of {@link VectorKernels}, kept in a class of their own: a vector passed across a call that C2
 * does not inline is boxed, and the launcher keeps {@code VectorKernels}' methods out of their callers' compiles
 * ({@code -XX:CompileCommand=dontinline}); these small methods stay inlined.
 */
final class VectorLanes {
    private VectorLanes() {
    }

    /**
     * |v| by clearing the sign bits: measured 20% faster than {@code v.abs()} in the ℓ1 sum on 16M floats (2.2 against
     * 2.7 ms, AVX-512), the same bits (NaN stays NaN).
     */
    static FloatVector abs(FloatVector v) {
        return v.reinterpretAsInts().and(0x7fffffff).reinterpretAsFloats();
    }

    /** |x|^e for e ∈ {0.5, 1, 1.5, 2} with sqrt and products only (correctly rounded sqrt, no polynomial). */
    static FloatVector powExact(FloatVector ax, float e) {
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
