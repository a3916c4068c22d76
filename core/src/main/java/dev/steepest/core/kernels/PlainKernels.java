package dev.steepest.core.kernels;

import java.nio.ByteBuffer;

/**
 * Plain-loop versions of the kernels where a Vector API version exists: reductions and sign updates.
 *
 * <p>They are the fallback when {@code jdk.incubator.vector} is absent and the baseline the Vector API path is
 * measured against. Reductions accumulate in double with four independent accumulators (one sequential chain
 * would be latency bound); the result differs from a strictly sequential sum only by rounding.
 */
public final class PlainKernels {

    private PlainKernels() {
    }

    /** Σ|x[i]| over [from, to). */
    public static double sumAbs(float[] x, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += Math.abs(x[i]);
            s1 += Math.abs(x[i + 1]);
            s2 += Math.abs(x[i + 2]);
            s3 += Math.abs(x[i + 3]);
        }
        for (; i < to; i++) {
            s0 += Math.abs(x[i]);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σx[i]² over [from, to). */
    public static double sumSquares(float[] x, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            double a = x[i], b = x[i + 1], c = x[i + 2], d = x[i + 3];
            s0 += a * a;
            s1 += b * b;
            s2 += c * c;
            s3 += d * d;
        }
        for (; i < to; i++) {
            double a = x[i];
            s0 += a * a;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** max|x[i]| over [from, to) (0 for an empty range; NaN if any element is NaN). */
    public static float maxAbs(float[] x, int from, int to) {
        float m = 0f;
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
    }

    /** Σ a[i]·b[i] over [from, to), in double. */
    public static double dot(float[] a, float[] b, int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            total += (double) a[i] * b[i];
        }
        return total;
    }

    /** dst[i] = src[i] over [from, to); returns max|src[i]| (NaN if one is NaN). */
    public static float copyMaxAbs(float[] src, float[] dst, int from, int to) {
        float m = 0f;
        for (int i = from; i < to; i++) {
            float x = src[i];
            dst[i] = x;
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** Σ|x[i]|^q over [from, to), q > 0. */
    public static double sumAbsPow(float[] x, int from, int to, double q) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += Math.pow(Math.abs(x[i]), q);
        }
        return s;
    }

    /** w[i] −= scale·sign(d[i]) over [from, to) (sign 0 at 0; a NaN in d makes w[i] NaN); returns Σ|d[i]|. */
    public static double signStep(float[] w, float[] d, float scale, int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            float di = d[i];
            w[i] -= scale * Math.signum(di);
            total += Math.abs(di);
        }
        return total;
    }

