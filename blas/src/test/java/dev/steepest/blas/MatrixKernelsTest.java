package dev.steepest.kernels;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Newton–Schulz and the exact polar factor through BLAS/LAPACK against plain double-precision references written
 * here (triple loops, no BLAS), on wide, tall and square shapes, rank-deficient and zero inputs.
 */
class MatrixKernelsTest {

    static final int[][] SHAPES = {{1, 1}, {1, 5}, {5, 1}, {3, 8}, {8, 3}, {7, 7}, {33, 65}, {65, 33}, {40, 40},
            {16, 64}, {64, 16}, {24, 200}, {48, 96}};

    static double[] gaussian(int m, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] g = new double[m * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextGaussian();
        }
        if (m == n) {
            // keep square test matrices well conditioned
            for (int i = 0; i < m; i++) {
                g[i * n + i] += 3 * Math.sqrt(n);
            }
        }
        return g;
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** C = A·B, row-major, A p×q, B q×r. */
    static double[] mul(double[] a, double[] b, int p, int q, int r) {
        double[] c = new double[p * r];
        for (int i = 0; i < p; i++) {
            for (int k = 0; k < q; k++) {
                double v = a[i * q + k];
                for (int j = 0; j < r; j++) {
                    c[i * r + j] += v * b[k * r + j];
                }
            }
        }
        return c;
    }

