package dev.steepest.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the kernels where they beat C2's own auto-vectorization: reductions (C2 keeps
 * floating-point sums in order, one lane at a time) and sign updates (Math.signum is not vectorized on JDK 17).
 *
 * <p>Needs {@code --add-modules jdk.incubator.vector}; call only when {@link Simd#ENABLED}. Sums run in float
 * lanes within blocks of {@value #BLOCK} elements and add each block's total into a double, so the rounding
 * error stays that of a short float sum per block however long the array is.
 */
public final class VectorKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int BLOCK = 2048;

    private VectorKernels() {
    }

    /** Number of float lanes of the preferred species. */
    public static int lanes() {
        return L;
    }

    /** Σ|x[i]| over [from, to). */
    public static double sumAbs(float[] x, int from, int to) {
        double total = 0;
        int i = from;
        while (to - i >= 4 * L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (; i + 4 * L <= end; i += 4 * L) {
                a0 = a0.add(FloatVector.fromArray(S, x, i).abs());
                a1 = a1.add(FloatVector.fromArray(S, x, i + L).abs());
                a2 = a2.add(FloatVector.fromArray(S, x, i + 2 * L).abs());
                a3 = a3.add(FloatVector.fromArray(S, x, i + 3 * L).abs());
            }
            total += a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            total += Math.abs(x[i]);
        }
        return total;
    }

    /** Σx[i]² over [from, to). */
    public static double sumSquares(float[] x, int from, int to) {
        double total = 0;
        int i = from;
        while (to - i >= 4 * L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (; i + 4 * L <= end; i += 4 * L) {
                FloatVector v0 = FloatVector.fromArray(S, x, i);
                FloatVector v1 = FloatVector.fromArray(S, x, i + L);
                FloatVector v2 = FloatVector.fromArray(S, x, i + 2 * L);
                FloatVector v3 = FloatVector.fromArray(S, x, i + 3 * L);
                a0 = v0.fma(v0, a0);
                a1 = v1.fma(v1, a1);
                a2 = v2.fma(v2, a2);
                a3 = v3.fma(v3, a3);
            }
            total += a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            double v = x[i];
            total += v * v;
        }
        return total;
    }

    /** max|x[i]| over [from, to): exactly {@link PlainKernels#maxAbs} (max does not depend on order). */
    public static float maxAbs(float[] x, int from, int to) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0;
        int i = from;
        for (; i + 2 * L <= to; i += 2 * L) {
            a0 = a0.max(FloatVector.fromArray(S, x, i).abs());
            a1 = a1.max(FloatVector.fromArray(S, x, i + L).abs());
        }
        float m = a0.max(a1).reduceLanes(VectorOperators.MAX);
        for (; i < to; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
    }

    /**
     * w[i] −= scale·sign(d[i]) over [from, to), bit for bit {@link PlainKernels#signStep} (NaN in d gives NaN).
     */
    public static void signStep(float[] w, float[] d, float scale, int from, int to) {
        FloatVector pos = FloatVector.broadcast(S, scale);
        FloatVector neg = FloatVector.broadcast(S, -scale);
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector dv = FloatVector.fromArray(S, d, i);
            FloatVector step = zero.blend(pos, dv.compare(VectorOperators.GT, 0f))
                    .blend(neg, dv.compare(VectorOperators.LT, 0f));
            VectorMask<Float> nan = dv.test(VectorOperators.IS_NAN);
            step = step.blend(dv, nan);
            FloatVector.fromArray(S, w, i).sub(step).intoArray(w, i);
        }
        for (; i < to; i++) {
            w[i] -= scale * Math.signum(d[i]);
        }
    }
}
