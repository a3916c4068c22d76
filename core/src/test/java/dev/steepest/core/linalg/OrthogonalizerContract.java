package dev.steepest.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Orthogonalizer} meets, on both paths (double {@code orthogonalize}, float
 * {@code orthogonalizeInPlace}). Inputs are built from a known SVD, G = U·diag(σ)·Vᵀ with U, V random
 * orthonormal (Gram–Schmidt of seeded Gaussians) and σ chosen: full rank with σ in [0.1, 1]·scale,
 * rank-deficient (trailing σ zero), and zero; tall, wide, square and vector-like shapes. Each result O is
 * checked against that SVD, not against another implementation: D = UᵀOV must be diagonal with O = U·D·Vᵀ
 * (O keeps G's singular vectors), its diagonal must be 1 on G's range and 0 off it (or within the band an
 * inexact method promises), the returned ⟨G, O⟩ must be Σσᵢdᵢ, and the reported orthogonality error must be
 * √Σ(dᵢ² − 1)², the definition in {@link Orthogonalizer}. A failing case names its seed.
 */
public abstract class OrthogonalizerContract {

    /** The implementation under test. */
    protected abstract Orthogonalizer subject();

    /**
     * How close to U_r V_rᵀ the result is promised to be (largest entry error) on these inputs, double and float;
     * {@code NaN} for a method that does not converge (ns5), which is held to {@link #band()} instead.
     */
    protected abstract double tolerance(boolean floatPath);

    /**
     * How far from zero the directions outside G's range may come out. 0-ish for most; a float iteration that
     * converges slowly amplifies the rounding noise of zero singular values (cubic:K by up to 1.5^K), and its
     * polynomials keep them within [−1, 1] only.
     */
    protected double nullTolerance(boolean floatPath) {
        double tol = tolerance(floatPath);
        return Double.isNaN(tol) ? (floatPath ? 2e-3 : 1e-8) : tol;
    }

    /** Whether {@code orthogonalize(Tensor)} computes in float (held to the float tolerances then). */
    protected boolean doublePathInFloat() {
        return false;
    }

    /** For a method that does not converge: the interval its singular values of O land in on these inputs. */
    protected double[] band() {
        return new double[] {0.6, 1.25};
    }

    /** One input: its seed and the SVD it was built from. */
    public record Case(String kind, long seed, int m, int n, int rank, double scale) {
        @Override
        public String toString() {
            return kind + " " + m + "x" + n + " rank " + rank + " scale " + scale + " seed " + seed;
        }
    }

    /** Every input the contract runs. */
    public static Stream<Case> cases() {
        int[][] shapes = {{6, 4}, {4, 6}, {5, 5}, {12, 4}, {3, 10}, {1, 5}, {7, 1}, {16, 16}};
        List<Case> cs = new ArrayList<>();
        long seed = 20_251_202L;
        for (int[] s : shapes) {
            int k = Math.min(s[0], s[1]);
            for (double scale : new double[] {1, 1e-3, 1e4}) {
                cs.add(new Case("full", seed++, s[0], s[1], k, scale));
            }
            if (k >= 2) {
                cs.add(new Case("rank-deficient", seed++, s[0], s[1], k / 2, 1));
                cs.add(new Case("rank-one", seed++, s[0], s[1], 1, 3));
            }
            cs.add(new Case("zero", seed++, s[0], s[1], 0, 1));
        }
        return cs.stream();
    }

    /** Built input: G and its factors (U m×k, V n×k column-major in arrays of rows, σ). */
    record Built(double[][] u, double[][] v, double[] sigma, double[] g) {
    }

    static Built build(Case c) {
        Random r = new Random(c.seed());
        int m = c.m(), n = c.n(), k = Math.min(m, n);
        double[][] u = orthonormalColumns(r, m, k);
        double[][] v = orthonormalColumns(r, n, k);
        double[] sigma = new double[k];
        for (int i = 0; i < c.rank(); i++) {
            sigma[i] = c.scale() * (0.1 + 0.9 * r.nextDouble());
        }
        double[] g = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += u[i][l] * sigma[l] * v[j][l];
                }
                g[i * n + j] = s;
            }
        }
        return new Built(u, v, sigma, g);
    }

    /** k orthonormal columns of length rows (rows[i][l] = entry i of column l), by Gram–Schmidt twice. */
    static double[][] orthonormalColumns(Random r, int rows, int k) {
        double[][] q = new double[rows][k];
        for (int l = 0; l < k; l++) {
            double[] c = new double[rows];
            for (int i = 0; i < rows; i++) {
                c[i] = r.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < l; p++) {
                    double d = 0;
                    for (int i = 0; i < rows; i++) {
                        d += q[i][p] * c[i];
                    }
                    for (int i = 0; i < rows; i++) {
                        c[i] -= d * q[i][p];
                    }
                }
            }
            double norm = 0;
            for (double x : c) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < rows; i++) {
                q[i][l] = c[i] / norm;
            }
        }
        return q;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void doublePathKeepsTheSingularVectorsAndMeetsItsPromise(Case c) {
        Built b = build(c);
        Orthogonalizer.Polar p = subject().orthogonalize(Tensor.matrix(c.m(), c.n(), b.g()));
        assertEquals(c.m(), p.factor().rows(), c + ": rows");
        assertEquals(c.n(), p.factor().cols(), c + ": cols");
        double[] d = check(c, b, p.factor().toArray(), false);
        double expected = 0;
        if (c.rank() > 0) {
            for (double x : d) {
                expected += (x * x - 1) * (x * x - 1);
            }
        }
        assertEquals(Math.sqrt(expected), p.orthogonalityError(), (doublePathInFloat() ? 1e-4 : 1e-6)
                * Math.max(1, Math.sqrt(expected)),
                c + ": orthogonality error is ‖OᵀO − I‖_F on the smaller side");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void floatPathKeepsTheSingularVectorsMeetsItsPromiseAndReturnsTheScale(Case c) {
        Built b = build(c);
        float[] g = new float[b.g().length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) b.g()[i];
        }
        float[] input = g.clone();
        Orthogonalizer subject = subject();
        double scale = subject.orthogonalizeInPlace(g, Shape.matrix(c.m(), c.n()));
        double[] o = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            assertTrue(Float.isFinite(g[i]), c + ": finite entry " + i);
            o[i] = g[i];
        }
        double[] d = check(c, b, o, true);
        double dot = 0;
        for (int i = 0; i < g.length; i++) {
            dot += (double) input[i] * o[i];
        }
        double sum = 0;
        for (int l = 0; l < d.length; l++) {
            sum += b.sigma()[l] * d[l];
        }
        assertEquals(dot, scale, 1e-4 * Math.max(sum, 1e-300) + 1e-30, c + ": returns ⟨G, O⟩");
        assertEquals(sum, scale, 1e-3 * Math.max(sum, 1e-300) + 1e-30, c + ": ⟨G, O⟩ = Σ σᵢdᵢ");
        // the same input again gives the same result: workspace reuse leaves nothing behind
        float[] again = input.clone();
        subject.orthogonalizeInPlace(again, Shape.matrix(c.m(), c.n()));
        assertArrayEquals(g, again, c + ": a second call on the same shape");
    }

    /** Checks O against the SVD the input was built from; returns the diagonal of UᵀOV. */
    private double[] check(Case c, Built b, double[] o, boolean floatArithmetic) {
        boolean floatPath = floatArithmetic || doublePathInFloat();
        int m = c.m(), n = c.n(), k = Math.min(m, n);
        if (c.rank() == 0) {
            for (int i = 0; i < o.length; i++) {
                assertEquals(0.0, o[i], 0.0, c + ": zero input gives zero, entry " + i);
            }
            return new double[k];
        }
        // D = Uᵀ O V (k×k)
        double[][] dm = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int bb = 0; bb < k; bb++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        s += b.u()[i][a] * o[i * n + j] * b.v()[j][bb];
                    }
                }
                dm[a][bb] = s;
            }
        }
        double tol = tolerance(floatPath);
        double offTol = Double.isNaN(tol) ? (floatPath ? 2e-3 : 1e-8) : tol;
        double nullTol = nullTolerance(floatPath);
        double[] d = new double[k];
        for (int a = 0; a < k; a++) {
            d[a] = dm[a][a];
            for (int bb = 0; bb < k; bb++) {
                double allowed = a >= c.rank() && bb >= c.rank() ? nullTol : offTol;
                if (a != bb && Math.abs(dm[a][bb]) > allowed) {
                    fail(c + ": UᵀOV is not diagonal: entry (" + a + "," + bb + ") = " + dm[a][bb]);
                }
            }
        }
        // O = U (UᵀOV) Vᵀ: nothing outside G's singular vectors
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    for (int l2 = 0; l2 < k; l2++) {
                        s += b.u()[i][l] * dm[l][l2] * b.v()[j][l2];
                    }
                }
                // the noise a float iteration amplifies lives anywhere in G's null space, not only along U, V
                double allowed = (c.rank() < k ? Math.max(offTol, nullTol) : offTol) * Math.sqrt(k);
                if (Math.abs(s - o[i * n + j]) > allowed) {
                    fail(c + ": O differs from U·diag(UᵀOV)·Vᵀ at (" + i + "," + j + "): " + o[i * n + j] + " vs " + s);
                }
            }
        }
        for (int l = 0; l < k; l++) {
            if (l >= c.rank()) {
                assertEquals(0.0, d[l], nullTol, c + ": direction " + l + " is not in G's range and stays zero");
            } else if (Double.isNaN(tol)) {
                double[] band = band();
                assertTrue(d[l] >= band[0] && d[l] <= band[1], c + ": singular value " + l + " of O is " + d[l]
                        + ", outside [" + band[0] + ", " + band[1] + "]");
            } else {
                assertEquals(1.0, d[l], tol, c + ": singular value " + l + " of O is 1 (O = U_r V_rᵀ)");
            }
        }
        return d;
    }

    /** Bad input: a vector shape or non-finite entries are refused on both paths. */
    @org.junit.jupiter.api.Test
    void refusesVectorsAndNonFiniteEntries() {
        Orthogonalizer o = subject();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> o.orthogonalizeInPlace(new float[] {1, 2, 3}, Shape.vector(3)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> o.orthogonalizeInPlace(new float[] {1, Float.NaN, 3, 4}, Shape.matrix(2, 2)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> o.orthogonalize(Tensor.vector(1, 2, 3)));
    }
}