    static double[] transpose(double[] a, int p, int q) {
        double[] t = new double[p * q];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < q; j++) {
                t[j * p + i] = a[i * q + j];
            }
        }
        return t;
    }

    /** Reference Newton–Schulz in double: the textbook iteration on a wide matrix (tall ones transposed). */
    static double[] refNs(double[] g, int m, int n, int steps, double a, double b, double c) {
        if (m > n) {
            return transpose(refNs(transpose(g, m, n), n, m, steps, a, b, c), n, m);
        }
        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double[] x = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            x[i] = g[i] / norm;
        }
        for (int k = 0; k < steps; k++) {
            double[] aa = mul(x, transpose(x, m, n), m, n, m);
            double[] a2 = mul(aa, aa, m, m, m);
            double[] bm = new double[m * m];
            for (int i = 0; i < bm.length; i++) {
                bm[i] = b * aa[i] + c * a2[i];
            }
            double[] bx = mul(bm, x, m, m, n);
            for (int i = 0; i < x.length; i++) {
                x[i] = a * x[i] + bx[i];
            }
        }
        return x;
    }

    /** Reference exact polar factor: the cubic Newton–Schulz iteration run to convergence in double. */
    static double[] refPolar(double[] g, int m, int n) {
        return refNs(g, m, n, 80, 1.5, -0.5, 0);
    }

    static double maxDiff(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void newtonSchulzMatchesDoubleReference() {
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1];
            double[] g = gaussian(m, n, 31L * m + n);
            float[] out = new float[m * n];
            new NewtonSchulz(m, n).orthogonalize(toFloat(g), out);
            double[] ref = refNs(g, m, n, 5, NewtonSchulz.QA, NewtonSchulz.QB, NewtonSchulz.QC);
            double d = maxDiff(ref, toDouble(out));
            assertTrue(d < 5e-5, "NS5 " + m + "x" + n + " max diff " + d);
        }
    }

    @Test
    void agreeWithTheCoreOrthogonalizers() {
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1];
            double[] g = gaussian(m, n, 5L * m + n);
            dev.steepest.core.Tensor t = dev.steepest.core.Tensor.matrix(m, n, g);
            double[] coreNs = dev.steepest.core.linalg.NewtonSchulz.ns5().orthogonalize(t).factor().toArray();
            float[] ns = new float[m * n];
            new NewtonSchulz(m, n).orthogonalize(toFloat(g), ns);
            assertTrue(maxDiff(coreNs, toDouble(ns)) < 5e-5, "ns5 vs core " + m + "x" + n);
            double[] coreSvd = dev.steepest.core.linalg.Orthogonalizers.exact().orthogonalize(t).factor().toArray();
            double[] d = new double[m * n];
            new ExactPolarDouble(m, n).polar(g, d);
            assertTrue(maxDiff(coreSvd, d) < 1e-10, "dgesdd polar vs core svd " + m + "x" + n + ": " + maxDiff(coreSvd, d));
            float[] f = new float[m * n];
            new ExactPolar(m, n).polar(toFloat(g), f);
            assertTrue(maxDiff(coreSvd, toDouble(f)) < 2e-5, "sgesdd polar vs core svd " + m + "x" + n);
        }
    }

    @Test
    void blasOrthogonalizersMatchTheCoreThroughItsInterface() {
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1];
            dev.steepest.core.Tensor t = dev.steepest.core.Tensor.matrix(m, n, gaussian(m, n, 9L * m + n));
            var core = dev.steepest.core.linalg.NewtonSchulz.ns5().orthogonalize(t);
            var ours = BlasOrthogonalizers.ns5().orthogonalize(t);
            assertTrue(maxDiff(core.factor().toArray(), ours.factor().toArray()) < 5e-5);
            assertEquals(core.orthogonalityError(), ours.orthogonalityError(), 1e-4, "ns5 error " + m + "x" + n);
            var coreSvd = dev.steepest.core.linalg.Orthogonalizers.exact().orthogonalize(t);
            var oursSvd = BlasOrthogonalizers.svd().orthogonalize(t);
            assertTrue(maxDiff(coreSvd.factor().toArray(), oursSvd.factor().toArray()) < 1e-10);
            assertTrue(oursSvd.orthogonalityError() < 1e-12, "svd error " + oursSvd.orthogonalityError());
        }
        dev.steepest.core.Tensor zero = dev.steepest.core.Tensor.matrix(3, 4, new double[12]);
        assertEquals(0.0, BlasOrthogonalizers.ns5().orthogonalize(zero).orthogonalityError());
        assertEquals(0.0, BlasOrthogonalizers.svd().orthogonalize(zero).orthogonalityError());
        assertThrows(IllegalArgumentException.class,
                () -> BlasOrthogonalizers.svd().orthogonalize(dev.steepest.core.Tensor.vector(1, 2)));
    }

    @Test
    void gramSpaceFormIsUsedForLongShapesAndAgreesWithTheTextbookLoop() {
        assertTrue(new NewtonSchulz(16, 64).gramSpace() == NewtonSchulz.usesSyrk(Netlib.blas()));
        assertTrue(!new NewtonSchulz(33, 65).gramSpace());
        for (int[] s : new int[][] {{16, 64}, {64, 16}, {10, 300}, {300, 10}}) {
            int m = s[0], n = s[1];
            double[] g = gaussian(m, n, 3L * m + n);
            NewtonSchulz ns = new NewtonSchulz(m, n);
            float[] out = new float[m * n];
            for (int rep = 0; rep < 3; rep++) { // the rotating buffers must give the same answer every call
                ns.orthogonalize(toFloat(g), out);
                double[] ref = refNs(g, m, n, 5, NewtonSchulz.QA, NewtonSchulz.QB, NewtonSchulz.QC);
                double d = maxDiff(ref, toDouble(out));
                assertTrue(d < 5e-5, m + "x" + n + " call " + rep + " max diff " + d);
            }
            ns.blasCallsOnly(); // the timing hook must not disturb the next real call
            ns.orthogonalize(toFloat(g), out);
            double[] ref = refNs(g, m, n, 5, NewtonSchulz.QA, NewtonSchulz.QB, NewtonSchulz.QC);
            assertTrue(maxDiff(ref, toDouble(out)) < 5e-5);
        }
    }

    @Test
    void gramSpaceStaysCloseOnAnIllConditionedMatrix() {
        // rank 16 with singular values over three decades, plus a little noise: the hard case for Gram space
        int m = 48, n = 200, k = 16;
        SplittableRandom r = new SplittableRandom(11);
        double[] g = new double[m * n];
        double[][] a = new double[m][k];
        double[][] b = new double[k][n];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < k; l++) {
                a[i][l] = r.nextGaussian() * Math.pow(10, -3.0 * l / k);
            }
        }
        for (int l = 0; l < k; l++) {
            for (int j = 0; j < n; j++) {
                b[l][j] = r.nextGaussian();
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double v = 1e-4 * r.nextGaussian();
                for (int l = 0; l < k; l++) {
                    v += a[i][l] * b[l][j];
                }
                g[i * n + j] = v;
            }
        }
        double[] ref = refNs(g, m, n, 5, NewtonSchulz.QA, NewtonSchulz.QB, NewtonSchulz.QC);
        float[] gram = new float[m * n], plain = new float[m * n];
        new NewtonSchulz(m, n).orthogonalize(toFloat(g), gram);
        new NewtonSchulz(m, n, Netlib.blas(), false).orthogonalize(toFloat(g), plain);
        double dGram = maxDiff(ref, toDouble(gram)), dPlain = maxDiff(ref, toDouble(plain));
        assertTrue(dPlain < 5e-5, "textbook " + dPlain);
        // Gram space compounds rounding through Rₖ₊₁ = Qₖ²Rₖ: about 30× the textbook loop's error here (1.3e-4)
        assertTrue(dGram < 5e-4, "gram space " + dGram + " (textbook " + dPlain + ")");
    }

    @Test
    void newtonSchulzReusesWorkspaceAndAllowsInPlace() {
        NewtonSchulz ns = new NewtonSchulz(9, 20);
        float[] g1 = toFloat(gaussian(9, 20, 1)), g2 = toFloat(gaussian(9, 20, 2));
        float[] a = new float[180], b = new float[180];
        ns.orthogonalize(g1, a);
        ns.orthogonalize(g2, b);
        float[] again = g1.clone();
        ns.orthogonalize(again, again);
        assertEquals(0.0, maxDiff(toDouble(a), toDouble(again)));
        double[] ref = refNs(toDouble(g2), 9, 20, 5, NewtonSchulz.QA, NewtonSchulz.QB, NewtonSchulz.QC);
        assertTrue(maxDiff(ref, toDouble(b)) < 5e-5);
    }

    @Test
    void cubicNewtonSchulzConvergesToExactPolar() {
        int m = 12, n = 30;
        double[] g = gaussian(m, n, 77);
        float[] ns = new float[m * n];
        new NewtonSchulz(m, n).orthogonalize(toFloat(g), ns, 40, 1.5f, -0.5f, 0f);
        float[] exact = new float[m * n];
        new ExactPolar(m, n).polar(toFloat(g), exact);
        assertTrue(maxDiff(toDouble(ns), toDouble(exact)) < 1e-5);
    }

    @Test
    void exactPolarMatchesReferenceInFloatAndDouble() {
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1];
            double[] g = gaussian(m, n, 17L * m + n);
            double[] ref = refPolar(g, m, n);
            float[] f = new float[m * n];
            ExactPolar ep = new ExactPolar(m, n);
            ep.polar(toFloat(g), f);
            assertEquals(Math.min(m, n), ep.lastRank());
            double df = maxDiff(ref, toDouble(f));
            assertTrue(df < 2e-5, "sgesdd polar " + m + "x" + n + " max diff " + df);
            double[] d = new double[m * n];
            assertEquals(Math.min(m, n), new ExactPolarDouble(m, n).polar(g, d));
            double dd = maxDiff(ref, d);
            assertTrue(dd < 1e-11, "dgesdd polar " + m + "x" + n + " max diff " + dd);
        }
    }

    @Test
    void rankOneAndZeroMatrices() {
        int m = 6, n = 4;
        double[] u = {1, -2, 0.5, 3, 0, 1};
        double[] v = {2, 1, -1, 0.5};
        double nu = 0, nv = 0;
        for (double x : u) {
            nu += x * x;
        }
        for (double x : v) {
            nv += x * x;
        }
        double[] g = new double[m * n];
        double[] expect = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                g[i * n + j] = 2.5 * u[i] * v[j];
                expect[i * n + j] = u[i] * v[j] / Math.sqrt(nu * nv);
            }
        }
        double[] d = new double[m * n];
        assertEquals(1, new ExactPolarDouble(m, n).polar(g, d));
        assertTrue(maxDiff(expect, d) < 1e-12);
        float[] f = new float[m * n];
        ExactPolar ep = new ExactPolar(m, n);
        ep.polar(toFloat(g), f);
        assertEquals(1, ep.lastRank());
        assertTrue(maxDiff(expect, toDouble(f)) < 1e-6);

        float[] zero = new float[m * n];
        float[] out = new float[m * n];
        java.util.Arrays.fill(out, 9f);
        ep.polar(zero, out);
        assertEquals(0.0, maxDiff(new double[m * n], toDouble(out)));
        java.util.Arrays.fill(out, 9f);
        new NewtonSchulz(m, n).orthogonalize(zero, out);
        assertEquals(0.0, maxDiff(new double[m * n], toDouble(out)));
    }

    @Property(tries = 15)
    void polarIsOrthogonalOnTheSmallerSide(@ForAll @IntRange(min = 1, max = 24) int m,
                                           @ForAll @IntRange(min = 1, max = 24) int n) {
        double[] g = gaussian(m, n, m * 100L + n);
        double[] d = new double[m * n];
        new ExactPolarDouble(m, n).polar(g, d);
        // OᵀO = I (m ≥ n) or OOᵀ = I (m < n)
        double[] gram = m >= n ? mul(transpose(d, m, n), d, n, m, n) : mul(d, transpose(d, m, n), m, n, m);
        int s = Math.min(m, n);
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                assertEquals(i == j ? 1.0 : 0.0, gram[i * s + j], 1e-10);
            }
        }
        // ⟨G, O⟩ is the nuclear norm and ≥ ⟨G, X⟩ for any X of spectral norm ≤ 1, e.g. the NS5 output scaled
        double nuclear = 0;
        for (int i = 0; i < g.length; i++) {
            nuclear += g[i] * d[i];
        }
        float[] ns = new float[m * n];
        new NewtonSchulz(m, n).orthogonalize(toFloat(g), ns);
        double inner = 0;
        for (int i = 0; i < g.length; i++) {
            inner += g[i] * ns[i];
        }
        assertTrue(inner / 1.25 <= nuclear + 1e-9, "NS5 output (spectral norm < 1.25) beats the nuclear norm");
    }

    @Test
    void symmetrizeCopiesTheUpperTriangleExactly() {
        for (int s : new int[] {1, 2, 15, 16, 17, 33, 64, 100}) {
            float[] a = toFloat(gaussian(s, s + 1, s)); // any values; only the first s·s are used
            a = java.util.Arrays.copyOf(a, s * s);
            float[] want = a.clone();
            for (int j = 0; j < s; j++) {
                for (int i = j + 1; i < s; i++) {
                    want[j * s + i] = a[i * s + j];
                }
            }
            NewtonSchulz.symmetrizeUpper(a, s, new float[256]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(want, a, "s=" + s);
        }
    }

    @Test
    void badShapesAndInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NewtonSchulz(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new ExactPolar(3, -1));
        NewtonSchulz ns = new NewtonSchulz(2, 3);
        assertThrows(IllegalArgumentException.class, () -> ns.orthogonalize(new float[5], new float[6]));
        float[] bad = {1, 2, Float.NaN, 0, 1, 0};
        assertThrows(IllegalArgumentException.class, () -> ns.orthogonalize(bad, new float[6]));
    }

    @Test
    void reportsImplementation() {
        assertTrue(Netlib.blasImpl().startsWith("dev.ludovic.netlib.blas."), Netlib.blasImpl());
        assertTrue(Netlib.lapackImpl().startsWith("dev.ludovic.netlib.lapack."), Netlib.lapackImpl());
        assertTrue(Netlib.describe().contains("BLAS"));
    }
}
