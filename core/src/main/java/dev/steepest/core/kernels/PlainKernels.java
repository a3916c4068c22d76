package dev.steepest.core.kernels;

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

    /** Σ|x[i]|^q over [from, to), q > 0. */
    public static double sumAbsPow(float[] x, int from, int to, double q) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += Math.pow(Math.abs(x[i]), q);
        }
        return s;
    }

    /** w[i] −= scale·sign(d[i]) over [from, to) (sign 0 at 0; a NaN in d makes w[i] NaN). */
    public static void signStep(float[] w, float[] d, float scale, int from, int to) {
        for (int i = from; i < to; i++) {
            w[i] -= scale * Math.signum(d[i]);
        }
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
}
