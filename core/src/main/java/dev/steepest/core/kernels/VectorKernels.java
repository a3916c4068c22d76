package dev.steepest.core.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final VectorSpecies<Integer> SI = VectorSpecies.of(int.class, S.vectorShape());
    static final float ROUND = 12582912f; // 1.5·2²³: (y + ROUND) − ROUND rounds y to an integer
    static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    static final float SQRT2 = 1.41421356f;
    static final float INV_LN2 = 1.44269504f;
    static final int BLOCK = 2048;

    /**
     * Where the vector loops of the kernels that write start: the first index i ≥ {@code from} whose element sits on
     * a 64-byte boundary when the array's data begins 16 bytes past a 64-byte boundary — HotSpot's float[] header
     * on 64-bit JVMs with compressed class pointers, and G1 places arrays of half a region or more at the start of
     * a region. A vector store that straddles two cache lines costs about a quarter more time on a memory-bound
     * update (measured on 16M floats, AVX-512: descend 4.0 → 2.9 ms, momentum 6.0 → 5.2 ms); the few entries
     * before it run in the plain loop. For an array that lies elsewhere the split is merely as good as none. Used
     * where it measured faster: descend, the momentum family, AdamW and copyMaxAbs; sign and signStep measured
     * slower with it (signStep 4.4 → 6.0 ms) and start at {@code from}.
     */
    static int aligned(int from, int to) {
        return Math.min(to, from + ((ALIGNED_INDEX - from) & 15));
    }

    private static final int ALIGNED_INDEX = 12; // (64 − 16) / 4

    private VectorKernels() {
    }

    /** Number of float lanes of the preferred species. */
    public static int lanes() {
        return L;
    }

    /**
     * Σ|x[i]| over [from, to). Long ranges are read as four streams at once (one per quarter): one core keeps more
     * cache misses in flight that way (measured at 16M floats, AVX-512: 1.75 ms against 2.15 with two streams, about
     * 15% faster than one stream with two).
     */
    public static double sumAbs(float[] x, int from, int to) {
        double total = 0;
        int i = from;
        int quarter = ((to - from) / 4) / L * L;
        if (quarter >= BLOCK) {
            int j = from + quarter, k = j + quarter, m = k + quarter;
            int endI = from + quarter;
            while (i < endI) {
                int end = Math.min(endI, i + BLOCK);
                FloatVector a = FloatVector.zero(S), b = a, c = a, d = a;
                for (; i < end; i += L, j += L, k += L, m += L) {
                    a = a.add(VectorLanes.abs(FloatVector.fromArray(S, x, i)));
                    b = b.add(VectorLanes.abs(FloatVector.fromArray(S, x, j)));
                    c = c.add(VectorLanes.abs(FloatVector.fromArray(S, x, k)));
                    d = d.add(VectorLanes.abs(FloatVector.fromArray(S, x, m)));
                }
                total += a.add(b).add(c.add(d)).reduceLanes(VectorOperators.ADD);
            }
            i = m;
        }
        while (to - i >= 4 * L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (; i + 4 * L <= end; i += 4 * L) {
                a0 = a0.add(VectorLanes.abs(FloatVector.fromArray(S, x, i)));
                a1 = a1.add(VectorLanes.abs(FloatVector.fromArray(S, x, i + L)));
                a2 = a2.add(VectorLanes.abs(FloatVector.fromArray(S, x, i + 2 * L)));
                a3 = a3.add(VectorLanes.abs(FloatVector.fromArray(S, x, i + 3 * L)));
            }
            total += a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            total += Math.abs(x[i]);
        }
        return total;
    }

    /** Σx[i]² over [from, to); long ranges read as four streams, as {@link #sumAbs}. */
    public static double sumSquares(float[] x, int from, int to) {
        double total = 0;
        int i = from;
        int quarter = ((to - from) / 4) / L * L;
        if (quarter >= BLOCK) {
            int j = from + quarter, k = j + quarter, m = k + quarter;
            int endI = from + quarter;
            while (i < endI) {
                int end = Math.min(endI, i + BLOCK);
                FloatVector a = FloatVector.zero(S), b = a, c = a, d = a;
                for (; i < end; i += L, j += L, k += L, m += L) {
                    FloatVector v0 = FloatVector.fromArray(S, x, i);
                    FloatVector v1 = FloatVector.fromArray(S, x, j);
                    FloatVector v2 = FloatVector.fromArray(S, x, k);
                    FloatVector v3 = FloatVector.fromArray(S, x, m);
                    a = v0.fma(v0, a);
                    b = v1.fma(v1, b);
                    c = v2.fma(v2, c);
                    d = v3.fma(v3, d);
                }
                total += a.add(b).add(c.add(d)).reduceLanes(VectorOperators.ADD);
            }
            i = m;
        }
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

    /**
     * max|x[i]| over [from, to): exactly {@link PlainKernels#maxAbs}. Compares the bits of |x| as integers
     * (order-preserving for non-negative floats, and NaN's bits exceed infinity's, so a NaN wins as it should).
     */
    public static float maxAbs(float[] x, int from, int to) {
        IntVector a0 = IntVector.zero(SI), a1 = a0, a2 = a0, a3 = a0;
        int i = from;
        int quarter = ((to - from) / 4) / L * L;
        if (quarter >= BLOCK) {
            // four streams, as sumAbs
            int j = from + quarter, k = j + quarter, m = k + quarter;
            for (; i < from + quarter; i += L, j += L, k += L, m += L) {
                a0 = a0.max(FloatVector.fromArray(S, x, i).reinterpretAsInts().and(0x7fffffff));
                a1 = a1.max(FloatVector.fromArray(S, x, j).reinterpretAsInts().and(0x7fffffff));
                a2 = a2.max(FloatVector.fromArray(S, x, k).reinterpretAsInts().and(0x7fffffff));
                a3 = a3.max(FloatVector.fromArray(S, x, m).reinterpretAsInts().and(0x7fffffff));
            }
            i = m;
        }
        a0 = a0.max(a2);
        a1 = a1.max(a3);
        for (; i + 2 * L <= to; i += 2 * L) {
            a0 = a0.max(FloatVector.fromArray(S, x, i).reinterpretAsInts().and(0x7fffffff));
            a1 = a1.max(FloatVector.fromArray(S, x, i + L).reinterpretAsInts().and(0x7fffffff));
        }
        int bits = a0.max(a1).reduceLanes(VectorOperators.MAX);
        float m = Float.intBitsToFloat(bits);
        for (; i < to; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        if (Float.isNaN(m)) {
            return Float.NaN; // canonical NaN, as Math.max gives
        }
        return m;
    }

    /** Σ a[i]·b[i] over [from, to): float lanes (two accumulators) within blocks of {@value #BLOCK}, blocks added in double. */
    public static double dot(float[] a, float[] b, int from, int to) {
        double total = 0;
        int i = from;
        while (to - i >= 2 * L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector a0 = FloatVector.zero(S), a1 = a0;
            for (; i + 2 * L <= end; i += 2 * L) {
                a0 = FloatVector.fromArray(S, a, i).fma(FloatVector.fromArray(S, b, i), a0);
                a1 = FloatVector.fromArray(S, a, i + L).fma(FloatVector.fromArray(S, b, i + L), a1);
            }
            total += a0.add(a1).reduceLanes(VectorOperators.ADD);
        }
        return total + PlainKernels.dot(a, b, i, to);
    }

    /** dst[i] = src[i] over [from, to), returning max|src[i]| exactly as {@link PlainKernels#copyMaxAbs} (bits as {@link #maxAbs}). */
    public static float copyMaxAbs(float[] src, float[] dst, int from, int to) {
        int i = aligned(from, to);
        float m = PlainKernels.copyMaxAbs(src, dst, from, i);
        IntVector a0 = IntVector.zero(SI), a1 = a0;
        for (; i + 2 * L <= to; i += 2 * L) {
            FloatVector x0 = FloatVector.fromArray(S, src, i);
            FloatVector x1 = FloatVector.fromArray(S, src, i + L);
            x0.intoArray(dst, i);
            x1.intoArray(dst, i + L);
            a0 = a0.max(x0.reinterpretAsInts().and(0x7fffffff));
            a1 = a1.max(x1.reinterpretAsInts().and(0x7fffffff));
        }
        m = Math.max(m, Float.intBitsToFloat(a0.max(a1).reduceLanes(VectorOperators.MAX)));
        m = Math.max(m, PlainKernels.copyMaxAbs(src, dst, i, to));
        return Float.isNaN(m) ? Float.NaN : m;
    }


    /**
     * w[i] −= scale·sign(d[i]) over [from, to), bit for bit {@link PlainKernels#signStep} (NaN in d gives NaN);
     * returns Σ|d[i]| = ⟨d, sign(d)⟩, summed as {@link #sumAbs} sums (infinite only if a block overflows a float).
     */
    public static double signStep(float[] w, float[] d, float scale, int from, int to) {
        FloatVector pos = FloatVector.broadcast(S, scale);
        FloatVector neg = FloatVector.broadcast(S, -scale);
        FloatVector zero = FloatVector.zero(S);
        // no aligned start here: measured slower with it (6.0 against 4.4 ms at 16M floats, AVX-512)
        int i = from;
        double total = 0;
        while (to - i >= L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = zero;
            for (; i + L <= end; i += L) {
                FloatVector dv = FloatVector.fromArray(S, d, i);
                FloatVector step = zero.blend(pos, dv.compare(VectorOperators.GT, 0f))
                        .blend(neg, dv.compare(VectorOperators.LT, 0f));
                VectorMask<Float> nan = dv.test(VectorOperators.IS_NAN);
                step = step.blend(dv, nan);
                FloatVector.fromArray(S, w, i).sub(step).intoArray(w, i);
                acc = acc.add(VectorLanes.abs(dv));
            }
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            w[i] -= scale * Math.signum(d[i]);
            total += Math.abs(d[i]);
        }
        return total;
    }

    /**
     * Σ|x[i]|^q over [from, to), q > 0, with {@link VectorLanes#powAbs} (relative error about 10⁻⁷ per term); q ∈ {0.5, 1,
     * 1.5, 2} (ℓp with p = 3 or 2) use square roots and products instead.
     */
    public static double sumAbsPow(float[] x, int from, int to, float q) {
        if (q == 1f || q == 2f || q == 0.5f || q == 1.5f) {
            return sumAbsPowExact(x, from, to, q);
        }
        double total = 0;
        int i = from;
        while (to - i >= L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector a0 = FloatVector.zero(S);
            for (; i + L <= end; i += L) {
                // powAbs written out in the loop: C2 does not inline a method this large, and vectors passed
                // across a call that is not inlined are boxed
                float e = q;
                FloatVector ax = FloatVector.fromArray(S, x, i).abs();
                IntVector bits = ax.reinterpretAsInts();
                IntVector expo = bits.lanewise(VectorOperators.LSHR, 23).sub(127);
                FloatVector m = bits.and(0x007fffff).or(0x3f800000).reinterpretAsFloats(); // [1, 2)
                VectorMask<Float> high = m.compare(VectorOperators.GT, SQRT2);
                m = m.blend(m.mul(0.5f), high); // [√½, √2)
                FloatVector ef = ((FloatVector) expo.convert(VectorOperators.I2F, 0));
                ef = ef.blend(ef.add(1f), high);
                // ln m = 2 atanh(t), t = (m − 1)/(m + 1), |t| ≤ 0.172
                FloatVector t = m.sub(1f).div(m.add(1f));
                FloatVector t2 = t.mul(t);
                FloatVector series = t2.fma(1f / 9, 1f / 7)
                        .fma(t2, FloatVector.broadcast(S, 1f / 5))
                        .fma(t2, FloatVector.broadcast(S, 1f / 3))
                        .fma(t2, FloatVector.broadcast(S, 1f));
                FloatVector log2m = t.mul(series).mul(2f * INV_LN2);
                // y = e·expo + e·log2m, with e·expo split exactly into hi + lo
                FloatVector hi = ef.mul(e);
                FloatVector lo = ef.fma(FloatVector.broadcast(S, e), hi.neg());
                FloatVector n1 = hi.add(ROUND).sub(ROUND);
                FloatVector r = hi.sub(n1).add(lo).add(log2m.mul(e));
                FloatVector n2 = r.add(ROUND).sub(ROUND);
                FloatVector f = r.sub(n2); // [−0.5, 0.5]
                FloatVector n = n1.add(n2);
                // 2^f = e^(f ln2), degree-7 Taylor polynomial
                FloatVector p = f.fma(1.5252734e-5f, 1.5403530e-4f)
                        .fma(f, FloatVector.broadcast(S, 1.3333558e-3f))
                        .fma(f, FloatVector.broadcast(S, 9.6181291e-3f))
                        .fma(f, FloatVector.broadcast(S, 5.5504109e-2f))
                        .fma(f, FloatVector.broadcast(S, 2.4022651e-1f))
                        .fma(f, FloatVector.broadcast(S, 6.9314718e-1f))
                        .fma(f, FloatVector.broadcast(S, 1f));
                VectorMask<Float> under = n.compare(VectorOperators.LT, -126f).or(ax.compare(VectorOperators.LT, Float.MIN_NORMAL));
                VectorMask<Float> over = n.compare(VectorOperators.GT, 127f).or(ax.compare(VectorOperators.GT, Float.MAX_VALUE))
                        .or(ax.test(VectorOperators.IS_NAN));
                // n is integer-valued and small: the bits of n + 1.5·2²³ are those of 1.5·2²³ plus n (no F2I cast,
                // which JDK 17 does not vectorize on AVX2)
                IntVector ni = n.blend(0f, under.or(over)).add(ROUND).reinterpretAsInts().sub(ROUND_BITS);
                FloatVector result = p.reinterpretAsInts().add(ni.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
                FloatVector pw = result.blend(0f, under).blend(Float.POSITIVE_INFINITY, over);
                a0 = a0.add(pw);
            }
            total += a0.reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            total += Math.pow(Math.abs(x[i]), q);
        }
        return total;
    }

    /**
     * w[i] −= coef·sign(g[i])·|g[i]|^e over [from, to), e > 0, powers by {@link VectorLanes#powAbs} (the ℓp update), or by
     * square roots and products for e ∈ {0.5, 1, 1.5, 2}.
     */
    public static void powStep(float[] w, float[] g, float coef, float e, int from, int to) {
        if (e == 1f || e == 2f || e == 0.5f || e == 1.5f) {
            powStepExact(w, g, coef, e, from, to);
            return;
        }
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector ax = gv.abs();
            IntVector bits = ax.reinterpretAsInts();
            IntVector expo = bits.lanewise(VectorOperators.LSHR, 23).sub(127);
            FloatVector m = bits.and(0x007fffff).or(0x3f800000).reinterpretAsFloats(); // [1, 2)
            VectorMask<Float> high = m.compare(VectorOperators.GT, SQRT2);
            m = m.blend(m.mul(0.5f), high); // [√½, √2)
            FloatVector ef = ((FloatVector) expo.convert(VectorOperators.I2F, 0));
            ef = ef.blend(ef.add(1f), high);
            // ln m = 2 atanh(t), t = (m − 1)/(m + 1), |t| ≤ 0.172
            FloatVector t = m.sub(1f).div(m.add(1f));
            FloatVector t2 = t.mul(t);
            FloatVector series = t2.fma(1f / 9, 1f / 7)
                    .fma(t2, FloatVector.broadcast(S, 1f / 5))
                    .fma(t2, FloatVector.broadcast(S, 1f / 3))
                    .fma(t2, FloatVector.broadcast(S, 1f));
            FloatVector log2m = t.mul(series).mul(2f * INV_LN2);
            // y = e·expo + e·log2m, with e·expo split exactly into hi + lo
            FloatVector hi = ef.mul(e);
            FloatVector lo = ef.fma(FloatVector.broadcast(S, e), hi.neg());
            FloatVector n1 = hi.add(ROUND).sub(ROUND);
            FloatVector r = hi.sub(n1).add(lo).add(log2m.mul(e));
            FloatVector n2 = r.add(ROUND).sub(ROUND);
            FloatVector f = r.sub(n2); // [−0.5, 0.5]
            FloatVector n = n1.add(n2);
            // 2^f = e^(f ln2), degree-7 Taylor polynomial
            FloatVector p = f.fma(1.5252734e-5f, 1.5403530e-4f)
                    .fma(f, FloatVector.broadcast(S, 1.3333558e-3f))
                    .fma(f, FloatVector.broadcast(S, 9.6181291e-3f))
                    .fma(f, FloatVector.broadcast(S, 5.5504109e-2f))
                    .fma(f, FloatVector.broadcast(S, 2.4022651e-1f))
                    .fma(f, FloatVector.broadcast(S, 6.9314718e-1f))
                    .fma(f, FloatVector.broadcast(S, 1f));
            VectorMask<Float> under = n.compare(VectorOperators.LT, -126f).or(ax.compare(VectorOperators.LT, Float.MIN_NORMAL));
            VectorMask<Float> over = n.compare(VectorOperators.GT, 127f).or(ax.compare(VectorOperators.GT, Float.MAX_VALUE))
                    .or(ax.test(VectorOperators.IS_NAN));
            // n is integer-valued and small: the bits of n + 1.5·2²³ are those of 1.5·2²³ plus n (no F2I cast,
            // which JDK 17 does not vectorize on AVX2)
            IntVector ni = n.blend(0f, under.or(over)).add(ROUND).reinterpretAsInts().sub(ROUND_BITS);
            FloatVector result = p.reinterpretAsInts().add(ni.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
            FloatVector pw = result.blend(0f, under).blend(Float.POSITIVE_INFINITY, over);
            FloatVector mag = pw.mul(coef);
            FloatVector step = mag.blend(mag.neg(), gv.compare(VectorOperators.LT, 0f));
            FloatVector.fromArray(S, w, i).sub(step).intoArray(w, i);
        }
        for (; i < to; i++) {
            float gi = g[i];
            float mag = coef * (float) Math.pow(Math.abs(gi), e);
            w[i] -= gi < 0 ? -mag : mag;
        }
    }

    /** out[i] = sign(d[i]) over [from, to) (0 at ±0, NaN at NaN), bit for bit {@link PlainKernels#sign}. */
    public static void sign(float[] d, float[] out, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector minus = FloatVector.broadcast(S, -1f);
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector dv = FloatVector.fromArray(S, d, i);
            // keep ±0 and NaN as they are, as Math.signum does
            FloatVector r = dv.blend(one, dv.compare(VectorOperators.GT, 0f)).blend(minus, dv.compare(VectorOperators.LT, 0f));
            r.intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = Math.signum(d[i]);
        }
    }

    private static double sumAbsPowExact(float[] x, int from, int to, float q) {
        double total = 0;
        int i = from;
        while (to - i >= L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector a0 = FloatVector.zero(S);
            for (; i + L <= end; i += L) {
                a0 = a0.add(VectorLanes.powExact(FloatVector.fromArray(S, x, i).abs(), q));
            }
            total += a0.reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            total += Math.pow(Math.abs(x[i]), q);
        }
        return total;
    }

    private static void powStepExact(float[] w, float[] g, float coef, float e, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector mag = VectorLanes.powExact(gv.abs(), e).mul(coef);
            FloatVector step = mag.blend(mag.neg(), gv.compare(VectorOperators.LT, 0f));
            FloatVector.fromArray(S, w, i).sub(step).intoArray(w, i);
        }
        for (; i < to; i++) {
            float gi = g[i];
            float mag = coef * (float) Math.pow(Math.abs(gi), e);
            w[i] -= gi < 0 ? -mag : mag;
        }
    }

    // ---------------------------------------------------------------- descent steps with ⟨g, u⟩
    // Each writes exactly what the plain loop in PlainKernels writes (the same float operations per entry, no
    // fused multiply-add); only the dot ⟨g, u⟩ the step reports is summed in another order (float lanes within a
    // block of BLOCK entries, blocks added in double).

    /**
     * w[i] −= lr·u[i]; returns Σ g[i]·u[i]. Two vectors per iteration into two sums: with one, each iteration would
     * wait for the previous one's fused multiply-add, which bounds the loop once the arrays sit in cache (sgd's step
     * at 1M floats, AVX-512: 0.11 ms with one sum against 0.09 for the same update without the sum; 0.09–0.11 and
     * 0.08–0.10 with two).
     */
    public static double descend(float[] w, float[] u, float[] g, float lr, int from, int to) {
        int i = aligned(from, to);
        double total = PlainKernels.descend(w, u, g, lr, from, i);
        while (to - i >= L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S), acc1 = acc;
            for (; i + 2 * L <= end; i += 2 * L) {
                FloatVector u0 = FloatVector.fromArray(S, u, i);
                FloatVector u1 = FloatVector.fromArray(S, u, i + L);
                FloatVector.fromArray(S, w, i).sub(u0.mul(lr)).intoArray(w, i);
                FloatVector.fromArray(S, w, i + L).sub(u1.mul(lr)).intoArray(w, i + L);
                acc = FloatVector.fromArray(S, g, i).fma(u0, acc);
                acc1 = FloatVector.fromArray(S, g, i + L).fma(u1, acc1);
            }
            for (; i + L <= end; i += L) {
                FloatVector uv = FloatVector.fromArray(S, u, i);
                FloatVector.fromArray(S, w, i).sub(uv.mul(lr)).intoArray(w, i);
                acc = FloatVector.fromArray(S, g, i).fma(uv, acc);
            }
            total += acc.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        return total + PlainKernels.descend(w, u, g, lr, i, to);
    }

    /** m[i] ← mu·m[i] + g[i]; w[i] −= lr·m[i]; returns Σ g[i]·m[i]. */
    public static double momentumSgd(float[] w, float[] m, float[] g, float mu, float lr, int from, int to) {
        int i = aligned(from, to);
        double total = PlainKernels.momentumSgd(w, m, g, mu, lr, from, i);
        while (to - i >= L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            for (; i + L <= end; i += L) {
                FloatVector gv = FloatVector.fromArray(S, g, i);
                FloatVector mv = FloatVector.fromArray(S, m, i).mul(mu).add(gv);
                mv.intoArray(m, i);
                FloatVector.fromArray(S, w, i).sub(mv.mul(lr)).intoArray(w, i);
                acc = gv.fma(mv, acc);
            }
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        return total + PlainKernels.momentumSgd(w, m, g, mu, lr, i, to);
    }

    /** m[i] ← mu·m[i] + g[i]; o = g[i] + mu·m[i]; w[i] −= lr·o; returns Σ g[i]·o. */
    public static double nesterovSgd(float[] w, float[] m, float[] g, float mu, float lr, int from, int to) {
        int i = aligned(from, to);
        double total = PlainKernels.nesterovSgd(w, m, g, mu, lr, from, i);
        while (to - i >= L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            for (; i + L <= end; i += L) {
                FloatVector gv = FloatVector.fromArray(S, g, i);
                FloatVector mv = FloatVector.fromArray(S, m, i).mul(mu).add(gv);
                mv.intoArray(m, i);
                FloatVector o = gv.add(mv.mul(mu));
                FloatVector.fromArray(S, w, i).sub(o.mul(lr)).intoArray(w, i);
                acc = gv.fma(o, acc);
            }
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        return total + PlainKernels.nesterovSgd(w, m, g, mu, lr, i, to);
    }

    /** m[i] ← beta·m[i] + (1 − beta)·g[i]; w[i] −= lr·m[i]; returns Σ g[i]·m[i]. */
    public static double emaSgd(float[] w, float[] m, float[] g, float beta, float lr, int from, int to) {
        float a = 1f - beta;
        int i = aligned(from, to);
        double total = PlainKernels.emaSgd(w, m, g, beta, lr, from, i);
        while (to - i >= L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            for (; i + L <= end; i += L) {
                FloatVector gv = FloatVector.fromArray(S, g, i);
                FloatVector mv = FloatVector.fromArray(S, m, i).mul(beta).add(gv.mul(a));
                mv.intoArray(m, i);
                FloatVector.fromArray(S, w, i).sub(mv.mul(lr)).intoArray(w, i);
                acc = gv.fma(mv, acc);
            }
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        return total + PlainKernels.emaSgd(w, m, g, beta, lr, i, to);
    }

    /**
     * The AdamW step of {@link PlainKernels#adamw}: m, v updated, o = (m·c1)/max(√(v·c2) + eps, MIN_VALUE),
     * w[i] −= lr·(o + wd·w[i]); returns Σ g[i]·(o + wd·w[i]), NaN when an entry of v overflowed to +∞.
     */
    public static double adamw(float[] w, float[] m, float[] v, float[] g, float lr, float beta1, float beta2,
                               float eps, float wd, float c1, float c2, int from, int to) {
        float a1 = 1f - beta1;
        float a2 = 1f - beta2;
        int start = aligned(from, to);
        int i = start + (to - start) / L * L;
        // two methods, with and without the decay term: a choice between vectors inside the loop would keep C2 from
        // turning them into registers, and two small methods compile more reliably than one with both loops
        double total = PlainKernels.adamw(w, m, v, g, lr, beta1, beta2, eps, wd, c1, c2, from, start);
        total += wd == 0f ? adamLoop(w, m, v, g, lr, beta1, beta2, a1, a2, eps, c1, c2, start, i)
                : adamwLoop(w, m, v, g, lr, beta1, beta2, a1, a2, eps, wd, c1, c2, start, i);
        return total + PlainKernels.adamw(w, m, v, g, lr, beta1, beta2, eps, wd, c1, c2, i, to);
    }

    private static double adamLoop(float[] w, float[] m, float[] v, float[] g, float lr, float beta1, float beta2,
                                   float a1, float a2, float eps, float c1, float c2, int from, int to) {
        double total = 0;
        int i = from;
        while (i < to) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            FloatVector top = acc;
            for (; i < end; i += L) {
                FloatVector gv = FloatVector.fromArray(S, g, i);
                FloatVector mv = FloatVector.fromArray(S, m, i).mul(beta1).add(gv.mul(a1));
                FloatVector vv = FloatVector.fromArray(S, v, i).mul(beta2).add(gv.mul(gv).mul(a2));
                mv.intoArray(m, i);
                vv.intoArray(v, i);
                top = top.max(vv);
                FloatVector denom = vv.mul(c2).sqrt().add(eps).max(Float.MIN_VALUE);
                FloatVector u = mv.mul(c1).div(denom);
                FloatVector.fromArray(S, w, i).sub(u.mul(lr)).intoArray(w, i);
                acc = gv.fma(u, acc);
            }
            total += acc.reduceLanes(VectorOperators.ADD);
            // an entry of v that overflowed float (|g| ≥ 2⁶⁴) gives u = 0 there, not a non-finite ⟨g, u⟩: say so
            if (top.reduceLanes(VectorOperators.MAX) == Float.POSITIVE_INFINITY) {
                total = Double.NaN;
            }
        }
        return total;
    }

    private static double adamwLoop(float[] w, float[] m, float[] v, float[] g, float lr, float beta1, float beta2,
                                    float a1, float a2, float eps, float wd, float c1, float c2, int from, int to) {
        double total = 0;
        int i = from;
        while (i < to) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            FloatVector top = acc;
            for (; i < end; i += L) {
                FloatVector gv = FloatVector.fromArray(S, g, i);
                FloatVector mv = FloatVector.fromArray(S, m, i).mul(beta1).add(gv.mul(a1));
                FloatVector vv = FloatVector.fromArray(S, v, i).mul(beta2).add(gv.mul(gv).mul(a2));
                mv.intoArray(m, i);
                vv.intoArray(v, i);
                top = top.max(vv);
                FloatVector denom = vv.mul(c2).sqrt().add(eps).max(Float.MIN_VALUE);
                FloatVector wv = FloatVector.fromArray(S, w, i);
                FloatVector u = mv.mul(c1).div(denom).add(wv.mul(wd));
                wv.sub(u.mul(lr)).intoArray(w, i);
                acc = gv.fma(u, acc);
            }
            total += acc.reduceLanes(VectorOperators.ADD);
            // an entry of v that overflowed float (|g| ≥ 2⁶⁴) gives u = 0 there, not a non-finite ⟨g, u⟩: say so
            if (top.reduceLanes(VectorOperators.MAX) == Float.POSITIVE_INFINITY) {
                total = Double.NaN;
            }
        }
        return total;
    }

    // ---------------------------------------------------------------- the fused steps on direct buffers
    // w and g in native memory (a framework tensor's: float i at byte 4·i, native order), the state in arrays. The
    // same vector operations as the array forms above, so the same floats are written (tests pin them bit for bit);
    // the vector loop starts at the first entry of w on a 64-byte boundary of its address.

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    /** The first index i ≥ from whose float in the direct buffer {@code b} sits on a 64-byte boundary. */
    static int aligned(ByteBuffer b, int from, int to) {
        int off = b.alignmentOffset(4 * from, 64);
        return off % 4 != 0 ? from : Math.min(to, from + ((64 - off) & 63) / 4);
    }

    // Each buffer access re-reads the buffer's address and limit after a store (C2 cannot tell that a store to
    // native memory leaves them alone), so the loops below load four vectors of each input before storing any:
    // 1M-entry momentum step on AVX-512 with the data in cache, 0.25 ms one vector at a time, 0.20 ms four at a time
    // (the array kernel: 0.13 ms).

    /** w[i] −= lr·g[i]; returns Σ g[i]²: {@link #descend} with u = g. */
    public static double descend(ByteBuffer w, ByteBuffer g, float lr, int from, int to) {
        int i = aligned(w, from, to);
        double total = PlainKernels.descend(w, g, lr, from, i);
        while (to - i >= L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S), acc1 = acc;
            for (; i + 4 * L <= end; i += 4 * L) {
                int b0 = 4 * i, b1 = b0 + 4 * L, b2 = b1 + 4 * L, b3 = b2 + 4 * L;
                FloatVector g0 = FloatVector.fromByteBuffer(S, g, b0, NATIVE);
                FloatVector g1 = FloatVector.fromByteBuffer(S, g, b1, NATIVE);
                FloatVector g2 = FloatVector.fromByteBuffer(S, g, b2, NATIVE);
                FloatVector g3 = FloatVector.fromByteBuffer(S, g, b3, NATIVE);
                FloatVector w0 = FloatVector.fromByteBuffer(S, w, b0, NATIVE);
                FloatVector w1 = FloatVector.fromByteBuffer(S, w, b1, NATIVE);
                FloatVector w2 = FloatVector.fromByteBuffer(S, w, b2, NATIVE);
                FloatVector w3 = FloatVector.fromByteBuffer(S, w, b3, NATIVE);
                w0.sub(g0.mul(lr)).intoByteBuffer(w, b0, NATIVE);
                w1.sub(g1.mul(lr)).intoByteBuffer(w, b1, NATIVE);
                w2.sub(g2.mul(lr)).intoByteBuffer(w, b2, NATIVE);
                w3.sub(g3.mul(lr)).intoByteBuffer(w, b3, NATIVE);
                acc = g2.fma(g2, g0.fma(g0, acc));
                acc1 = g3.fma(g3, g1.fma(g1, acc1));
            }
            for (; i + L <= end; i += L) {
                FloatVector gv = FloatVector.fromByteBuffer(S, g, 4 * i, NATIVE);
                FloatVector.fromByteBuffer(S, w, 4 * i, NATIVE).sub(gv.mul(lr)).intoByteBuffer(w, 4 * i, NATIVE);
                acc = gv.fma(gv, acc);
            }
            total += acc.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        return total + PlainKernels.descend(w, g, lr, i, to);
    }

    /** {@link #momentumSgd(float[], float[], float[], float, float, int, int)} with w and g in buffers. */
    public static double momentumSgd(ByteBuffer w, float[] m, ByteBuffer g, float mu, float lr, int from, int to) {
        int i = aligned(w, from, to);
        double total = PlainKernels.momentumSgd(w, m, g, mu, lr, from, i);
        int end = i + (to - i) / L * L;
        total += heavyLoop(w, m, g, mu, lr, i, end);
        return total + PlainKernels.momentumSgd(w, m, g, mu, lr, end, to);
    }

    /** {@link #emaSgd(float[], float[], float[], float, float, int, int)} with w and g in buffers. */
    public static double emaSgd(ByteBuffer w, float[] m, ByteBuffer g, float beta, float lr, int from, int to) {
        int i = aligned(w, from, to);
        double total = PlainKernels.emaSgd(w, m, g, beta, lr, from, i);
        int end = i + (to - i) / L * L;
        total += emaLoop(w, m, g, beta, 1f - beta, lr, i, end);
        return total + PlainKernels.emaSgd(w, m, g, beta, lr, end, to);
    }

    /** m ← a·m + b·g; w −= lr·m; returns Σ g·m, over [from, to), a whole number of vectors. */
    private static double emaLoop(ByteBuffer w, float[] m, ByteBuffer g, float a, float b, float lr, int from, int to) {
        double total = 0;
        int i = from;
        while (i < to) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S), acc1 = acc;
            for (; i + 4 * L <= end; i += 4 * L) {
                int i1 = i + L, i2 = i1 + L, i3 = i2 + L;
                FloatVector g0 = FloatVector.fromByteBuffer(S, g, 4 * i, NATIVE);
                FloatVector g1 = FloatVector.fromByteBuffer(S, g, 4 * i1, NATIVE);
                FloatVector g2 = FloatVector.fromByteBuffer(S, g, 4 * i2, NATIVE);
                FloatVector g3 = FloatVector.fromByteBuffer(S, g, 4 * i3, NATIVE);
                FloatVector w0 = FloatVector.fromByteBuffer(S, w, 4 * i, NATIVE);
                FloatVector w1 = FloatVector.fromByteBuffer(S, w, 4 * i1, NATIVE);
                FloatVector w2 = FloatVector.fromByteBuffer(S, w, 4 * i2, NATIVE);
                FloatVector w3 = FloatVector.fromByteBuffer(S, w, 4 * i3, NATIVE);
                FloatVector m0 = FloatVector.fromArray(S, m, i).mul(a).add(g0.mul(b));
                FloatVector m1 = FloatVector.fromArray(S, m, i1).mul(a).add(g1.mul(b));
                FloatVector m2 = FloatVector.fromArray(S, m, i2).mul(a).add(g2.mul(b));
                FloatVector m3 = FloatVector.fromArray(S, m, i3).mul(a).add(g3.mul(b));
                w0.sub(m0.mul(lr)).intoByteBuffer(w, 4 * i, NATIVE);
                w1.sub(m1.mul(lr)).intoByteBuffer(w, 4 * i1, NATIVE);
                w2.sub(m2.mul(lr)).intoByteBuffer(w, 4 * i2, NATIVE);
                w3.sub(m3.mul(lr)).intoByteBuffer(w, 4 * i3, NATIVE);
                m0.intoArray(m, i);
                m1.intoArray(m, i1);
                m2.intoArray(m, i2);
                m3.intoArray(m, i3);
                acc = g2.fma(m2, g0.fma(m0, acc));
                acc1 = g3.fma(m3, g1.fma(m1, acc1));
            }
            for (; i + L <= end; i += L) {
                FloatVector gv = FloatVector.fromByteBuffer(S, g, 4 * i, NATIVE);
                FloatVector mv = FloatVector.fromArray(S, m, i).mul(a).add(gv.mul(b));
                mv.intoArray(m, i);
                FloatVector.fromByteBuffer(S, w, 4 * i, NATIVE).sub(mv.mul(lr)).intoByteBuffer(w, 4 * i, NATIVE);
                acc = gv.fma(mv, acc);
            }
            total += acc.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        return total;
    }

    /**
     * m ← a·m + g; w −= lr·m; returns Σ g·m, over [from, to), a whole number of vectors: {@link #emaLoop} without
     * the multiplication by b = 1, which cost about 5% of the heavy-ball step (1M floats, data in cache).
     */
    private static double heavyLoop(ByteBuffer w, float[] m, ByteBuffer g, float a, float lr, int from, int to) {
        double total = 0;
        int i = from;
        while (i < to) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S), acc1 = acc;
            for (; i + 4 * L <= end; i += 4 * L) {
                int i1 = i + L, i2 = i1 + L, i3 = i2 + L;
                FloatVector g0 = FloatVector.fromByteBuffer(S, g, 4 * i, NATIVE);
                FloatVector g1 = FloatVector.fromByteBuffer(S, g, 4 * i1, NATIVE);
                FloatVector g2 = FloatVector.fromByteBuffer(S, g, 4 * i2, NATIVE);
                FloatVector g3 = FloatVector.fromByteBuffer(S, g, 4 * i3, NATIVE);
                FloatVector w0 = FloatVector.fromByteBuffer(S, w, 4 * i, NATIVE);
                FloatVector w1 = FloatVector.fromByteBuffer(S, w, 4 * i1, NATIVE);
                FloatVector w2 = FloatVector.fromByteBuffer(S, w, 4 * i2, NATIVE);
                FloatVector w3 = FloatVector.fromByteBuffer(S, w, 4 * i3, NATIVE);
                FloatVector m0 = FloatVector.fromArray(S, m, i).mul(a).add(g0);
                FloatVector m1 = FloatVector.fromArray(S, m, i1).mul(a).add(g1);
                FloatVector m2 = FloatVector.fromArray(S, m, i2).mul(a).add(g2);
                FloatVector m3 = FloatVector.fromArray(S, m, i3).mul(a).add(g3);
                w0.sub(m0.mul(lr)).intoByteBuffer(w, 4 * i, NATIVE);
                w1.sub(m1.mul(lr)).intoByteBuffer(w, 4 * i1, NATIVE);
                w2.sub(m2.mul(lr)).intoByteBuffer(w, 4 * i2, NATIVE);
                w3.sub(m3.mul(lr)).intoByteBuffer(w, 4 * i3, NATIVE);
                m0.intoArray(m, i);
                m1.intoArray(m, i1);
                m2.intoArray(m, i2);
                m3.intoArray(m, i3);
                acc = g2.fma(m2, g0.fma(m0, acc));
                acc1 = g3.fma(m3, g1.fma(m1, acc1));
            }
            for (; i + L <= end; i += L) {
                FloatVector gv = FloatVector.fromByteBuffer(S, g, 4 * i, NATIVE);
                FloatVector mv = FloatVector.fromArray(S, m, i).mul(a).add(gv);
                mv.intoArray(m, i);
                FloatVector.fromByteBuffer(S, w, 4 * i, NATIVE).sub(mv.mul(lr)).intoByteBuffer(w, 4 * i, NATIVE);
                acc = gv.fma(mv, acc);
            }
            total += acc.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        return total;
    }

    /** {@link #nesterovSgd(float[], float[], float[], float, float, int, int)} with w and g in buffers. */
    public static double nesterovSgd(ByteBuffer w, float[] m, ByteBuffer g, float mu, float lr, int from, int to) {
        int i = aligned(w, from, to);
        double total = PlainKernels.nesterovSgd(w, m, g, mu, lr, from, i);
        while (to - i >= L) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S), acc1 = acc;
            for (; i + 2 * L <= end; i += 2 * L) {
                int i1 = i + L;
                FloatVector g0 = FloatVector.fromByteBuffer(S, g, 4 * i, NATIVE);
                FloatVector g1 = FloatVector.fromByteBuffer(S, g, 4 * i1, NATIVE);
                FloatVector w0 = FloatVector.fromByteBuffer(S, w, 4 * i, NATIVE);
                FloatVector w1 = FloatVector.fromByteBuffer(S, w, 4 * i1, NATIVE);
                FloatVector m0 = FloatVector.fromArray(S, m, i).mul(mu).add(g0);
                FloatVector m1 = FloatVector.fromArray(S, m, i1).mul(mu).add(g1);
                FloatVector o0 = g0.add(m0.mul(mu));
                FloatVector o1 = g1.add(m1.mul(mu));
                w0.sub(o0.mul(lr)).intoByteBuffer(w, 4 * i, NATIVE);
                w1.sub(o1.mul(lr)).intoByteBuffer(w, 4 * i1, NATIVE);
                m0.intoArray(m, i);
                m1.intoArray(m, i1);
                acc = g0.fma(o0, acc);
                acc1 = g1.fma(o1, acc1);
            }
            for (; i + L <= end; i += L) {
                FloatVector gv = FloatVector.fromByteBuffer(S, g, 4 * i, NATIVE);
                FloatVector mv = FloatVector.fromArray(S, m, i).mul(mu).add(gv);
                mv.intoArray(m, i);
                FloatVector o = gv.add(mv.mul(mu));
                FloatVector.fromByteBuffer(S, w, 4 * i, NATIVE).sub(o.mul(lr)).intoByteBuffer(w, 4 * i, NATIVE);
                acc = gv.fma(o, acc);
            }
            total += acc.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        return total + PlainKernels.nesterovSgd(w, m, g, mu, lr, i, to);
    }

    /** {@link #adamw(float[], float[], float[], float[], float, float, float, float, float, float, float, int, int)} with w and g in buffers. */
    public static double adamw(ByteBuffer w, float[] m, float[] v, ByteBuffer g, float lr, float beta1, float beta2,
                               float eps, float wd, float c1, float c2, int from, int to) {
        float a1 = 1f - beta1;
        float a2 = 1f - beta2;
        int start = aligned(w, from, to);
        int i = start + (to - start) / L * L;
        double total = PlainKernels.adamw(w, m, v, g, lr, beta1, beta2, eps, wd, c1, c2, from, start);
        total += wd == 0f ? adamLoop(w, m, v, g, lr, beta1, beta2, a1, a2, eps, c1, c2, start, i)
                : adamwLoop(w, m, v, g, lr, beta1, beta2, a1, a2, eps, wd, c1, c2, start, i);
        return total + PlainKernels.adamw(w, m, v, g, lr, beta1, beta2, eps, wd, c1, c2, i, to);
    }

    private static double adamLoop(ByteBuffer w, float[] m, float[] v, ByteBuffer g, float lr, float beta1,
                                   float beta2, float a1, float a2, float eps, float c1, float c2, int from, int to) {
        double total = 0;
        int i = from;
        while (i < to) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            FloatVector top = acc;
            for (; i < end; i += L) {
                FloatVector gv = FloatVector.fromByteBuffer(S, g, 4 * i, NATIVE);
                FloatVector mv = FloatVector.fromArray(S, m, i).mul(beta1).add(gv.mul(a1));
                FloatVector vv = FloatVector.fromArray(S, v, i).mul(beta2).add(gv.mul(gv).mul(a2));
                mv.intoArray(m, i);
                vv.intoArray(v, i);
                top = top.max(vv);
                FloatVector denom = vv.mul(c2).sqrt().add(eps).max(Float.MIN_VALUE);
                FloatVector u = mv.mul(c1).div(denom);
                FloatVector.fromByteBuffer(S, w, 4 * i, NATIVE).sub(u.mul(lr)).intoByteBuffer(w, 4 * i, NATIVE);
                acc = gv.fma(u, acc);
            }
            total += acc.reduceLanes(VectorOperators.ADD);
            if (top.reduceLanes(VectorOperators.MAX) == Float.POSITIVE_INFINITY) {
                total = Double.NaN; // as in the array form
            }
        }
        return total;
    }

    private static double adamwLoop(ByteBuffer w, float[] m, float[] v, ByteBuffer g, float lr, float beta1,
                                    float beta2, float a1, float a2, float eps, float wd, float c1, float c2,
                                    int from, int to) {
        double total = 0;
        int i = from;
        while (i < to) {
            int end = Math.min(to, i + BLOCK);
            FloatVector acc = FloatVector.zero(S);
            FloatVector top = acc;
            for (; i < end; i += L) {
                FloatVector gv = FloatVector.fromByteBuffer(S, g, 4 * i, NATIVE);
                FloatVector mv = FloatVector.fromArray(S, m, i).mul(beta1).add(gv.mul(a1));
                FloatVector vv = FloatVector.fromArray(S, v, i).mul(beta2).add(gv.mul(gv).mul(a2));
                mv.intoArray(m, i);
                vv.intoArray(v, i);
                top = top.max(vv);
                FloatVector denom = vv.mul(c2).sqrt().add(eps).max(Float.MIN_VALUE);
                FloatVector wv = FloatVector.fromByteBuffer(S, w, 4 * i, NATIVE);
                FloatVector u = mv.mul(c1).div(denom).add(wv.mul(wd));
                wv.sub(u.mul(lr)).intoByteBuffer(w, 4 * i, NATIVE);
                acc = gv.fma(u, acc);
            }
            total += acc.reduceLanes(VectorOperators.ADD);
            if (top.reduceLanes(VectorOperators.MAX) == Float.POSITIVE_INFINITY) {
                total = Double.NaN; // as in the array form
            }
        }
        return total;
    }
}
