package dev.steepest.core.linalg;

/**
 * Small pure functions on double arrays, written to stay exact for huge and tiny
 * magnitudes (no overflow or underflow in intermediate squares).
 */
public final class Vec {
    private Vec() {
    }

    /** max |xᵢ|. */
    public static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Σ |xᵢ|. */
    public static double sumAbs(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    /** √(Σ xᵢ²), scaled by max |xᵢ| so that no square overflows or underflows. */
    public static double norm2(double[] x) {
        double m = maxAbs(x);
        if (m == 0 || Double.isInfinite(m)) {
            return m;
        }
        double s = 0;
        for (double v : x) {
            double t = v / m;
            s += t * t;
        }
        return m * Math.sqrt(s);
    }

    /** (Σ |xᵢ|^p)^(1/p) for 1 ≤ p &lt; ∞, scaled by max |xᵢ|. */
    public static double normP(double[] x, double p) {
        double m = maxAbs(x);
        if (m == 0 || Double.isInfinite(m)) {
            return m;
        }
        double s = 0;
        for (double v : x) {
            s += Math.pow(Math.abs(v) / m, p);
        }
        return m * Math.pow(s, 1 / p);
    }

    /** Σ xᵢyᵢ. */
    public static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** sign(v) with sign(0) = 0. */
    public static double sign(double v) {
        return v > 0 ? 1 : v < 0 ? -1 : 0;
    }
}
