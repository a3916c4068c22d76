package dev.steepest.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Matrices;
import dev.steepest.core.Tensor;
import dev.steepest.testing.Gen;
import dev.steepest.testing.Property;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Newton–Schulz, Polar Express and the registry of orthogonalizers. */
class OrthogonalizersTest {

    /** U diag(s) Vᵀ with random orthonormal U, V and s uniform in [0.1, 1]: condition number ≤ 10. */
    static Tensor wellConditioned(int m, int n, long seed) {
        Svd.Decomposition a = Svd.decompose(Matrices.gaussian(m, n, seed));
        Random r = new Random(seed + 1);
        double[] s = new double[Math.min(m, n)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 0.1 + 0.9 * r.nextDouble();
        }
        return a.compose(s);
    }

    /** A well-conditioned matrix of 1 to 12 rows and columns. */
    static Tensor wellConditioned(Random r) {
        return wellConditioned(Gen.between(r, 1, 12), Gen.between(r, 1, 12), r.nextLong());
    }

    @Test
    void ns5SingularValuesLandNearOne() {
        Property.forAll("ns5SingularValuesLandNearOne", 150, OrthogonalizersTest::wellConditioned, g -> {
            Orthogonalizer.Polar p = NewtonSchulz.ns5().orthogonalize(g);
            for (double s : Svd.decompose(p.factor()).sigma()) {
                assertTrue(s >= 0.6 && s <= 1.25, "ns5 singular value " + s);
            }
        });
    }

    @Test
    void polarExpressConvergesToThePolarFactor() {
        Property.forAll("polarExpressConvergesToThePolarFactor", 150, OrthogonalizersTest::wellConditioned, g -> {
            Orthogonalizer.Polar p = new PolarExpress().orthogonalize(g);
            assertTrue(p.orthogonalityError() < 1e-12, "error " + p.orthogonalityError());
            assertTrue(p.factor().maxAbsDiff(Svd.decompose(g).polar()) < 1e-12);
        });
    }

    @Test
    void cubicConvergesWithEnoughSteps() {
        Property.forAll("cubicConvergesWithEnoughSteps", 100, OrthogonalizersTest::wellConditioned, g -> {
            double few = NewtonSchulz.cubic(3).orthogonalize(g).orthogonalityError();
            Orthogonalizer.Polar many = NewtonSchulz.cubic(60).orthogonalize(g);
            assertTrue(many.orthogonalityError() < 1e-12, "cubic:60 error " + many.orthogonalityError());
            assertTrue(many.factor().maxAbsDiff(Svd.decompose(g).polar()) < 1e-12);
            assertTrue(few + 1e-14 >= many.orthogonalityError());
        });
    }

    @Test
    void polarExpressBeatsNs5() {
        for (long seed = 0; seed < 20; seed++) {
            Tensor g = wellConditioned(10, 6, seed);
            double ns5 = NewtonSchulz.ns5().orthogonalize(g).orthogonalityError();
            double pe = new PolarExpress().orthogonalize(g).orthogonalityError();
            assertTrue(ns5 > 0.01, "ns5 is deliberately inexact: " + ns5);
            assertTrue(pe < 1e-6 * ns5, "polar-express " + pe + " vs ns5 " + ns5);
        }
    }

    @Test
    void ns5ErrorIsReportedHonestly() {
        Tensor g = wellConditioned(8, 5, 3);
        Orthogonalizer.Polar p = NewtonSchulz.ns5().orthogonalize(g);
        Tensor o = p.factor();
        double[] ot = Mat.transpose(o.toArray(), 8, 5);
        double direct = Mat.frobeniusDistance(Mat.gramOfRows(ot, 5, 8), Mat.identity(5));
        assertEquals(direct, p.orthogonalityError(), 1e-13);
        // the polynomial keeps the singular vectors: O = U p(Σ) Vᵀ, so O commutes with the polar factor's shape
        Tensor exact = Svd.decompose(g).polar();
        assertTrue(o.maxAbsDiff(exact) < 0.3);
    }

