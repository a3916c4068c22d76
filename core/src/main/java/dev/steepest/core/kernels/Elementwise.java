package dev.steepest.core.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * In-place float kernels for optimizer steps and stages: small static pure loops over {@code float[]} that never
 * allocate.
 *
 * <p>The stage kernels (momentum, Nesterov, EMA, Adam's direction, weight decay) are plain loops: C2 vectorizes
 * them, and they are bound by memory bandwidth anyway. Reductions, sign and power steps, and the fused descent
 * steps (a stage and θ ← θ − lr·u in one pass, returning ⟨g, u⟩ for the step's report) go through
 * {@link VectorKernels} when {@link Simd#ENABLED}, else through {@link PlainKernels}; the two write the same
 * floats, and only sums differ by rounding.
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
        if (Simd.ENABLED && to - from >= Simd.MIN_LENGTH) {
            double s = VectorKernels.sumAbs(x, from, to);
            // float lanes overflow only for sums beyond 3.4e38: then the double sum decides
            return Double.isInfinite(s) ? PlainKernels.sumAbs(x, from, to) : s;
        }
        return PlainKernels.sumAbs(x, from, to);
    }

    /** ‖x‖₂² = Σxᵢ² (accumulated in double). */
    public static double sumSquares(float[] x) {
        return sumSquares(x, 0, x.length);
    }

    /** Σxᵢ² over [from, to). */
    public static double sumSquares(float[] x, int from, int to) {
        checkRange(x, from, to);
        if (Simd.ENABLED && to - from >= Simd.MIN_LENGTH) {
            double s = VectorKernels.sumSquares(x, from, to);
            // squares in float lanes overflow above |x| ≈ 1.8e19 and lose tiny entries below ≈ 1e-19: outside
            // [1e-30, 1e30] the double sum (exact squares of floats) decides
            return s >= 1e-30 && s <= 1e30 ? s : PlainKernels.sumSquares(x, from, to);
        }
        return PlainKernels.sumSquares(x, from, to);
    }

    /** ‖x‖₂. */
    public static double norm2(float[] x) {
        return Math.sqrt(sumSquares(x));
    }

    /** ‖x‖∞ = max|xᵢ| (exact: the same on every path). */
    public static float maxAbs(float[] x) {
        return maxAbs(x, 0, x.length);
    }

    /** ⟨a, b⟩ = Σ aᵢbᵢ, summed in double (float lanes within short blocks on the Vector API path, as {@link #sumSquares}). */
    public static double dot(float[] a, float[] b) {
        same(a, b);
        if (Simd.ENABLED && a.length >= Simd.MIN_LENGTH) {
            double d = VectorKernels.dot(a, b, 0, a.length);
            if (Double.isFinite(d)) {
                return d;
            }
            // a float lane overflowed (or the inputs are not finite): the plain loop sums in double throughout
        }
        return PlainKernels.dot(a, b, 0, a.length);
    }

    /** max|xᵢ| over [from, to). */
    public static float maxAbs(float[] x, int from, int to) {
        checkRange(x, from, to);
        return Simd.ENABLED && to - from >= Simd.MIN_LENGTH
                ? VectorKernels.maxAbs(x, from, to) : PlainKernels.maxAbs(x, from, to);
    }

    /**
     * dst ← src, returning max|srcᵢ| (NaN when an entry is NaN): a gradient copied and checked in the same pass, so
     * that a step that copies it anyway learns of a NaN, ±∞ or too large entry before it writes anything else.
     */
    public static float copyMaxAbs(float[] src, float[] dst) {
        same(src, dst);
        return Simd.ENABLED && src.length >= Simd.MIN_LENGTH
                ? VectorKernels.copyMaxAbs(src, dst, 0, src.length) : PlainKernels.copyMaxAbs(src, dst, 0, src.length);
    }

    // ---------------------------------------------------------------- stages (in place on the update u)

    /**
     * xᵢ ← s·xᵢ. In float when s is a normal float (the usual case); otherwise, where rounding s to float would
     * overflow or lose precision (dividing a tiny or huge vector by its norm), in double, rounded once per entry.
     */
    public static void scale(float[] x, double s) {
        if (!Double.isFinite(s)) {
            throw new IllegalArgumentException("scale must be finite, got " + s);
        }
        float f = (float) s;
        if (s == 0 || Math.abs(f) >= Float.MIN_NORMAL && !Float.isInfinite(f)) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= f;
            }
        } else {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (x[i] * s);
            }
        }
    }

    /** uᵢ ← uᵢ + a·xᵢ (decoupled weight decay adds λθ to the update this way). */
    public static void addScaled(float[] u, float[] x, float a) {
        same(u, x);
        checkFinite("a", a);
        for (int i = 0; i < u.length; i++) {
            u[i] = u[i] + a * x[i];
        }
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

    /**
     * Nesterov on an exponential moving average (torch.optim.Muon's form): mᵢ ← β·mᵢ + (1 − β)·gᵢ, then the
     * gradient buffer becomes gᵢ ← (1 − β)·gᵢ + β·mᵢ (in place).
     */
    public static void emaNesterov(float[] m, float[] g, float beta) {
        same(m, g);
        checkFinite("beta", beta);
        float a = 1f - beta;
        for (int i = 0; i < m.length; i++) {
            float gi = g[i];
            float mi = beta * m[i] + a * gi;
            m[i] = mi;
            g[i] = a * gi + beta * mi;
        }
    }

    /**
     * Adam's direction, in place on u (the gradient coming in): mᵢ ← β₁mᵢ + (1−β₁)uᵢ; vᵢ ← β₂vᵢ + (1−β₂)uᵢ²;
     * uᵢ ← (mᵢ·c₁)/max(√(vᵢ·c₂) + ε, MIN_VALUE) with c₁ = 1/(1−β₁ᵗ), c₂ = 1/(1−β₂ᵗ) rounded to float (the floor
     * keeps 0/0 at 0 when ε = 0). Exactly the arithmetic of {@link #adamw} before its last two operations.
     *
     * @param step the 1-based step number t, for bias correction
     */
    public static void adam(float[] m, float[] v, float[] u, float beta1, float beta2, float eps, long step) {
        same(m, u);
        same(v, u);
        checkAdam(beta1, beta2, eps, step);
        float c1 = biasCorrection(beta1, step);
        float c2 = biasCorrection(beta2, step);
        float a1 = 1f - beta1;
        float a2 = 1f - beta2;
        for (int i = 0; i < u.length; i++) {
            float gi = u[i];
            float mi = beta1 * m[i] + a1 * gi;
            float vi = beta2 * v[i] + a2 * (gi * gi);
            m[i] = mi;
            v[i] = vi;
            float denom = Math.max((float) Math.sqrt(vi * c2) + eps, Float.MIN_VALUE);
            u[i] = (mi * c1) / denom;
        }
    }

    /** 1/(1 − βᵗ) rounded to float: Adam's bias correction at step t. */
    public static float biasCorrection(float beta, long step) {
        return (float) (1 / (1 - Math.pow(beta, step)));
    }

    // ---------------------------------------------------------------- steps on the parameters w
    // The fused steps below write exactly what their stage kernels followed by descend write (same float
    // operations per entry), and return ⟨g, u⟩ of the update u they applied, for the step's report.

    /** Gradient descent (penalized ℓ2 with lr = 1/(2c)): wᵢ ← wᵢ − lr·gᵢ. */
    public static void sgd(float[] w, float[] g, float lr) {
        same(w, g);
        checkFinite("lr", lr);
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * g[i];
        }
    }

    /** wᵢ ← wᵢ − lr·uᵢ, returning ⟨g, u⟩ (summed in double; g is only read). */
    public static double descend(float[] w, float[] u, float[] g, float lr) {
        same(w, u);
        same(w, g);
        checkFinite("lr", lr);
        return Simd.ENABLED && w.length >= Simd.MIN_LENGTH
                ? VectorKernels.descend(w, u, g, lr, 0, w.length) : PlainKernels.descend(w, u, g, lr, 0, w.length);
    }

    /** Fused heavy-ball SGD: mᵢ ← μ·mᵢ + gᵢ; wᵢ ← wᵢ − lr·mᵢ (one pass); returns ⟨g, m⟩. */
    public static double momentumSgd(float[] w, float[] m, float[] g, float mu, float lr) {
        same(w, g);
        same(m, g);
        checkFinite("momentum", mu);
        checkFinite("lr", lr);
        return Simd.ENABLED && w.length >= Simd.MIN_LENGTH
                ? VectorKernels.momentumSgd(w, m, g, mu, lr, 0, w.length)
                : PlainKernels.momentumSgd(w, m, g, mu, lr, 0, w.length);
    }

    /** Fused Nesterov SGD: mᵢ ← μ·mᵢ + gᵢ; wᵢ ← wᵢ − lr·(gᵢ + μ·mᵢ) (one pass, g untouched); returns ⟨g, g + μm⟩. */
    public static double nesterovSgd(float[] w, float[] m, float[] g, float mu, float lr) {
        same(w, g);
        same(m, g);
        checkFinite("momentum", mu);
        checkFinite("lr", lr);
        return Simd.ENABLED && w.length >= Simd.MIN_LENGTH
                ? VectorKernels.nesterovSgd(w, m, g, mu, lr, 0, w.length)
                : PlainKernels.nesterovSgd(w, m, g, mu, lr, 0, w.length);
    }

    /** Fused EMA SGD: mᵢ ← β·mᵢ + (1 − β)·gᵢ; wᵢ ← wᵢ − lr·mᵢ (one pass); returns ⟨g, m⟩. */
    public static double emaSgd(float[] w, float[] m, float[] g, float beta, float lr) {
        same(w, g);
        same(m, g);
        checkFinite("beta", beta);
        checkFinite("lr", lr);
        return Simd.ENABLED && w.length >= Simd.MIN_LENGTH
                ? VectorKernels.emaSgd(w, m, g, beta, lr, 0, w.length)
                : PlainKernels.emaSgd(w, m, g, beta, lr, 0, w.length);
    }

    /**
     * wᵢ ← wᵢ − scale·sign(dᵢ), sign 0 at 0 (the ℓ∞ dualizer applied with a given radius), returning
     * ‖d‖₁ = ⟨d, sign(d)⟩ from the same pass (summed in double, as {@link #sumAbs}).
     */
    public static double signStep(float[] w, float[] d, float scale) {
        same(w, d);
        checkFinite("scale", scale);
        if (Simd.ENABLED && w.length >= Simd.MIN_LENGTH) {
            double s = VectorKernels.signStep(w, d, scale, 0, w.length);
            return Double.isInfinite(s) ? PlainKernels.sumAbs(d, 0, d.length) : s;
        }
        return PlainKernels.signStep(w, d, scale, 0, w.length);
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
            double sd = eta / n;
            float s = (float) sd;
            if (Math.abs(s) >= Float.MIN_NORMAL && !Float.isInfinite(s)) {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= s * g[i];
                }
            } else {
                // η/‖g‖₂ outside the normal float range (a tiny or huge gradient): in double, entry by entry
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (w[i] - sd * g[i]);
                }
            }
        }
        return n;
    }

    /**
     * Σ|xᵢ|^q (q &gt; 0), summed in double. On the Vector API path the powers are float polynomials (relative error
     * about 10⁻⁷; exact square roots and products for q ∈ {0.5, 1, 1.5, 2}).
     */
    public static double sumAbsPow(float[] x, double q) {
        if (!(q > 0) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("q must be finite and > 0, got " + q);
        }
        return Simd.ENABLED && x.length >= Simd.MIN_LENGTH
                ? VectorKernels.sumAbsPow(x, 0, x.length, (float) q) : PlainKernels.sumAbsPow(x, 0, x.length, q);
    }

    /**
     * wᵢ ← wᵢ − coef·sign(dᵢ)·|dᵢ|^e (e &gt; 0): the ℓp step, with powers as in {@link #sumAbsPow} on the Vector API
     * path and in double on the plain one (agreeing to float precision, not bit for bit).
     */
    public static void powStep(float[] w, float[] d, float coef, float e) {
        same(w, d);
        checkFinite("coef", coef);
        if (!(e > 0) || Float.isInfinite(e)) {
            throw new IllegalArgumentException("e must be finite and > 0, got " + e);
        }
        if (Simd.ENABLED && w.length >= Simd.MIN_LENGTH) {
            VectorKernels.powStep(w, d, coef, e, 0, w.length);
        } else {
            PlainKernels.powStep(w, d, coef, e, 0, w.length);
        }
    }

    /** xᵢ ← coef·sign(xᵢ)·|xᵢ|^e in place (e &gt; 0), each power in double and rounded once to float. */
    public static void signPow(float[] x, double e, double coef) {
        if (!(e > 0) || Double.isInfinite(e) || !Double.isFinite(coef)) {
            throw new IllegalArgumentException("need e > 0 and finite coef, got e = " + e + ", coef = " + coef);
        }
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            x[i] = (float) (coef * Math.signum(v) * Math.pow(Math.abs(v), e));
        }
    }

    /**
     * Fused AdamW step (Loshchilov &amp; Hutter), one pass: {@link #adam}'s direction oᵢ, then
     * uᵢ = oᵢ + wd·wᵢ and wᵢ ← wᵢ − lr·uᵢ, exactly {@link #adam}, {@link #addScaled} and {@link #descend} in turn.
     *
     * @param step the 1-based step number t, for bias correction
     * @return ⟨g, u⟩; NaN when an entry of v overflowed float (|gᵢ| ≥ 2⁶⁴), whose update is then 0
     */
    public static double adamw(float[] w, float[] m, float[] v, float[] g,
                                float lr, float beta1, float beta2, float eps, float wd, long step) {
        same(w, g);
        same(m, g);
        same(v, g);
        checkFinite("lr", lr);
        checkFinite("wd", wd);
        checkAdam(beta1, beta2, eps, step);
        float c1 = biasCorrection(beta1, step);
        float c2 = biasCorrection(beta2, step);
        return Simd.ENABLED && w.length >= Simd.MIN_LENGTH
                ? VectorKernels.adamw(w, m, v, g, lr, beta1, beta2, eps, wd, c1, c2, 0, w.length)
                : PlainKernels.adamw(w, m, v, g, lr, beta1, beta2, eps, wd, c1, c2, 0, w.length);
    }

    // ---------------------------------------------------------------- the fused steps on direct buffers
    // For parameters that live in native memory (a framework tensor's): w and g are direct buffers holding the
    // parameter's floats at bytes [0, 4n) in native byte order, read and written in place, so an adapter need not
    // copy them into arrays and back; the state stays in arrays. Each writes exactly the floats its array form
    // writes (tests pin them bit for bit); ⟨g, u⟩ may differ by rounding.

    /** Gradient descent on buffers: wᵢ ← wᵢ − lr·gᵢ, returning ⟨g, g⟩ — {@link #descend descend(w, g, g, lr)}. */
    public static double descend(ByteBuffer w, ByteBuffer g, float lr) {
        int n = floats(w, true);
        same(n, floats(g, false));
        checkFinite("lr", lr);
        return Simd.ENABLED && n >= Simd.MIN_LENGTH
                ? VectorKernels.descend(w, g, lr, 0, n) : PlainKernels.descend(w, g, lr, 0, n);
    }

    /** {@link #momentumSgd(float[], float[], float[], float, float)} with w and g in buffers. */
    public static double momentumSgd(ByteBuffer w, float[] m, ByteBuffer g, float mu, float lr) {
        int n = checkMomentumStep(w, m, g, "momentum", mu, lr);
        return Simd.ENABLED && n >= Simd.MIN_LENGTH
                ? VectorKernels.momentumSgd(w, m, g, mu, lr, 0, n) : PlainKernels.momentumSgd(w, m, g, mu, lr, 0, n);
    }

    /** {@link #nesterovSgd(float[], float[], float[], float, float)} with w and g in buffers. */
    public static double nesterovSgd(ByteBuffer w, float[] m, ByteBuffer g, float mu, float lr) {
        int n = checkMomentumStep(w, m, g, "momentum", mu, lr);
        return Simd.ENABLED && n >= Simd.MIN_LENGTH
                ? VectorKernels.nesterovSgd(w, m, g, mu, lr, 0, n) : PlainKernels.nesterovSgd(w, m, g, mu, lr, 0, n);
    }

    /** {@link #emaSgd(float[], float[], float[], float, float)} with w and g in buffers. */
    public static double emaSgd(ByteBuffer w, float[] m, ByteBuffer g, float beta, float lr) {
        int n = checkMomentumStep(w, m, g, "beta", beta, lr);
        return Simd.ENABLED && n >= Simd.MIN_LENGTH
                ? VectorKernels.emaSgd(w, m, g, beta, lr, 0, n) : PlainKernels.emaSgd(w, m, g, beta, lr, 0, n);
    }

    /** {@link #adamw(float[], float[], float[], float[], float, float, float, float, float, long)} with w and g in buffers. */
    public static double adamw(ByteBuffer w, float[] m, float[] v, ByteBuffer g,
                               float lr, float beta1, float beta2, float eps, float wd, long step) {
        int n = floats(w, true);
        same(n, floats(g, false));
        same(n, m.length);
        same(n, v.length);
        checkFinite("lr", lr);
        checkFinite("wd", wd);
        checkAdam(beta1, beta2, eps, step);
        float c1 = biasCorrection(beta1, step);
        float c2 = biasCorrection(beta2, step);
        return Simd.ENABLED && n >= Simd.MIN_LENGTH
                ? VectorKernels.adamw(w, m, v, g, lr, beta1, beta2, eps, wd, c1, c2, 0, n)
                : PlainKernels.adamw(w, m, v, g, lr, beta1, beta2, eps, wd, c1, c2, 0, n);
    }

    /** The checks of a momentum step on buffers: w writable, g and m of its length, finite hyper-parameters; returns n. */
    private static int checkMomentumStep(ByteBuffer w, float[] m, ByteBuffer g, String name, float coefficient, float lr) {
        int n = floats(w, true);
        same(n, floats(g, false));
        same(n, m.length);
        checkFinite(name, coefficient);
        checkFinite("lr", lr);
        return n;
    }

    /**
     * The number of floats in {@code b} (its limit / 4), after checking it is a direct buffer in native byte order
     * (and writable when {@code write}): the layout a framework's tensor memory has.
     */
    public static int floats(ByteBuffer b, boolean write) {
        if (b == null || !b.isDirect()) {
            throw new IllegalArgumentException("need a direct buffer (native memory), got " + b);
        }
        if (b.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("buffer is in " + b.order() + " byte order; floats in native memory are "
                    + ByteOrder.nativeOrder());
        }
        if (write && b.isReadOnly()) {
            throw new IllegalArgumentException("the parameter's buffer is read-only");
        }
        if (b.limit() % 4 != 0) {
            throw new IllegalArgumentException("buffer limit " + b.limit() + " is not a whole number of floats");
        }
        return b.limit() / 4;
    }

    private static void checkAdam(float beta1, float beta2, float eps, long step) {
        checkFinite("beta1", beta1);
        checkFinite("beta2", beta2);
        if (!(eps >= 0) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1 (1-based), got " + step);
        }
    }

    // ---------------------------------------------------------------- checks

    private static void same(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("lengths differ: " + a + " vs " + b + " floats");
        }
    }

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
