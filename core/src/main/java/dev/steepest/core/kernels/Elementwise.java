package dev.steepest.core.kernels;

/**
 * In-place float kernels for optimizer steps and stages: small static pure loops over {@code float[]} that never
 * allocate.
 *
 * <p>Streaming updates (SGD, momentum, Nesterov, EMA, weight decay, AdamW) are plain loops: C2 vectorizes them as
 * well as hand-written Vector API code, and they are bound by memory bandwidth anyway. Reductions and sign
 * updates go through {@link VectorKernels} when {@link Simd#ENABLED}, else through {@link PlainKernels}.
 *
 * <p>Dual-norm-scaled steps read the gradient at most twice: one reduction pass for ‖g‖_*, one update pass.
 * Every kernel validates its arguments (same lengths, finite hyper-parameters) with an
 * {@link IllegalArgumentException} naming the problem.
 */
public final class Elementwise {

    private Elementwise() {
    }

    // ---------------------------------------------------------------- reductions

    /** ‖x‖₁ = Σ|xᵢ| (accumulated in double). */
    public static double sumAbs(float[] x) {
        return sumAbs(x, 0, x.length);
    }

    /** Σ|xᵢ| over [from, to). */
    public static double sumAbs(float[] x, int from, int to) {
        checkRange(x, from, to);
        return Simd.ENABLED && to - from >= Simd.MIN_LENGTH
                ? VectorKernels.sumAbs(x, from, to) : PlainKernels.sumAbs(x, from, to);
    }

    /** ‖x‖₂² = Σxᵢ² (accumulated in double). */
    public static double sumSquares(float[] x) {
        return sumSquares(x, 0, x.length);
    }

    /** Σxᵢ² over [from, to). */
    public static double sumSquares(float[] x, int from, int to) {
        checkRange(x, from, to);
        return Simd.ENABLED && to - from >= Simd.MIN_LENGTH
                ? VectorKernels.sumSquares(x, from, to) : PlainKernels.sumSquares(x, from, to);
    }

    /** ‖x‖₂. */
    public static double norm2(float[] x) {
        return Math.sqrt(sumSquares(x));
    }

    /** ‖x‖∞ = max|xᵢ| (exact: the same on every path). */
    public static float maxAbs(float[] x) {
        return maxAbs(x, 0, x.length);
    }

    /** max|xᵢ| over [from, to). */
    public static float maxAbs(float[] x, int from, int to) {
        checkRange(x, from, to);
        return Simd.ENABLED && to - from >= Simd.MIN_LENGTH
                ? VectorKernels.maxAbs(x, from, to) : PlainKernels.maxAbs(x, from, to);
    }

    /** ‖x‖_p = (Σ|xᵢ|^p)^(1/p) for 1 ≤ p &lt; ∞ (p = ∞: use {@link #maxAbs}). */
    public static double normP(float[] x, double p) {
        if (!(p >= 1) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("p must be finite and >= 1, got " + p);
        }
        if (p == 1) {
            return sumAbs(x);
        }
        if (p == 2) {
            return norm2(x);
        }
        return Math.pow(PlainKernels.sumAbsPow(x, 0, x.length, p), 1 / p);
    }

    // ---------------------------------------------------------------- stages

    /** Decoupled weight decay: wᵢ ← factor·wᵢ, with factor = 1 − η·λ. */
    public static void scale(float[] w, float factor) {
        checkFinite("factor", factor);
        for (int i = 0; i < w.length; i++) {
            w[i] *= factor;
        }
    }

    /** Decoupled weight decay θ ← θ(1 − lr·wd). */
    public static void weightDecay(float[] w, float lr, float wd) {
        scale(w, 1f - lr * wd);
    }

    /** Heavy-ball momentum: mᵢ ← μ·mᵢ + gᵢ. */
    public static void momentum(float[] m, float[] g, float mu) {
        same(m, g);
        checkFinite("momentum", mu);
        for (int i = 0; i < m.length; i++) {
            m[i] = mu * m[i] + g[i];
        }
    }

