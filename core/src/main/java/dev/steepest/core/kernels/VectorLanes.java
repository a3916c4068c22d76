package dev.steepest.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

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

    /**
     * |x|^e lane by lane for float x and e > 0, as 2^(e·log2|x|) with short polynomials: relative error about
     * 10⁻⁷ for normal |x| and results. |x| below the smallest normal float, and results below it, give 0;
     * results above the largest float, and NaN or infinite x, give +∞.
     */
    static FloatVector powAbs(FloatVector x, float e) {
        FloatVector ax = x.abs();
        IntVector bits = ax.reinterpretAsInts();
        IntVector expo = bits.lanewise(VectorOperators.LSHR, 23).sub(127);
        FloatVector m = bits.and(0x007fffff).or(0x3f800000).reinterpretAsFloats(); // [1, 2)
        VectorMask<Float> high = m.compare(VectorOperators.GT, VectorKernels.SQRT2);
        m = m.blend(m.mul(0.5f), high); // [√½, √2)
        FloatVector ef = ((FloatVector) expo.convert(VectorOperators.I2F, 0));
        ef = ef.blend(ef.add(1f), high);
        // ln m = 2 atanh(t), t = (m − 1)/(m + 1), |t| ≤ 0.172
        FloatVector t = m.sub(1f).div(m.add(1f));
        FloatVector t2 = t.mul(t);
        FloatVector series = t2.fma(1f / 9, 1f / 7)
                .fma(t2, FloatVector.broadcast(VectorKernels.S, 1f / 5))
                .fma(t2, FloatVector.broadcast(VectorKernels.S, 1f / 3))
                .fma(t2, FloatVector.broadcast(VectorKernels.S, 1f));
        FloatVector log2m = t.mul(series).mul(2f * VectorKernels.INV_LN2);
        // y = e·expo + e·log2m, with e·expo split exactly into hi + lo
        FloatVector hi = ef.mul(e);
        FloatVector lo = ef.fma(FloatVector.broadcast(VectorKernels.S, e), hi.neg());
        FloatVector n1 = hi.add(VectorKernels.ROUND).sub(VectorKernels.ROUND);
        FloatVector r = hi.sub(n1).add(lo).add(log2m.mul(e));
        FloatVector n2 = r.add(VectorKernels.ROUND).sub(VectorKernels.ROUND);
        FloatVector f = r.sub(n2); // [−0.5, 0.5]
        FloatVector n = n1.add(n2);
        // 2^f = e^(f ln2), degree-7 Taylor polynomial
        FloatVector p = f.fma(1.5252734e-5f, 1.5403530e-4f)
                .fma(f, FloatVector.broadcast(VectorKernels.S, 1.3333558e-3f))
                .fma(f, FloatVector.broadcast(VectorKernels.S, 9.6181291e-3f))
                .fma(f, FloatVector.broadcast(VectorKernels.S, 5.5504109e-2f))
                .fma(f, FloatVector.broadcast(VectorKernels.S, 2.4022651e-1f))
                .fma(f, FloatVector.broadcast(VectorKernels.S, 6.9314718e-1f))
                .fma(f, FloatVector.broadcast(VectorKernels.S, 1f));
        VectorMask<Float> under = n.compare(VectorOperators.LT, -126f).or(ax.compare(VectorOperators.LT, Float.MIN_NORMAL));
        VectorMask<Float> over = n.compare(VectorOperators.GT, 127f).or(ax.compare(VectorOperators.GT, Float.MAX_VALUE))
                .or(ax.test(VectorOperators.IS_NAN));
        // n is integer-valued and small: the bits of n + 1.5·2²³ are those of 1.5·2²³ plus n (no F2I cast,
        // which JDK 17 does not vectorize on AVX2)
        IntVector ni = n.blend(0f, under.or(over)).add(VectorKernels.ROUND).reinterpretAsInts().sub(VectorKernels.ROUND_BITS);
        FloatVector result = p.reinterpretAsInts().add(ni.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
        return result.blend(0f, under).blend(Float.POSITIVE_INFINITY, over);
    }
}
