package dev.steepest.core.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Dualized;
import dev.steepest.core.Matrices;
import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.core.Steps;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.NewtonSchulz;
import dev.steepest.core.linalg.Orthogonalizers;
import dev.steepest.core.linalg.PolarExpress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-computed cases for each matrix norm, and the registry entries. */
class MatrixNormsTest {
    private static final double TOL = 1e-14;
    private static final Tensor DIAG = Tensor.matrix(new double[][] {{3, 0}, {0, -4}});

    private static void assertTensor(double[][] expected, Tensor actual, double tol) {
        assertArrayEquals(Tensor.matrix(expected).toArray(), actual.toArray(), tol, "got " + actual);
    }

    @Test
    void frobenius() {
        Norm n = new Frobenius();
        assertEquals(5, n.value(DIAG), TOL);
        assertEquals(5, n.dual(DIAG), TOL);
        assertTensor(new double[][] {{0.6, 0}, {0, -0.8}}, n.dualize(DIAG).direction(), TOL);
        // penalized Frobenius is gradient descent with rate 1/(2c)
        Step s = Steps.penalized(n, DIAG, 0.5);
        assertTensor(new double[][] {{-3, 0}, {0, 4}}, s.update(), TOL);
    }

    @Test
    void frobeniusStaysExactForHugeAndTinyEntries() {
        Norm n = new Frobenius();
        assertEquals(5e150, n.value(DIAG.scale(1e150)), 5e150 * TOL);
        assertEquals(5e-150, n.value(DIAG.scale(1e-150)), 5e-150 * TOL);
        assertTensor(new double[][] {{0.6, 0}, {0, -0.8}}, n.dualize(DIAG.scale(1e-150)).direction(), TOL);
    }

    @Test
    void spectralOnADiagonalMatrix() {
        Norm n = new Spectral();
        assertEquals(4, n.value(DIAG), TOL);
        assertEquals(7, n.dual(DIAG), TOL);
        Dualized d = n.dualize(DIAG);
        assertTensor(new double[][] {{1, 0}, {0, -1}}, d.direction(), TOL);
        assertEquals(7, d.dualNorm(), TOL);
        assertTrue(d.orthogonalityError() < 1e-14);
        assertTrue(n.uniqueAt(DIAG));
        // constrained: Muon without momentum
        assertTensor(new double[][] {{-0.1, 0}, {0, 0.1}}, Steps.constrained(n, DIAG, 0.1).update(), TOL);
        // penalized: nuclear-norm-scaled, −(7/(2c))·U Vᵀ
        assertTensor(new double[][] {{-3.5, 0}, {0, 3.5}}, Steps.penalized(n, DIAG, 1).update(), TOL);
    }

    @Test
    void spectralDropsZeroSingularValues() {
        // [[1,2],[2,4]] = 5·u uᵀ with u = (1,2)/√5: rank one, so t* = u uᵀ
        Tensor g = Tensor.matrix(new double[][] {{1, 2}, {2, 4}});
        Norm n = new Spectral();
        assertEquals(5, n.value(g), 1e-14);
        assertEquals(5, n.dual(g), 1e-14);
        assertTensor(new double[][] {{0.2, 0.4}, {0.4, 0.8}}, n.dualize(g).direction(), 1e-14);
        assertFalse(n.uniqueAt(g));
    }

    @Test
    void spectralOfARowIsItsEuclideanNorm() {
        Tensor row = Tensor.matrix(new double[][] {{3, 0, 4}});
        Norm n = new Spectral();
        assertEquals(5, n.value(row), TOL);
        assertEquals(5, n.dual(row), TOL);
        assertTensor(new double[][] {{0.6, 0, 0.8}}, n.dualize(row).direction(), TOL);
        assertTrue(n.uniqueAt(row));
        Tensor col = Tensor.matrix(new double[][] {{3}, {0}, {4}});
        assertTensor(new double[][] {{0.6}, {0}, {0.8}}, n.dualize(col).direction(), TOL);
    }

    @Test
    void spectralWithAnInexactOrthogonalizerReportsItsScaleAndError() {
        Tensor g = Matrices.gaussian(6, 4, 11);
        Spectral ns = new Spectral(NewtonSchulz.ns5());
        Dualized d = ns.dualize(g);
        assertEquals(g.dot(d.direction()), d.dualNorm(), 0);
        assertTrue(d.orthogonalityError() > 1e-3, "ns5 is deliberately inexact: " + d.orthogonalityError());
        assertTrue(d.dualNorm() < ns.dual(g) * 1.3 && d.dualNorm() > ns.dual(g) * 0.6);
        Step s = Steps.penalized(ns, g, 1);
        assertEquals(d.dualNorm() / 2, s.radius(), 0);
        assertEquals(d.orthogonalityError(), s.orthogonalityError(), 0);

        Spectral pe = new Spectral(new PolarExpress());
        Tensor exact = new Spectral().dualize(g).direction();
        assertTrue(pe.dualize(g).direction().maxAbsDiff(exact) < 1e-12);
        assertEquals(new Spectral().dual(g), pe.dualize(g).dualNorm(), 1e-12 * new Spectral().dual(g));
    }

