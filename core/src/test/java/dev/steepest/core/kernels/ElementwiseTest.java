package dev.steepest.core.kernels;

import dev.steepest.testing.Gen;
import dev.steepest.testing.Property;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kernel against a plain one-element-at-a-time reference written here: bit for bit where the order of
 * operations is the same, to a tight relative tolerance for reordered sums. Lengths cover empty, odd, below one
 * vector, around the Vector API threshold and across reduction blocks.
 */
class ElementwiseTest {

    static final int[] LENGTHS = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 127, 1000, 2047, 2048, 2049,
            4097, 10_007};

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            // mixed magnitudes, some exact zeros
            x[i] = r.nextInt(10) == 0 ? 0f : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 3)));
        }
        return x;
    }

    static double refSumAbs(float[] x) {
        double s = 0;
        for (float v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    static double refSumSquares(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return s;
    }

    static void assertClose(double expected, double actual, double rel) {
        double tol = rel * Math.abs(expected) + 1e-30;
        assertTrue(Math.abs(expected - actual) <= tol,
                () -> "expected " + expected + " got " + actual + " (rel diff " + Math.abs(expected - actual) / Math.abs(expected) + ")");
    }

    @Test
    void vectorPathIsActiveInTests() {
        // surefire runs with --add-modules jdk.incubator.vector, so the Vector API kernels are what is tested
        // (unless the run deliberately forces the plain path with -Dsteepest.kernels.vector=false)
        org.junit.jupiter.api.Assumptions.assumeFalse("false".equals(System.getProperty("steepest.kernels.vector")));
        assertTrue(Simd.ENABLED, Simd.describe());
    }

    @Test
    void reductionsMatchReferenceOnEveryPath() {
        for (int n : LENGTHS) {
            float[] x = random(n, n);
            double l1 = refSumAbs(x);
            double l2 = refSumSquares(x);
            float inf = 0f;
            for (float v : x) {
                inf = Math.max(inf, Math.abs(v));
            }
            assertClose(l1, PlainKernels.sumAbs(x, 0, n), 1e-12);
            assertClose(l1, VectorKernels.sumAbs(x, 0, n), 1e-5);
            assertClose(l1, Elementwise.sumAbs(x), 1e-5);
            assertClose(l2, PlainKernels.sumSquares(x, 0, n), 1e-12);
            assertClose(l2, VectorKernels.sumSquares(x, 0, n), 1e-5);
            assertClose(Math.sqrt(l2), Elementwise.norm2(x), 1e-5);
            assertEquals(inf, PlainKernels.maxAbs(x, 0, n));
            assertEquals(inf, VectorKernels.maxAbs(x, 0, n));
            assertEquals(inf, Elementwise.maxAbs(x));
        }
    }

    @Test
    void reductionsOnSubranges() {
        float[] x = random(5000, 3);
        float[] part = java.util.Arrays.copyOfRange(x, 17, 4111);
        assertClose(refSumAbs(part), Elementwise.sumAbs(x, 17, 4111), 1e-5);
        assertClose(refSumSquares(part), Elementwise.sumSquares(x, 17, 4111), 1e-5);
        assertEquals(Elementwise.maxAbs(part), Elementwise.maxAbs(x, 17, 4111));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.sumAbs(x, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.maxAbs(x, 0, 5001));
    }

    @Test
    void maxAbsPropagatesNaN() {
        float[] x = random(100, 5);
        x[77] = Float.NaN;
        assertTrue(Float.isNaN(Elementwise.maxAbs(x)));
        assertTrue(Float.isNaN(PlainKernels.maxAbs(x, 0, 100)));
    }

    @Test
    void signStepVectorIsBitExactWithPlain() {
        for (int n : LENGTHS) {
            float[] d = random(n, 100 + n);
            if (n > 5) {
                d[3] = Float.NaN;
                d[4] = -0f;
            }
            float[] w1 = random(n, 200 + n);
            float[] w2 = w1.clone();
            float[] w3 = w1.clone();
            PlainKernels.signStep(w1, d, 0.37f, 0, n);
            VectorKernels.signStep(w2, d, 0.37f, 0, n);
            Elementwise.signStep(w3, d, 0.37f);
            assertArrayEquals(w1, w2, "n=" + n);
            assertArrayEquals(w1, w3, "n=" + n);
        }
    }

    @Test
    void signIsBitExactWithMathSignum() {
        for (int n : LENGTHS) {
            float[] d = random(n, 500 + n);
            if (n > 5) {
                d[1] = Float.NaN;
                d[2] = -0f;
                d[3] = Float.NEGATIVE_INFINITY;
            }
            float[] want = new float[n];
            for (int i = 0; i < n; i++) {
                want[i] = Math.signum(d[i]);
            }
            float[] v = new float[n], p = new float[n], e = d.clone();
            VectorKernels.sign(d, v, 0, n);
            PlainKernels.sign(d, p, 0, n);
            Elementwise.sign(e, e);
            assertArrayEquals(want, v, "n=" + n);
            assertArrayEquals(want, p, "n=" + n);
            assertArrayEquals(want, e, "n=" + n);
            if (n > 5) {
                assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(v[2]));
            }
        }
    }

    @Test
    void dotMatchesADoubleSumAndCopyMaxAbsCopiesExactly() {
        for (int n : LENGTHS) {
            float[] a = random(n, 40 + n);
            float[] b = random(n, 41 + n);
            double ref = 0;
            double scale = 0;
            for (int i = 0; i < n; i++) {
                ref += (double) a[i] * b[i];
                scale += Math.abs((double) a[i] * b[i]);
            }
            double got = Elementwise.dot(a, b);
            assertTrue(Math.abs(got - ref) <= 1e-6 * scale + 1e-30, "dot n=" + n + ": " + got + " vs " + ref);
            float[] dst = new float[n];
            float max = Elementwise.copyMaxAbs(a, dst);
            assertArrayEquals(a, dst, "copy n=" + n);
            float ref2 = 0f;
            for (float v : a) {
                ref2 = Math.max(ref2, Math.abs(v));
            }
            assertEquals(ref2, max, "max n=" + n);
            if (n > 0) {
                for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                    float[] c = a.clone();
                    c[n / 3] = bad;
                    float m = Elementwise.copyMaxAbs(c, dst);
                    assertEquals(Math.abs(bad), m, "n=" + n + " with " + bad);
                    assertEquals(Float.floatToRawIntBits(c[n / 3]), Float.floatToRawIntBits(dst[n / 3]));
                }
            }
        }
        // products beyond the float range: summed in double all the same
        float[] big = new float[300];
        java.util.Arrays.fill(big, 1e30f);
        assertEquals(300 * ((double) 1e30f * 1e30f), Elementwise.dot(big, big), 1e50);
    }

    @Test
    void noVectorKernelsMethodTakesOrReturnsAVector() {
        // the launcher keeps VectorKernels' methods out of their callers' compiles; a vector crossing such a call is
        // boxed (measured: the l1 sum 2.2 → 13 ms at 16M floats), so vector-valued helpers live in VectorLanes
        for (java.lang.reflect.Method m : VectorKernels.class.getDeclaredMethods()) {
            java.util.List<Class<?>> types = new java.util.ArrayList<>(java.util.List.of(m.getParameterTypes()));
            types.add(m.getReturnType());
            for (Class<?> t : types) {
                assertFalse(jdk.incubator.vector.Vector.class.isAssignableFrom(t)
                        || jdk.incubator.vector.VectorMask.class.isAssignableFrom(t), m + " passes a " + t.getSimpleName());
            }
        }
    }

    @Test
    void writingKernelsAreBitExactFromEveryStartOffset() {
        // the vector loops start at a 64-byte boundary of the usual array layout; the entries before it run in the
        // plain loop: every start offset within a vector gives what the plain kernels give, bit for bit
        int n = 3000;
        float[] g = random(n, 61);
        float[] w0 = random(n, 62);
        float[] m0 = random(n, 63);
        for (int from = 0; from < 20; from++) {
            for (int to : new int[] {from, from + 5, from + 40, n}) {
                float[] wv = w0.clone(), wp = w0.clone(), mv = m0.clone(), mp = m0.clone();
                double dv = VectorKernels.momentumSgd(wv, mv, g, 0.9f, 0.01f, from, to);
                double dp = PlainKernels.momentumSgd(wp, mp, g, 0.9f, 0.01f, from, to);
                assertArrayEquals(wp, wv, "momentum from " + from + " to " + to);
                assertArrayEquals(mp, mv, "momentum from " + from + " to " + to);
                assertClose(dp, dv, 1e-5);
                wv = w0.clone();
                wp = w0.clone();
                assertClose(PlainKernels.descend(wp, m0, g, 0.01f, from, to),
                        VectorKernels.descend(wv, m0, g, 0.01f, from, to), 1e-5);
                assertArrayEquals(wp, wv, "descend from " + from + " to " + to);
                wv = w0.clone();
                wp = w0.clone();
                VectorKernels.signStep(wv, g, 0.01f, from, to);
                PlainKernels.signStep(wp, g, 0.01f, from, to);
                assertArrayEquals(wp, wv, "signStep from " + from + " to " + to);
                float[] v1 = m0.clone(), v2 = m0.clone();
                for (int i = 0; i < n; i++) {
                    v1[i] = v2[i] = Math.abs(v1[i]);
                }
                wv = w0.clone();
                wp = w0.clone();
                mv = m0.clone();
                mp = m0.clone();
                VectorKernels.adamw(wv, mv, v1, g, 0.01f, 0.9f, 0.999f, 1e-8f, 0.1f, 1.1f, 1.2f, from, to);
                PlainKernels.adamw(wp, mp, v2, g, 0.01f, 0.9f, 0.999f, 1e-8f, 0.1f, 1.1f, 1.2f, from, to);
                assertArrayEquals(wp, wv, "adamw from " + from + " to " + to);
                assertArrayEquals(v2, v1, "adamw from " + from + " to " + to);
            }
        }
    }

    @Test
    void adamwReportsAnOverflowingSecondMomentOnEveryPath() {
        for (int n : new int[] {3, 300}) {
            float[] g = new float[n];
            g[n - 1] = 3e19f; // g² > Float.MAX_VALUE
            float[] w = new float[n], m = new float[n], v = new float[n];
            assertTrue(Double.isNaN(Elementwise.adamw(w, m, v, g, 0.01f, 0.9f, 0.999f, 1e-8f, 0f, 1)), "n=" + n);
            assertEquals(Float.POSITIVE_INFINITY, v[n - 1]);
        }
    }

    @Test
    void streamingKernelsAreBitExact() {
        for (int n : LENGTHS) {
            float[] g = random(n, 1 + n);
            float[] w = random(n, 2 + n);
            float[] m = random(n, 3 + n);
            float lr = 0.013f, mu = 0.9f, beta = 0.95f;

            float[] w1 = w.clone();
            Elementwise.sgd(w1, g, lr);
            float[] w2 = w.clone();
            for (int i = 0; i < n; i++) {
                w2[i] = w2[i] - lr * g[i];
            }
            assertArrayEquals(w2, w1, "sgd n=" + n);

            float[] wa = w.clone(), ma = m.clone(), wb = w.clone(), mb = m.clone();
            Elementwise.momentumSgd(wa, ma, g, mu, lr);
            for (int i = 0; i < n; i++) {
                mb[i] = mu * mb[i] + g[i];
                wb[i] = wb[i] - lr * mb[i];
            }
            assertArrayEquals(mb, ma, "momentum n=" + n);
            assertArrayEquals(wb, wa, "momentum n=" + n);

            // stage form = fused form
            float[] wc = w.clone(), mc = m.clone();
            Elementwise.momentum(mc, g, mu);
            Elementwise.sgd(wc, mc, lr);
            assertArrayEquals(wa, wc, "momentum stages n=" + n);

            wa = w.clone();
            ma = m.clone();
            wb = w.clone();
            mb = m.clone();
            Elementwise.nesterovSgd(wa, ma, g, mu, lr);
            for (int i = 0; i < n; i++) {
                mb[i] = mu * mb[i] + g[i];
                wb[i] = wb[i] - lr * (g[i] + mu * mb[i]);
            }
            assertArrayEquals(mb, ma, "nesterov n=" + n);
            assertArrayEquals(wb, wa, "nesterov n=" + n);
            float[] gc = g.clone();
            wc = w.clone();
            mc = m.clone();
            Elementwise.nesterov(mc, gc, mu);
            Elementwise.sgd(wc, gc, lr);
            assertArrayEquals(wa, wc, "nesterov stages n=" + n);

            wa = w.clone();
            ma = m.clone();
            wb = w.clone();
            mb = m.clone();
            Elementwise.emaSgd(wa, ma, g, beta, lr);
            for (int i = 0; i < n; i++) {
                mb[i] = beta * mb[i] + (1f - beta) * g[i];
                wb[i] = wb[i] - lr * mb[i];
            }
            assertArrayEquals(mb, ma, "ema n=" + n);
            assertArrayEquals(wb, wa, "ema n=" + n);
            mc = m.clone();
            Elementwise.ema(mc, g, beta);
            assertArrayEquals(mb, mc, "ema stage n=" + n);

        }
    }

    @Test
    void signDualIsPenalizedLinfStep() {
        for (int n : LENGTHS) {
            float[] g = random(n, 7 + n);
            float[] w = random(n, 8 + n);
            float[] w1 = w.clone();
            double c = 2.5;
            double l1 = Elementwise.sumAbs(g);
            Elementwise.signStep(w1, g, (float) (l1 / (2 * c)));
            assertClose(refSumAbs(g), l1, 1e-5);
            float scale = (float) (l1 / (2 * c));
            for (int i = 0; i < n; i++) {
                float expect = w[i] - scale * Math.signum(g[i]);
                assertEquals(expect, w1[i], "n=" + n + " i=" + i);
            }
            float[] w2 = w.clone();
            Elementwise.signStep(w2, g, 0.01f);
            for (int i = 0; i < n; i++) {
                assertEquals(w[i] - 0.01f * Math.signum(g[i]), w2[i]);
            }
        }
    }

    @Test
    void l2ConstrainedMovesExactlyEta() {
        float[] g = random(999, 11);
        float[] w = new float[999];
        double n = Elementwise.l2Constrained(w, g, 0.5);
        assertClose(Math.sqrt(refSumSquares(g)), n, 1e-5);
        assertClose(0.5, Math.sqrt(refSumSquares(w)), 1e-5);
        float[] z = new float[10];
        float[] w0 = random(10, 1);
        float[] w1 = w0.clone();
        assertEquals(0.0, Elementwise.l2Constrained(w1, z, 1.0));
        assertArrayEquals(w0, w1);
    }

    @Test
    void vectorPowIsAccurateAcrossMagnitudes() {
        SplittableRandom r = new SplittableRandom(42);
        int n = 4096;
        float[] x = new float[n];
        for (float e : new float[] {0.5f, 1f / 3, 1.5f, 2f, 2.5f, 10f, 0.1f, 1f}) {
            for (int i = 0; i < n; i++) {
                // magnitudes from 1e-30 to 1e30, both signs
                x[i] = (float) ((r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-30, 30)));
            }
            float[] w = new float[n];
            VectorKernels.powStep(w, x, -1f, e, 0, n); // w = |x|^e · sign(x)
            for (int i = 0; i < n; i++) {
                double want = Math.signum(x[i]) * Math.pow(Math.abs(x[i]), e);
                if (Math.abs(want) < 1e-37 || Math.abs(want) > 1e37) {
                    continue; // beyond the normal float range the kernel gives 0 or infinity
                }
                assertEquals(want, w[i], 1e-6 * Math.abs(want), "e=" + e + " x=" + x[i]);
            }
        }
        float[] special = {0f, -0f, Float.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY, 1f, 1e-30f, 1e30f};
        float[] w = new float[8];
        float[] padded = new float[64];
        System.arraycopy(special, 0, padded, 0, 8);
        float[] wp = new float[64];
        VectorKernels.powStep(wp, padded, -1f, 2.5f, 0, 64); // the general (polynomial) path
        System.arraycopy(wp, 0, w, 0, 8);
        assertEquals(0f, w[0]);
        assertEquals(0f, Math.abs(w[1]));
        assertEquals(0f, w[2]);
        assertEquals(Float.POSITIVE_INFINITY, Math.abs(w[3]));
        assertEquals(Float.POSITIVE_INFINITY, w[4]);
        assertEquals(1f, w[5]);
        assertEquals(0f, w[6]); // 1e-75 underflows
        assertEquals(Float.POSITIVE_INFINITY, w[7]);
    }

    @Test
    void inlinedPowersAreExactlyPowAbs() {
        // the loops of sumAbsPow and powStep carry a written-out copy of powAbs; they must stay identical
        int lanes = VectorKernels.lanes();
        float[] x = random(lanes * 64, 77);
        jdk.incubator.vector.VectorSpecies<Float> sp = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        for (float e : new float[] {0.3f, 2.5f, 1f / 3}) {
            float[] w = new float[x.length];
            VectorKernels.powStep(w, x, -1f, e, 0, x.length);
            double sum = 0;
            for (int i = 0; i < x.length; i += lanes) {
                float[] p = VectorLanes.powAbs(jdk.incubator.vector.FloatVector.fromArray(sp, x, i), e).toArray();
                for (int k = 0; k < lanes; k++) {
                    assertEquals(p[k], Math.abs(w[i + k]), "e=" + e + " i=" + (i + k));
                    sum += p[k];
                }
            }
            assertClose(sum, VectorKernels.sumAbsPow(x, 0, x.length, e), 1e-6);
        }
    }

    @Test
    void powKernelsAgreeAcrossPaths() {
        for (int n : LENGTHS) {
            float[] g = random(n, 300 + n);
            for (float e : new float[] {0.5f, 1f / 3, 2f, 1.5f, 1f, 0.6666667f}) {
                double ref = 0;
                for (float v : g) {
                    ref += Math.pow(Math.abs(v), e);
                }
                assertClose(ref, PlainKernels.sumAbsPow(g, 0, n, e), 1e-12);
                assertClose(ref, VectorKernels.sumAbsPow(g, 0, n, e), 1e-5);
                float[] w0 = random(n, 400 + n), w1 = w0.clone(), w2 = w0.clone();
                PlainKernels.powStep(w1, g, 0.3f, e, 0, n);
                VectorKernels.powStep(w2, g, 0.3f, e, 0, n);
                for (int i = 0; i < n; i++) {
                    // error relative to the operands of the final subtraction
                    double tol = 1e-6 * (Math.abs(w0[i]) + 0.3 * Math.pow(Math.abs(g[i]), e)) + 1e-30;
                    assertEquals(w1[i], w2[i], tol, "e=" + e + " n=" + n + " i=" + i);
                }
            }
        }
    }

    @Test
    void adamwIsBitExactWithItsLoopAndMatchesPublishedEquations() {
        float lr = 1e-3f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f, wd = 0.01f;
        for (int n : new int[] {1, 7, 8, 9, 65, 1001}) {
            float[] w = random(n, 21 + n);
            float[] m = new float[n], v = new float[n];
            float[] wr = w.clone(), mr = new float[n], vr = new float[n];
            double[] wd64 = new double[n], md = new double[n], vd = new double[n];
            for (int i = 0; i < n; i++) {
                wd64[i] = w[i];
            }
            for (long t = 1; t <= 5; t++) {
                float[] g = random(n, 100 * t + n);
                Elementwise.adamw(w, m, v, g, lr, b1, b2, eps, wd, t);
                float c1 = (float) (1 / (1 - Math.pow(b1, t)));
                float c2 = (float) (1 / (1 - Math.pow(b2, t)));
                for (int i = 0; i < n; i++) {
                    mr[i] = b1 * mr[i] + (1f - b1) * g[i];
                    vr[i] = b2 * vr[i] + (1f - b2) * (g[i] * g[i]);
                    float denom = (float) Math.sqrt(vr[i] * c2) + eps;
                    wr[i] = wr[i] - lr * ((mr[i] * c1) / denom + wd * wr[i]);
                    // published equations, in double
                    md[i] = 0.9 * md[i] + 0.1 * g[i];
                    vd[i] = 0.999 * vd[i] + 0.001 * (double) g[i] * g[i];
                    double mh = md[i] / (1 - Math.pow(0.9, t));
                    double vh = vd[i] / (1 - Math.pow(0.999, t));
                    wd64[i] = wd64[i] - 1e-3 * (mh / (Math.sqrt(vh) + 1e-8) + 0.01 * wd64[i]);
                }
                assertArrayEquals(mr, m, "m n=" + n + " t=" + t);
                assertArrayEquals(vr, v, "v n=" + n + " t=" + t);
                assertArrayEquals(wr, w, "w n=" + n + " t=" + t);
                for (int i = 0; i < n; i++) {
                    assertEquals(wd64[i], w[i], 1e-5 * Math.max(1, Math.abs(wd64[i])), "published n=" + n);
                }
            }
        }
    }

    /** A length and a positive scale of the gradient. */
    record LengthAndScale(int n, float beta) {
    }

    @Test
    void signDualScalesLinearlyAndSignSgdNot() {
        Property.forAll("signDualScalesLinearlyAndSignSgdNot", 60,
                r -> new LengthAndScale(Gen.between(r, 1, 300), (float) Gen.uniform(r, 0.1, 8)), in -> {
                    int n = in.n();
                    float beta = in.beta();
                    float[] g = random(n, n * 31L);
                    float[] gb = g.clone();
                    for (int i = 0; i < n; i++) {
                        gb[i] *= beta;
                    }
                    float[] u1 = new float[n], u2 = new float[n];
                    double d1 = Elementwise.sumAbs(g);
                    Elementwise.signStep(u1, g, (float) (d1 / 2));
                    double d2 = Elementwise.sumAbs(gb);
                    Elementwise.signStep(u2, gb, (float) (d2 / 2));
                    assertClose(beta * d1, d2, 1e-5);
                    for (int i = 0; i < n; i++) {
                        assertEquals(beta * u1[i], u2[i], 1e-5 * Math.abs(beta * u1[i]) + 1e-30);
                    }
                    float[] s1 = new float[n], s2 = new float[n];
                    Elementwise.signStep(s1, g, 0.1f);
                    Elementwise.signStep(s2, gb, 0.1f);
                    assertArrayEquals(s1, s2);
                });
    }

    @Test
    void reductionsAgreeOnRandomLengths() {
        Property.forAll("reductionsAgreeOnRandomLengths", 60, r -> Gen.between(r, 0, 5000), n -> {
            float[] x = random(n, n * 7L + 1);
            assertClose(refSumAbs(x), Elementwise.sumAbs(x), 1e-5);
            assertClose(refSumSquares(x), Elementwise.sumSquares(x), 1e-5);
            assertEquals(PlainKernels.maxAbs(x, 0, n), Elementwise.maxAbs(x));
        });
    }

    @Test
    void badArgumentsAreRejectedWithClearMessages() {
        float[] a = new float[3], b = new float[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Elementwise.sgd(a, b, 0.1f));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Elementwise.sgd(a, a.clone(), Float.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> Elementwise.adamw(a, a.clone(), a.clone(), a.clone(), 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 0));
    }
}