    /** w[i] −= coef·sign(g[i])·|g[i]|^e over [from, to), e > 0 (pow in double, rounded once to float). */
    public static void powStep(float[] w, float[] g, float coef, float e, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mag = coef * (float) Math.pow(Math.abs(gi), e);
            w[i] -= gi < 0 ? -mag : mag;
        }
    }

    /** out[i] = Math.signum(d[i]) over [from, to). */
    public static void sign(float[] d, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Math.signum(d[i]);
        }
    }

    /** w[i] −= lr·u[i]; returns Σ g[i]·u[i]. */
    public static double descend(float[] w, float[] u, float[] g, float lr, int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            float ui = u[i];
            w[i] = w[i] - lr * ui;
            total += (double) g[i] * ui;
        }
        return total;
    }

    /** m[i] ← mu·m[i] + g[i]; w[i] −= lr·m[i]; returns Σ g[i]·m[i]. */
    public static double momentumSgd(float[] w, float[] m, float[] g, float mu, float lr, int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = mu * m[i] + gi;
            m[i] = mi;
            w[i] = w[i] - lr * mi;
            total += (double) gi * mi;
        }
        return total;
    }

    /** m[i] ← mu·m[i] + g[i]; o = g[i] + mu·m[i]; w[i] −= lr·o; returns Σ g[i]·o. */
    public static double nesterovSgd(float[] w, float[] m, float[] g, float mu, float lr, int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = mu * m[i] + gi;
            m[i] = mi;
            float o = gi + mu * mi;
            w[i] = w[i] - lr * o;
            total += (double) gi * o;
        }
        return total;
    }

    /** m[i] ← beta·m[i] + (1 − beta)·g[i]; w[i] −= lr·m[i]; returns Σ g[i]·m[i]. */
    public static double emaSgd(float[] w, float[] m, float[] g, float beta, float lr, int from, int to) {
        float a = 1f - beta;
        double total = 0;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = beta * m[i] + a * gi;
            m[i] = mi;
            w[i] = w[i] - lr * mi;
            total += (double) gi * mi;
        }
        return total;
    }

    /**
     * AdamW, one pass: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; o = (m·c1)/max(√(v·c2) + eps, MIN_VALUE);
     * u = o + wd·w; w −= lr·u. Returns Σ g[i]·u[i].
     */
    public static double adamw(float[] w, float[] m, float[] v, float[] g, float lr, float beta1, float beta2,
                               float eps, float wd, float c1, float c2, int from, int to) {
        float a1 = 1f - beta1;
        float a2 = 1f - beta2;
        double total = 0;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + a1 * gi;
            float vi = beta2 * v[i] + a2 * (gi * gi);
            m[i] = mi;
            v[i] = vi;
            float denom = Math.max((float) Math.sqrt(vi * c2) + eps, Float.MIN_VALUE);
            float wi = w[i];
            float o = (mi * c1) / denom;
            float u = wd == 0f ? o : o + wd * wi;
            w[i] = wi - lr * u;
            total += (double) gi * u;
            if (vi == Float.POSITIVE_INFINITY) {
                total = Double.NaN; // |g| ≥ 2⁶⁴: v overflowed and u is 0 here; the caller must not go on
            }
        }
        return total;
    }

    // ---------------------------------------------------------------- the same steps on direct buffers
    // w and g in native memory (a framework tensor's), float i at byte 4·i in native order; the state in arrays.
    // Each writes the same floats as its array form above, entry by entry (tests pin them bit for bit).

    /** w[i] −= lr·g[i]; returns Σ g[i]². */
    public static double descend(ByteBuffer w, ByteBuffer g, float lr, int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            float gi = g.getFloat(4 * i);
            w.putFloat(4 * i, w.getFloat(4 * i) - lr * gi);
            total += (double) gi * gi;
        }
        return total;
    }

    /** m[i] ← mu·m[i] + g[i]; w[i] −= lr·m[i]; returns Σ g[i]·m[i]. */
    public static double momentumSgd(ByteBuffer w, float[] m, ByteBuffer g, float mu, float lr,
                                     int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            float gi = g.getFloat(4 * i);
            float mi = mu * m[i] + gi;
            m[i] = mi;
            w.putFloat(4 * i, w.getFloat(4 * i) - lr * mi);
            total += (double) gi * mi;
        }
        return total;
    }

    /** m[i] ← mu·m[i] + g[i]; o = g[i] + mu·m[i]; w[i] −= lr·o; returns Σ g[i]·o. */
    public static double nesterovSgd(ByteBuffer w, float[] m, ByteBuffer g, float mu, float lr,
                                     int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            float gi = g.getFloat(4 * i);
            float mi = mu * m[i] + gi;
            m[i] = mi;
            float o = gi + mu * mi;
            w.putFloat(4 * i, w.getFloat(4 * i) - lr * o);
            total += (double) gi * o;
        }
        return total;
    }

    /** m[i] ← beta·m[i] + (1 − beta)·g[i]; w[i] −= lr·m[i]; returns Σ g[i]·m[i]. */
    public static double emaSgd(ByteBuffer w, float[] m, ByteBuffer g, float beta, float lr,
                                int from, int to) {
        float a = 1f - beta;
        double total = 0;
        for (int i = from; i < to; i++) {
            float gi = g.getFloat(4 * i);
            float mi = beta * m[i] + a * gi;
            m[i] = mi;
            w.putFloat(4 * i, w.getFloat(4 * i) - lr * mi);
            total += (double) gi * mi;
        }
        return total;
    }

    /** {@link #adamw(float[], float[], float[], float[], float, float, float, float, float, float, float, int, int)} with w and g in buffers. */
    public static double adamw(ByteBuffer w, float[] m, float[] v, ByteBuffer g, float lr,
                               float beta1, float beta2, float eps, float wd, float c1, float c2, int from, int to) {
        float a1 = 1f - beta1;
        float a2 = 1f - beta2;
        double total = 0;
        for (int i = from; i < to; i++) {
            float gi = g.getFloat(4 * i);
            float mi = beta1 * m[i] + a1 * gi;
            float vi = beta2 * v[i] + a2 * (gi * gi);
            m[i] = mi;
            v[i] = vi;
            float denom = Math.max((float) Math.sqrt(vi * c2) + eps, Float.MIN_VALUE);
            float wi = w.getFloat(4 * i);
            float o = (mi * c1) / denom;
            float u = wd == 0f ? o : o + wd * wi;
            w.putFloat(4 * i, wi - lr * u);
            total += (double) gi * u;
            if (vi == Float.POSITIVE_INFINITY) {
                total = Double.NaN; // as in the array form
            }
        }
        return total;
    }
}