    @Test
    void nuclear() {
        Norm n = new Nuclear();
        assertEquals(7, n.value(DIAG), TOL);
        assertEquals(4, n.dual(DIAG), TOL);
        Dualized d = n.dualize(DIAG);
        assertTensor(new double[][] {{0, 0}, {0, -1}}, d.direction(), TOL);
        assertEquals(4, d.dualNorm(), TOL);
        assertTrue(n.uniqueAt(DIAG));
        assertFalse(n.uniqueAt(Tensor.matrix(new double[][] {{2, 0}, {0, 2}})), "σ₁ = σ₂ is a tie");
        assertTrue(n.uniqueAt(Tensor.matrix(new double[][] {{2, 0, 1}})), "a single singular value");
    }

    @Test
    void schattenTwoIsFrobenius() {
        Tensor g = Matrices.gaussian(4, 3, 5);
        Norm s2 = new Schatten(2);
        Norm f = new Frobenius();
        assertEquals(f.value(g), s2.value(g), 1e-13);
        assertEquals(f.dual(g), s2.dual(g), 1e-13);
        assertTrue(f.dualize(g).direction().maxAbsDiff(s2.dualize(g).direction()) < 1e-13);
    }

    @Test
    void schattenThreeOnADiagonalMatrix() {
        Norm n = new Schatten(3);
        assertEquals(Math.cbrt(27 + 64), n.value(DIAG), 1e-13);
        double q = 1.5;
        double dual = Math.pow(Math.pow(3, q) + Math.pow(4, q), 1 / q);
        assertEquals(dual, n.dual(DIAG), 1e-13);
        double denom = Math.pow(dual, q - 1);
        assertTensor(new double[][] {{Math.sqrt(3) / denom, 0}, {0, -2 / denom}}, n.dualize(DIAG).direction(), 1e-14);
        assertEquals("schatten:3", n.spec());
    }