    /**
     * Nesterov momentum: mᵢ ← μ·mᵢ + gᵢ, then the gradient buffer becomes the look-ahead direction
     * gᵢ ← gᵢ + μ·mᵢ (in place, so the step that follows reads g).
     */
    public static void nesterov(float[] m, float[] g, float mu) {
        same(m, g);
        checkFinite("momentum", mu);
        for (int i = 0; i < m.length; i++) {
            float mi = mu * m[i] + g[i];
            m[i] = mi;
            g[i] = g[i] + mu * mi;
        }
    }

    /** Exponential moving average: mᵢ ← β·mᵢ + (1 − β)·gᵢ. */
    public static void ema(float[] m, float[] g, float beta) {
        same(m, g);
        checkFinite("beta", beta);
        float a = 1f - beta;
        for (int i = 0; i < m.length; i++) {
            m[i] = beta * m[i] + a * g[i];
        }
    }

    // ---------------------------------------------------------------- steps

    /** Gradient descent (penalized ℓ2 with lr = 1/(2c)): wᵢ ← wᵢ − lr·gᵢ. */
    public static void sgd(float[] w, float[] g, float lr) {
        same(w, g);
        checkFinite("lr", lr);
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * g[i];
        }
    }

    /** Fused heavy-ball SGD: mᵢ ← μ·mᵢ + gᵢ; wᵢ ← wᵢ − lr·mᵢ (one pass). */
    public static void momentumSgd(float[] w, float[] m, float[] g, float mu, float lr) {
        same(w, g);
        same(m, g);
        checkFinite("momentum", mu);
        checkFinite("lr", lr);
        for (int i = 0; i < w.length; i++) {
            float mi = mu * m[i] + g[i];
            m[i] = mi;
            w[i] -= lr * mi;
        }
    }

    /** Fused Nesterov SGD: mᵢ ← μ·mᵢ + gᵢ; wᵢ ← wᵢ − lr·(gᵢ + μ·mᵢ) (one pass, g untouched). */
    public static void nesterovSgd(float[] w, float[] m, float[] g, float mu, float lr) {
        same(w, g);
        same(m, g);
        checkFinite("momentum", mu);
        checkFinite("lr", lr);
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            float mi = mu * m[i] + gi;
            m[i] = mi;
            w[i] -= lr * (gi + mu * mi);
        }
    }

    /** Fused EMA SGD: mᵢ ← β·mᵢ + (1 − β)·gᵢ; wᵢ ← wᵢ − lr·mᵢ (one pass). */
    public static void emaSgd(float[] w, float[] m, float[] g, float beta, float lr) {
        same(w, g);
        same(m, g);
        checkFinite("beta", beta);
        checkFinite("lr", lr);
        float a = 1f - beta;
        for (int i = 0; i < w.length; i++) {
            float mi = beta * m[i] + a * g[i];
            m[i] = mi;
            w[i] -= lr * mi;
        }
    }

    /** wᵢ ← wᵢ − scale·sign(dᵢ), sign 0 at 0 (the ℓ∞ dualizer applied with a given radius). */
    public static void signStep(float[] w, float[] d, float scale) {
        same(w, d);
        checkFinite("scale", scale);
        if (Simd.ENABLED && w.length >= Simd.MIN_LENGTH) {
            VectorKernels.signStep(w, d, scale, 0, w.length);
        } else {
            PlainKernels.signStep(w, d, scale, 0, w.length);
        }
    }

    /** outᵢ ← sign(dᵢ) (the ℓ∞ dualizer; ±0 and NaN kept as Math.signum keeps them). {@code out} may be {@code d}. */
    public static void sign(float[] d, float[] out) {
        same(d, out);
        if (Simd.ENABLED && d.length >= Simd.MIN_LENGTH) {
            VectorKernels.sign(d, out, 0, d.length);
        } else {
            PlainKernels.sign(d, out, 0, d.length);
        }
    }

    /** SignSGD, the constrained ℓ∞ step of radius lr: wᵢ ← wᵢ − lr·sign(gᵢ). */
    public static void signSgd(float[] w, float[] g, float lr) {
        signStep(w, g, lr);
    }

    /**
     * Sign descent, the penalized ℓ∞ step: wᵢ ← wᵢ − (‖g‖₁/(2c))·sign(gᵢ). Two passes over g (‖g‖₁, then the
     * update).
     *
     * @return ‖g‖₁, the dual norm
     */
    public static double signDual(float[] w, float[] g, double c) {
        same(w, g);
        checkPositive("c", c);
        double l1 = sumAbs(g);
        signStep(w, g, (float) (l1 / (2 * c)));
        return l1;
    }

    /**
     * Normalized gradient step, the constrained ℓ2 step of radius η: wᵢ ← wᵢ − η·gᵢ/‖g‖₂ (no change when g = 0).
     *
     * @return ‖g‖₂
     */
    public static double l2Constrained(float[] w, float[] g, double eta) {
        same(w, g);
        checkPositive("eta", eta);
        double n = norm2(g);
        if (n > 0) {
            float s = (float) (eta / n);
            for (int i = 0; i < w.length; i++) {
                w[i] -= s * g[i];
            }
        }
        return n;
    }

    /**
     * p-norm descent, the penalized ℓp step (1 &lt; p &lt; ∞): with q = p/(p−1) the dual exponent,
     * wᵢ ← wᵢ − (‖g‖_q^(2−q)/(2c))·sign(gᵢ)|gᵢ|^(q−1). Two passes over g. The exponents are rounded to float
     * and, on the Vector API path, powers use the Vector API's float POW: results agree with double arithmetic to
     * float precision, not bit for bit.
     *
     * @return ‖g‖_q, the dual norm
     */
    public static double lpDual(float[] w, float[] g, double p, double c) {
        same(w, g);
        if (!(p > 1) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("p must be finite and > 1 for the lp step, got " + p);
        }
        checkPositive("c", c);
        double q = p / (p - 1);
        float qf = (float) q;
        double sum = Simd.ENABLED && g.length >= Simd.MIN_LENGTH
                ? VectorKernels.sumAbsPow(g, 0, g.length, qf) : PlainKernels.sumAbsPow(g, 0, g.length, qf);
        if (!Double.isFinite(sum)) {
            throw new IllegalArgumentException("gradient has a non-finite entry (or |g|^q overflows), sum = " + sum);
        }
        double dual = Math.pow(sum, 1 / q);
        if (dual > 0) {
            float coef = (float) (Math.pow(dual, 2 - q) / (2 * c));
            float e = (float) (q - 1);
            if (Simd.ENABLED && w.length >= Simd.MIN_LENGTH) {
                VectorKernels.powStep(w, g, coef, e, 0, w.length);
            } else {
                PlainKernels.powStep(w, g, coef, e, 0, w.length);
            }
        }
        return dual;
    }

    /**
     * Fused AdamW step (Loshchilov &amp; Hutter), one pass: mᵢ ← β₁mᵢ + (1−β₁)gᵢ; vᵢ ← β₂vᵢ + (1−β₂)gᵢ²;
     * wᵢ ← wᵢ(1 − lr·wd) − lr·(mᵢ/(1−β₁ᵗ)) / (√(vᵢ/(1−β₂ᵗ)) + ε).
     *
     * @param step the 1-based step number t, for bias correction
     */
    public static void adamw(float[] w, float[] m, float[] v, float[] g,
                             float lr, float beta1, float beta2, float eps, float wd, long step) {
        same(w, g);
        same(m, g);
        same(v, g);
        checkFinite("lr", lr);
        checkFinite("beta1", beta1);
        checkFinite("beta2", beta2);
        checkFinite("wd", wd);
        if (!(eps >= 0) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1 (1-based), got " + step);
        }
        float c1 = (float) (1 / (1 - Math.pow(beta1, step)));
        float c2 = (float) (1 / (1 - Math.pow(beta2, step)));
        float a1 = 1f - beta1;
        float a2 = 1f - beta2;
        float decay = 1f - lr * wd;
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + a1 * gi;
            float vi = beta2 * v[i] + a2 * (gi * gi);
            m[i] = mi;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi * c2) + eps;
            w[i] = w[i] * decay - lr * (mi * c1) / denom;
        }
    }

    // ---------------------------------------------------------------- checks

    private static void same(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("arrays differ in length: " + a.length + " vs " + b.length);
        }
    }

    private static void checkRange(float[] x, int from, int to) {
        if (from < 0 || to > x.length || from > to) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ") for length " + x.length);
        }
    }

    private static void checkFinite(String name, float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }

    private static void checkPositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
    }
}
