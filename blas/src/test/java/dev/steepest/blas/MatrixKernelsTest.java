package dev.steepest.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.linalg.Blas;
import dev.steepest.core.linalg.FloatNewtonSchulz;
import dev.steepest.core.linalg.JavaBlas;
import dev.steepest.core.linalg.PolarSchedules;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BLAS/LAPACK calls and the float Newton–Schulz iteration on both {@link Blas} implementations (OpenBLAS
 * and the plain Java one), each against a plain double reference written here from the definitions
 * (column-major products; the iteration X ← aX + (bA + cA²)X with A = XXᵀ in double). Seeded inputs; a
 * failing case names its seed.
 */
class MatrixKernelsTest {

    static final List<Blas> IMPLEMENTATIONS = List.of(new OpenBlas(), new JavaBlas());

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        long seed = 99;
        int[][] shapes = {{1, 1}, {3, 5}, {7, 2}, {6, 6}, {17, 9}};
        for (Blas blas : IMPLEMENTATIONS) {
            for (int[] s : shapes) {
                b.add(Arguments.of(blas.describe().split(" ")[0], blas, s[0], s[1], seed++));
            }
        }
        return b.build();
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }

    static FloatBuffer load(Blas blas, float[] x) {
        FloatBuffer b = blas.allocate(x.length);
        b.put(0, x);
        return b;
    }

    static float[] read(FloatBuffer b, int n) {
        float[] x = new float[n];
        b.get(0, x);
        return x;
    }

    /** op(X)(i, l) of a column-major matrix with leading dimension ld. */
    static double at(float[] x, int ld, boolean trans, int i, int l) {
        return trans ? x[i * ld + l] : x[l * ld + i];
    }

    @ParameterizedTest(name = "{0} {2}x{3} seed {4}")
    @MethodSource("cases")
    void sgemmMatchesTheDefinitionForEveryTransposition(String name, Blas blas, int m, int n, long seed) {
        int k = m + 2;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                float[] a = random(m * k, seed), b = random(k * n, seed + 1000), c = random(m * n, seed + 2000);
                int lda = ta ? k : m, ldb = tb ? n : k;
                FloatBuffer cb = load(blas, c);
                blas.sgemm(ta, tb, m, n, k, 0.5f, load(blas, a), lda, load(blas, b), ldb, -2f, cb, m);
                float[] got = read(cb, m * n);
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < m; i++) {
                        double s = 0;
                        for (int l = 0; l < k; l++) {
                            s += at(a, lda, ta, i, l) * at(b, ldb, tb, l, j);
                        }
                        double want = 0.5 * s - 2 * c[j * m + i];
                        assertEquals(want, got[j * m + i], 1e-5 * (k + 2), name + " seed " + seed + " transA " + ta
                                + " transB " + tb + " at (" + i + "," + j + ")");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {2}x{3} seed {4}")
    @MethodSource("cases")
    void ssyrkWritesTheUpperTriangleOfTheGramMatrixAndLeavesTheLowerAlone(String name, Blas blas, int n, int k,
                                                                           long seed) {
        for (boolean trans : new boolean[] {false, true}) {
            float[] a = random(n * k, seed);
            int lda = trans ? k : n;
            float[] c = random(n * n, seed + 7);
            FloatBuffer cb = load(blas, c);
            blas.ssyrkUpper(trans, n, k, 2f, load(blas, a), lda, 0.5f, cb, n);
            float[] got = read(cb, n * n);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    if (i > j) {
                        assertEquals(c[j * n + i], got[j * n + i], 0f, name + " seed " + seed + ": lower triangle kept");
                        continue;
                    }
                    double s = 0;
                    for (int l = 0; l < k; l++) {
                        // trans: (AᵀA)ᵢⱼ with A k×n; else (AAᵀ)ᵢⱼ with A n×k
                        s += trans ? (double) a[i * lda + l] * a[j * lda + l] : (double) a[l * lda + i] * a[l * lda + j];
                    }
                    assertEquals(2 * s + 0.5 * c[j * n + i], got[j * n + i], 1e-5 * (k + 2),
                            name + " seed " + seed + " trans " + trans + " at (" + i + "," + j + ")");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {2}x{3} seed {4}")
    @MethodSource("cases")
    void ssymmReadsOnlyTheUpperTriangle(String name, Blas blas, int m, int n, long seed) {
        for (boolean left : new boolean[] {true, false}) {
            int s = left ? m : n;
            float[] sym = random(s * s, seed);
            float[] stored = sym.clone();
            for (int j = 0; j < s; j++) {
                for (int i = j + 1; i < s; i++) {
                    sym[j * s + i] = sym[i * s + j]; // the symmetric matrix meant: upper triangle mirrored
                    stored[j * s + i] = 1e6f;        // garbage below the diagonal, which must not be read
                }
            }
            float[] b = random(m * n, seed + 3);
            FloatBuffer cb = blas.allocate(m * n);
            blas.ssymmUpper(left, m, n, 1f, load(blas, stored), s, load(blas, b), m, 0f, cb, m);
            float[] got = read(cb, m * n);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    double want = 0;
                    if (left) {
                        for (int l = 0; l < m; l++) {
                            want += (double) sym[l * s + i] * b[j * m + l];
                        }
                    } else {
                        for (int l = 0; l < n; l++) {
                            want += (double) b[l * m + i] * sym[j * s + l];
                        }
                    }
                    assertEquals(want, got[j * m + i], 1e-5 * (s + 2), name + " seed " + seed + " left " + left
                            + " at (" + i + "," + j + ")");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {2}x{3} seed {4}")
    @MethodSource("cases")
    void sgesddFactorsReconstructTheMatrixWithOrthonormalFactorsAndDescendingValues(String name, Blas blas, int p,
                                                                                   int q, long seed) {
        int m = Math.min(p, q), n = Math.max(p, q); // wide
        float[] a = random(m * n, seed);
        FloatBuffer s = blas.allocate(m), u = blas.allocate(m * m), vt = blas.allocate(m * n);
        blas.sgesddWide(m, n, load(blas, a), m, s, u, m, vt, m);
        float[] sv = read(s, m), uu = read(u, m * m), v = read(vt, m * n);
        String what = name + " seed " + seed + " " + m + "x" + n;
        for (int l = 1; l < m; l++) {
            assertTrue(sv[l - 1] >= sv[l] && sv[l] >= 0, what + ": singular values descending, non-negative");
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double r = 0;
                for (int l = 0; l < m; l++) {
                    r += (double) uu[l * m + i] * sv[l] * v[j * m + l];
                }
                assertEquals(a[j * m + i], r, 2e-5 * n, what + ": U diag(s) Vᵀ = A at (" + i + "," + j + ")");
            }
        }
        for (int x = 0; x < m; x++) {
            for (int y = 0; y < m; y++) {
                double du = 0, dv = 0;
                for (int i = 0; i < m; i++) {
                    du += (double) uu[x * m + i] * uu[y * m + i];
                }
                for (int j = 0; j < n; j++) {
                    dv += (double) v[j * m + x] * v[j * m + y];
                }
                assertEquals(x == y ? 1 : 0, du, 1e-5 * m, what + ": UᵀU = I");
                assertEquals(x == y ? 1 : 0, dv, 1e-5 * n, what + ": VᵀV = I");
            }
        }
    }

    @ParameterizedTest(name = "{0} seed {4}")
    @MethodSource("cases")
    void sgesddRefusesNonFiniteEntries(String name, Blas blas, int p, int q, long seed) {
        float[] a = random(6, seed);
        a[3] = Float.NaN;
        FloatBuffer buf = load(blas, a);
        assertThrows(IllegalArgumentException.class, () -> blas.sgesddWide(2, 3, buf, 2, blas.allocate(2),
                blas.allocate(4), 2, blas.allocate(6), 2));
    }

    /** The iteration in double from its definition: X₀ = G/‖G‖_F, X ← aX + (bA + cA²)X, A = XXᵀ (row-major). */
    static double[] referenceNs5(float[] g, int m, int n) {
        boolean tall = m > n;
        int k = tall ? n : m, l = tall ? m : n;
        double[] x = new double[m * n];
        double norm = 0;
        for (float v : g) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double v = g[i * n + j] / norm;
                if (tall) {
                    x[j * m + i] = v; // Xᵀ, k×l
                } else {
                    x[i * n + j] = v;
                }
            }
        }
        for (double[] abc : PolarSchedules.ns5()) {
            double[] a = new double[k * k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double s = 0;
                    for (int t = 0; t < l; t++) {
                        s += x[i * l + t] * x[j * l + t];
                    }
                    a[i * k + j] = s;
                }
            }
            double[] p = new double[k * k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double s = 0;
                    for (int t = 0; t < k; t++) {
                        s += a[i * k + t] * a[t * k + j];
                    }
                    p[i * k + j] = abc[1] * a[i * k + j] + abc[2] * s + (i == j ? abc[0] : 0);
                }
            }
            double[] next = new double[k * l];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < l; j++) {
                    double s = 0;
                    for (int t = 0; t < k; t++) {
                        s += p[i * k + t] * x[t * l + j];
                    }
                    next[i * l + j] = s;
                }
            }
            x = next;
        }
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = tall ? x[j * m + i] : x[i * n + j];
            }
        }
        return out;
    }

    static Stream<Arguments> iterationCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        long seed = 500;
        // square, tall and wide; 4x40 and 40x4 take the Gram-space form (long side ≥ twice the short side)
        int[][] shapes = {{8, 8}, {12, 5}, {5, 12}, {4, 40}, {40, 4}, {1, 9}};
        for (Blas blas : IMPLEMENTATIONS) {
            for (int[] s : shapes) {
                for (boolean gramSpaceAllowed : new boolean[] {true, false}) {
                    b.add(Arguments.of(blas.describe().split(" ")[0], blas, s[0], s[1], seed++, gramSpaceAllowed));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {2}x{3} seed {4} gram space allowed {5}")
    @MethodSource("iterationCases")
    void floatNs5MatchesTheDoubleIterationInBothForms(String name, Blas blas, int m, int n, long seed,
                                                      boolean gramSpaceAllowed) {
        float[] g = random(m * n, seed);
        FloatNewtonSchulz ns = new FloatNewtonSchulz(m, n, PolarSchedules.ns5(), 1.0, blas, gramSpaceAllowed);
        double[] want = referenceNs5(g, m, n);
        for (int round = 0; round < 2; round++) { // the second round reuses the workspace
            float[] x = g.clone();
            double dot = ns.orthogonalizeInPlace(x);
            double wantDot = 0;
            for (int i = 0; i < x.length; i++) {
                assertEquals(want[i], x[i], 1e-4, name + " seed " + seed + " entry " + i + " round " + round);
                wantDot += g[i] * want[i];
            }
            assertEquals(wantDot, dot, 1e-4 * Math.abs(wantDot) + 1e-6, name + " seed " + seed + ": ⟨G, O⟩");
        }
    }
}