    @Test
    void rankDeficientInputsKeepTheirMissingDirectionsInTheError() {
        Tensor rankOne = Tensor.matrix(new double[][] {{1, 2, 3}, {2, 4, 6}, {-1, -2, -3}});
        for (Orthogonalizer o : List.of(NewtonSchulz.ns5(), NewtonSchulz.cubic(40), new PolarExpress())) {
            Orthogonalizer.Polar p = o.orthogonalize(rankOne);
            assertTrue(p.orthogonalityError() >= Math.sqrt(2) - 1e-6, o.spec() + ": " + p.orthogonalityError());
        }
        // one definition for every orthogonalizer: the exact U_r V_rᵀ of a rank-one 3×3 input is √2 from orthogonal
        assertEquals(Math.sqrt(2), new Svd().orthogonalize(rankOne).orthogonalityError(), 1e-12);
        Tensor pe = new PolarExpress().orthogonalize(rankOne).factor();
        assertTrue(pe.maxAbsDiff(Svd.decompose(rankOne).polar()) < 1e-10);
    }

    @Test
    void zeroInputGivesZeroFactor() {
        Tensor zero = Tensor.matrix(3, 2, new double[6]);
        for (Orthogonalizer o : List.of(new Svd(), NewtonSchulz.ns5(), NewtonSchulz.cubic(4), new PolarExpress())) {
            Orthogonalizer.Polar p = o.orthogonalize(zero);
            assertTrue(p.factor().isZero(), o.spec());
            assertTrue(p.factor().sameShape(zero));
            assertEquals(0, p.orthogonalityError(), 0, o.spec());
        }
    }

    /** A well-conditioned matrix, a huge or tiny scale, and an orthogonalizer's spec. */
    record Scaled(Tensor g, double scale, String orthogonalizer) {
    }

    @Test
    void scaleInvariantForHugeAndTinyInputs() {
        Property.forAll("scaleInvariantForHugeAndTinyInputs", 100, r -> new Scaled(wellConditioned(r),
                Gen.oneOf(r, 1e150, 1e-150, 1e-300, 1e300), Gen.oneOf(r, "svd", "ns5", "cubic:30", "polar-express")),
                s -> {
                    Orthogonalizer o = Orthogonalizers.parse(s.orthogonalizer());
                    Tensor base = o.orthogonalize(s.g()).factor();
                    Tensor scaled = o.orthogonalize(s.g().scale(s.scale())).factor();
                    assertTrue(scaled.maxAbsDiff(base) < 1e-12, o.spec() + " at scale " + s.scale());
                });
    }

    @Test
    void rejectsVectors() {
        for (Orthogonalizer o : List.of(new Svd(), NewtonSchulz.ns5(), new PolarExpress())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> o.orthogonalize(Tensor.vector(1, 2)));
            assertTrue(e.getMessage().contains("matrix"), e.getMessage());
        }
    }

    @Test
    void parseAcceptsEveryForm() {
        assertInstanceOf(Svd.class, Orthogonalizers.parse("svd"));
        assertTrue(Orthogonalizers.parse("SVD").exact());
        assertEquals("ns5", Orthogonalizers.parse("ns5").spec());
        assertFalse(Orthogonalizers.parse("ns5").exact());
        assertEquals(5, ((NewtonSchulz) Orthogonalizers.parse("ns5")).steps());
        NewtonSchulz cubic = (NewtonSchulz) Orthogonalizers.parse(" cubic:20 ");
        assertEquals(20, cubic.steps());
        assertEquals("cubic:20", cubic.spec());
        PolarExpress pe = (PolarExpress) Orthogonalizers.parse("polar-express");
        assertEquals(PolarExpress.DEFAULT_STEPS, pe.steps());
        assertEquals("polar-express", pe.spec());
        assertEquals(12, ((PolarExpress) Orthogonalizers.parse("polar-express:12")).steps());
        for (String form : List.of("svd", "ns5", "cubic:3", "polar-express", "polar-express:4")) {
            assertEquals(form, Orthogonalizers.parse(form).spec());
        }
    }

    @Test
    void parseRejectsBadSpecsClearly() {
        assertMessage(null, "no orthogonalizer");
        assertMessage("  ", "no orthogonalizer");
        assertMessage("qr", "unknown orthogonalizer 'qr'");
        assertMessage("cubic", "needs a number of steps");
        assertMessage("cubic:", "needs a number of steps");
        assertMessage("cubic:0", "between 1 and");
        assertMessage("cubic:-3", "between 1 and");
        assertMessage("cubic:2.5", "positive integer");
        assertMessage("cubic:x", "positive integer");
        assertMessage("ns5:3", "takes no parameter");
        assertMessage("svd:1", "takes no parameter");
        assertMessage("polar-express:0", "between 1 and");
        assertMessage("cubic:100000", "between 1 and");
    }

    private static void assertMessage(String spec, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Orthogonalizers.parse(spec));
        assertTrue(e.getMessage().contains(part), "'" + spec + "' gave: " + e.getMessage());
    }
}
