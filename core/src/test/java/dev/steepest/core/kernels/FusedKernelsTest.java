package dev.steepest.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused descent kernels (stage and parameter update in one pass, with ⟨g, u⟩) against the unfused path the
 * optimizer runs otherwise (the stage kernel on the update, then {@link Elementwise#descend}): bit for bit on
 * parameters and state, the dot to rounding; and the Vector API loops against the plain ones, bit for bit.
 * Lengths cross the Vector API threshold and the reduction blocks. A failure names the kernel, length and seed.
 */
class FusedKernelsTest {

    static final int[] LENGTHS = {0, 1, 3, 8, 9, 63, 64, 65, 100, 2047, 2048, 2049, 4111, 10_007};

    static float[] random(int n, long seed, double zeroShare) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() < zeroShare ? 0f : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 3)));
        }
        return x;
    }

    static double dot(float[] g, float[] u) {
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            s += (double) g[i] * u[i];
        }
        return s;
    }

    static void assertDot(double expected, double actual, float[] g, float[] u, String what) {
        double scale = 0;
        for (int i = 0; i < g.length; i++) {
            scale += Math.abs((double) g[i] * u[i]);
        }
        assertEquals(expected, actual, 1e-5 * scale + 1e-30, what + ": ⟨g, u⟩");
    }

    @Test
    void momentumKernelsEqualStagePlusDescend() {
        for (int n : LENGTHS) {
            long seed = 31L * n + 1;
            float[] w = random(n, seed, 0), m = random(n, seed + 1, 0.1), g = random(n, seed + 2, 0.1);
            float mu = 0.9f, lr = 0.013f;
            String what = "n=" + n + " seed=" + seed;

            float[] wf = w.clone(), mf = m.clone();
            double df = Elementwise.momentumSgd(wf, mf, g, mu, lr);
            float[] wu = w.clone(), mu2 = m.clone(), u = g.clone();
            Elementwise.momentum(mu2, u, mu);
            System.arraycopy(mu2, 0, u, 0, n);
            double du = Elementwise.descend(wu, u, g, lr);
            assertArrayEquals(wu, wf, "heavy ball " + what);
            assertArrayEquals(mu2, mf, "heavy ball state " + what);
            assertDot(du, df, g, u, "heavy ball " + what);
            assertDot(dot(g, u), df, g, u, "heavy ball " + what);
            float[] wp = w.clone(), mp = m.clone();
            PlainKernels.momentumSgd(wp, mp, g, mu, lr, 0, n);
            assertArrayEquals(wp, wf, "heavy ball plain/vector " + what);

            wf = w.clone();
            mf = m.clone();
            df = Elementwise.nesterovSgd(wf, mf, g, mu, lr);
            wu = w.clone();
            mu2 = m.clone();
            u = g.clone();
            Elementwise.nesterov(mu2, u, mu);
            du = Elementwise.descend(wu, u, g, lr);
            assertArrayEquals(wu, wf, "nesterov " + what);
            assertArrayEquals(mu2, mf, "nesterov state " + what);
            assertDot(du, df, g, u, "nesterov " + what);
            wp = w.clone();
            mp = m.clone();
            PlainKernels.nesterovSgd(wp, mp, g, mu, lr, 0, n);
            assertArrayEquals(wp, wf, "nesterov plain/vector " + what);

            wf = w.clone();
            mf = m.clone();
            df = Elementwise.emaSgd(wf, mf, g, 0.95f, lr);
            wu = w.clone();
            mu2 = m.clone();
            u = g.clone();
            Elementwise.ema(mu2, u, 0.95f);
            System.arraycopy(mu2, 0, u, 0, n);
            du = Elementwise.descend(wu, u, g, lr);
            assertArrayEquals(wu, wf, "ema " + what);
            assertArrayEquals(mu2, mf, "ema state " + what);
            assertDot(du, df, g, u, "ema " + what);
            wp = w.clone();
            mp = m.clone();
            PlainKernels.emaSgd(wp, mp, g, 0.95f, lr, 0, n);
            assertArrayEquals(wp, wf, "ema plain/vector " + what);

            float[] wd = w.clone(), up = g.clone(), wd2 = w.clone();
            double dv = Elementwise.descend(wd, up, g, lr);
            double dp = PlainKernels.descend(wd2, up, g, lr, 0, n);
            assertArrayEquals(wd2, wd, "descend plain/vector " + what);
            assertDot(dp, dv, g, up, "descend " + what);
        }
    }

    @Test
    void adamwEqualsAdamThenDecayThenDescend() {
        for (float wdecay : new float[] {0f, 0.01f, 0.3f}) {
            for (float eps : new float[] {1e-8f, 0f}) {
                for (int n : LENGTHS) {
                    long seed = 7L * n + (long) (wdecay * 100) + (eps == 0 ? 1000 : 0);
                    String what = "wd=" + wdecay + " eps=" + eps + " n=" + n + " seed=" + seed;
                    float[] w = random(n, seed, 0);
                    float[] mf = new float[n], vf = new float[n], wf = w.clone();
                    float[] mu = new float[n], vu = new float[n], wu = w.clone();
                    float[] mp = new float[n], vp = new float[n], wp = w.clone();
                    for (long t = 1; t <= 3; t++) {
                        float[] g = random(n, seed * 10 + t, t == 1 ? 1.0 : 0.2); // first step: all zero
                        double df = Elementwise.adamw(wf, mf, vf, g, 1e-3f, 0.9f, 0.999f, eps, wdecay, t);
                        float[] u = g.clone();
                        Elementwise.adam(mu, vu, u, 0.9f, 0.999f, eps, t);
                        if (wdecay != 0) {
                            Elementwise.addScaled(u, wu, wdecay);
                        }
                        double du = Elementwise.descend(wu, u, g, 1e-3f);
                        assertArrayEquals(wu, wf, "adamw " + what + " t=" + t);
                        assertArrayEquals(mu, mf, "adamw m " + what + " t=" + t);
                        assertArrayEquals(vu, vf, "adamw v " + what + " t=" + t);
                        assertDot(du, df, g, u, "adamw " + what + " t=" + t);
                        PlainKernels.adamw(wp, mp, vp, g, 1e-3f, 0.9f, 0.999f, eps, wdecay,
                                Elementwise.biasCorrection(0.9f, t), Elementwise.biasCorrection(0.999f, t), 0, n);
                        assertArrayEquals(wp, wf, "adamw plain/vector " + what + " t=" + t);
                        for (float x : wf) {
                            assertTrue(Float.isFinite(x), "adamw finite with a zero gradient " + what);
                        }
                    }
                }
            }
        }
    }
}