    @Test
    void schattenRejectsTheEndpointsWithAPointer() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Schatten(1)).getMessage().contains("nuclear"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Schatten(Double.POSITIVE_INFINITY))
                .getMessage().contains("spectral"));
        assertThrows(IllegalArgumentException.class, () -> new Schatten(0.5));
        assertThrows(IllegalArgumentException.class, () -> new Schatten(Double.NaN));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Norms.parse("schatten:1")).getMessage()
                .contains("nuclear"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Norms.parse("schatten:inf")).getMessage()
                .contains("spectral"));
        assertThrows(IllegalArgumentException.class, () -> Norms.parse("schatten"));
        assertThrows(IllegalArgumentException.class, () -> Norms.parse("schatten:abc"));
    }

    @Test
    void colNorm() {
        Tensor g = Tensor.matrix(new double[][] {{3, 1}, {4, 0}});
        Norm n = new ColNorm();
        assertEquals(5, n.value(g), TOL);
        assertEquals(6, n.dual(g), TOL);
        assertTensor(new double[][] {{0.6, 1}, {0.8, 0}}, n.dualize(g).direction(), TOL);
        assertTrue(n.uniqueAt(g));
        Tensor zeroColumn = Tensor.matrix(new double[][] {{3, 0}, {4, 0}});
        assertTensor(new double[][] {{0.6, 0}, {0.8, 0}}, n.dualize(zeroColumn).direction(), TOL);
        assertFalse(n.uniqueAt(zeroColumn));
    }

    @Test
    void rowNorm() {
        Tensor g = Tensor.matrix(new double[][] {{3, 4}, {1, 0}});
        Norm n = new RowNorm();
        assertEquals(5, n.value(g), TOL);
        assertEquals(6, n.dual(g), TOL);
        assertTensor(new double[][] {{0.6, 0.8}, {1, 0}}, n.dualize(g).direction(), TOL);
        assertTrue(n.uniqueAt(g));
        Tensor zeroRow = Tensor.matrix(new double[][] {{3, 4}, {0, 0}});
        assertTensor(new double[][] {{0.6, 0.8}, {0, 0}}, n.dualize(zeroRow).direction(), TOL);
        assertFalse(n.uniqueAt(zeroRow));
    }

    @Test
    void maxAbs() {
        Tensor g = Tensor.matrix(new double[][] {{1, -2}, {0, 3}});
        Norm n = new MaxAbs();
        assertEquals(3, n.value(g), 0);
        assertEquals(6, n.dual(g), 0);
        assertTensor(new double[][] {{1, -1}, {0, 1}}, n.dualize(g).direction(), 0);
        assertFalse(n.uniqueAt(g), "a zero entry leaves its sign free");
        assertTrue(n.uniqueAt(Tensor.matrix(new double[][] {{1, -2}, {5, 3}})));
        // penalized: step Σ|g|/(2c) along −sign(g); constrained: SignSGD
        assertTensor(new double[][] {{-3, 3}, {0, -3}}, Steps.penalized(n, g, 1).update(), 0);
        assertTensor(new double[][] {{-0.5, 0.5}, {0, -0.5}}, Steps.constrained(n, g, 0.5).update(), 0);
    }

    @Test
    void rmsToRms() {
        // W: ℝ⁴ → ℝ¹ (1×4), σ₁ = 2: value √(4/1)·2 = 4, dual √(1/4)·2 = 1, t* = ½·U Vᵀ
        Tensor g = Tensor.matrix(new double[][] {{1, 1, 1, 1}});
        Norm n = new RmsToRms();
        assertEquals(4, n.value(g), TOL);
        assertEquals(1, n.dual(g), TOL);
        Dualized d = n.dualize(g);
        assertTensor(new double[][] {{0.25, 0.25, 0.25, 0.25}}, d.direction(), TOL);
        assertEquals(1, n.value(d.direction()), TOL);
        assertEquals(1, d.dualNorm(), TOL);
        // a square matrix: RMS→RMS equals spectral
        assertEquals(new Spectral().value(DIAG), n.value(DIAG), TOL);
        assertEquals(new Spectral().dual(DIAG), n.dual(DIAG), TOL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobenius", "spectral", "nuclear", "schatten:3", "colnorm", "rownorm", "maxabs", "rms"})
    void matrixNormsRejectVectorsClearly(String spec) {
        Norm n = Norms.parse(spec);
        Tensor v = Tensor.vector(1, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.value(v));
        assertTrue(e.getMessage().contains("matrices"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> n.dual(v));
        assertThrows(IllegalArgumentException.class, () -> n.dualize(v));
        assertThrows(IllegalArgumentException.class, () -> n.uniqueAt(v));
        assertThrows(IllegalArgumentException.class, () -> Steps.penalized(n, v, 1));
        assertEquals(spec, n.spec());
        assertEquals(spec, Norms.parse(" " + spec.toUpperCase() + " ").spec());
    }

    @Test
    void registryBuildsEachMatrixNormAndPassesTheOrthogonalizer() {
        assertInstanceOf(Frobenius.class, Norms.parse("frobenius"));
        assertInstanceOf(Nuclear.class, Norms.parse("nuclear"));
        assertInstanceOf(ColNorm.class, Norms.parse("colnorm"));
        assertInstanceOf(RowNorm.class, Norms.parse("rownorm"));
        assertInstanceOf(MaxAbs.class, Norms.parse("maxabs"));
        assertEquals(1.5, ((Schatten) Norms.parse("schatten:1.5")).p());
        assertEquals("svd", ((Spectral) Norms.parse("spectral")).orthogonalizer().spec());
        assertEquals("ns5", ((Spectral) Norms.parse("spectral", Orthogonalizers.parse("ns5"))).orthogonalizer().spec());
        assertEquals("cubic:7", ((RmsToRms) Norms.parse("rms", NewtonSchulz.cubic(7))).orthogonalizer().spec());
        assertTrue(Norms.FORMS.containsAll(List.of("frobenius", "spectral", "nuclear", "schatten:P", "colnorm",
                "rownorm", "maxabs", "rms")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Norms.parse("spectral:2"));
        assertTrue(e.getMessage().contains("takes no parameter"), e.getMessage());
    }

    @Test
    void spectralFamilyIsExactForHugeAndTinyMagnitudes() {
        Tensor g = Matrices.gaussian(4, 3, 3);
        for (String spec : List.of("spectral", "nuclear", "schatten:3", "rms")) {
            Norm n = Norms.parse(spec);
            for (double scale : new double[] {1e150, 1e-150}) {
                Tensor big = g.scale(scale);
                assertEquals(n.value(g) * scale, n.value(big), 1e-13 * n.value(g) * scale, spec);
                assertEquals(n.dual(g) * scale, n.dual(big), 1e-13 * n.dual(g) * scale, spec);
                assertTrue(n.dualize(g).direction().maxAbsDiff(n.dualize(big).direction()) < 1e-13, spec);
            }
        }
    }
}
