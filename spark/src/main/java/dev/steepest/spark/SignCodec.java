package dev.steepest.spark;

/**
 * One bit per entry: sign(v) packed into longs, and the two ways a server combines workers'
 * signs (docs/STEEPEST.md §3: the ℓ∞ dualizer is sign(g), and the penalized ℓ∞ step scales it by ‖g‖₁).
 *
 * <p>Bit 1 means +1, bit 0 means −1. An entry that is exactly zero has no sign, and one bit
 * cannot say 0, so it gets a pseudo-random bit from {@code salt} and its index: zero entries
 * (weights of pixels that are blank in the whole batch, dead hidden units) then vote for no
 * direction on average instead of always pushing the same way.
 *
 * <p>A tensor of n entries with bits s and scale a = ‖v‖₁ stands for (a/n)·s, the scaled sign
 * of error-feedback sign descent: its ℓ1 norm is ‖v‖₁, so the penalized ℓ∞ step of it is the
 * penalized ℓ∞ step of v.
 */
public final class SignCodec {
    private SignCodec() {
    }

    /** The number of longs holding {@code n} bits. */
    public static int words(int n) {
        return (n + 63) >>> 6;
    }

    /** The signs of {@code v}, one bit per entry. */
    public static long[] pack(float[] v, long salt) {
        long[] bits = new long[words(v.length)];
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            boolean plus = x > 0 || (x == 0 && (mix(salt + i) & 1) == 1);
            if (plus) {
                bits[i >>> 6] |= 1L << (i & 63);
            }
        }
        return bits;
    }

    /** ±1 for entry {@code i}. */
    public static int sign(long[] bits, int i) {
        return ((bits[i >>> 6] >>> (i & 63)) & 1) == 1 ? 1 : -1;
    }

    /** ‖v‖₁. */
    public static float l1(float[] v) {
        double s = 0;
        for (float x : v) {
            s += Math.abs(x);
        }
        return (float) s;
    }

    /**
     * Majority vote: out[i] = (mean of the scales / n) · sign(Σ_k s_k[i]), 0 on a tie.
     */
    public static void majority(long[][] bits, float[] scales, float[] out) {
        int n = out.length;
        double scale = 0;
        for (float s : scales) {
            scale += s;
        }
        float a = (float) (scale / scales.length / n);
        for (int i = 0; i < n; i++) {
            int votes = 0;
            for (long[] b : bits) {
                votes += sign(b, i);
            }
            out[i] = votes > 0 ? a : votes < 0 ? -a : 0f;
        }
    }

    /** Mean of the scaled signs: out[i] = (1/K) Σ_k (scale_k / n) · s_k[i]. */
    public static void meanScaled(long[][] bits, float[] scales, float[] out) {
        int n = out.length;
        java.util.Arrays.fill(out, 0f);
        for (int k = 0; k < bits.length; k++) {
            float a = scales[k] / n / bits.length;
            for (int i = 0; i < n; i++) {
                out[i] += a * sign(bits[k], i);
            }
        }
    }

    /** A 64-bit mixer (SplittableRandom's finalizer), for the bits of zero entries. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
