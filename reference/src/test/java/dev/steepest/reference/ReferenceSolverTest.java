package dev.steepest.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Steps;
import dev.steepest.core.Tensor;
import dev.steepest.core.vector.DiagonalL2;
import org.junit.jupiter.api.Test;

/** Plain cases of the reference solver: worked examples, edge cases and bad input. */
class ReferenceSolverTest {

    /** A norm that offers only its value: proves the solver needs nothing else. */
    private record ValueOnly(Norm inner) implements Norm {
        public String spec() {
            return inner.spec();
        }

        public double value(Tensor x) {
            return inner.value(x);
        }

        public double dual(Tensor g) {
            throw new AssertionError("the reference solver asked for the dual norm");
        }

        public Dualized dualize(Tensor g) {
            throw new AssertionError("the reference solver asked for the dualizer");
        }

        public boolean uniqueAt(Tensor g) {
            throw new AssertionError("the reference solver asked for uniqueAt");
        }

        public void checkShape(Tensor x) {
            inner.checkShape(x);
        }
    }

    @Test
    void homeworkSignDescentScaledByL1NormFromValuesAlone() {
        // ⟨g,Δ⟩ + (1/(2α))‖Δ‖∞² with α = 0.5, g = (3, −1, 2): u = −α‖g‖₁ sign(g) = (−3, 3, −3)
        ReferenceSolver.Result r = ReferenceSolver.penalized(new ValueOnly(Norms.parse("linf")),
                Tensor.vector(3, -1, 2), 1.0);
        assertArrayEquals(new double[] {-3, 3, -3}, r.step().toArray(), 1e-12);
        assertEquals(-9, r.objective(), 1e-12);
        assertEquals(6, r.dualLower(), 1e-12);
        assertEquals(6, r.dualUpper(), 1e-9);
    }

    @Test
    void valueOnlyNormsAgreeWithClosedForms() {
        Tensor g = Tensor.vector(0.3, -1.2, 0.05, 2.0, -0.7);
        for (String spec : new String[] {"l2", "l1", "linf", "lp:3", "lp:1.5"}) {
            Norm norm = Norms.parse(spec);
            double exact = Steps.constrained(norm, g, 0.1).objective();
            double ref = ReferenceSolver.constrained(new ValueOnly(norm), g, 0.1).objective();
            assertEquals(exact, ref, 1e-12 * Math.abs(exact), spec);
        }
    }

    @Test
    void zeroGradientGivesZeroStep() {
        Tensor g = Tensor.vector(0, 0, 0);
        ReferenceSolver.Result p = ReferenceSolver.penalized(Norms.parse("lp:3"), g, 2);
        assertTrue(p.step().isZero());
        assertEquals(0, p.objective());
        assertEquals(0, p.dualLower());
        ReferenceSolver.Result c = ReferenceSolver.constrained(Norms.parse("l1"), g, 2);
        assertTrue(c.step().isZero());
        assertEquals(0, c.iterations());
    }

    @Test
    void oneDimensionIsGradientDescentForEveryVectorNorm() {
        Tensor g = Tensor.vector(-2.5);
        for (String spec : new String[] {"l2", "l1", "linf", "lp:4", "diag:4", "wlinf:0.5"}) {
            Norm norm = Norms.parse(spec);
            double w = norm.value(Tensor.vector(1));
            // N(x) = w|x|: u = −g/(2c w²)
            double[] expected = {2.5 / (2 * 0.8 * w * w)};
            assertArrayEquals(expected, ReferenceSolver.penalized(norm, g, 0.8).step().toArray(), 1e-12 * expected[0],
                    spec);
        }
    }

    @Test
    void hugeAndTinyGradientsKeepFullRelativeAccuracy() {
        for (double scale : new double[] {1e-300, 1e-100, 1e100, 1e300}) {
            Tensor g = Tensor.vector(1, -2, 3, 0.5).scale(scale);
            for (String spec : new String[] {"l2", "l1", "linf", "lp:3"}) {
                Norm norm = Norms.parse(spec);
                double exact = Steps.constrained(norm, g, 1).objective();
                double ref = ReferenceSolver.constrained(norm, g, 1).objective();
                assertEquals(exact, ref, 1e-12 * Math.abs(exact), spec + " at scale " + scale);
            }
        }
    }

    @Test
    void extremeWeightsAreHandledByScaledCoordinates() {
        Norm norm = new DiagonalL2(1e-40, 1, 1e40);
        Tensor g = Tensor.vector(1, 1, 1);
        double exact = Steps.penalized(norm, g, 1).objective();
        double ref = ReferenceSolver.penalized(norm, g, 1).objective();
        assertEquals(exact, ref, 1e-12 * Math.abs(exact));
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        Norm l2 = Norms.parse("l2");
        Tensor g = Tensor.vector(1, 2);
        assertMessage("penalty coefficient", () -> ReferenceSolver.penalized(l2, g, 0));
        assertMessage("penalty coefficient", () -> ReferenceSolver.penalized(l2, g, Double.NaN));
        assertMessage("radius", () -> ReferenceSolver.constrained(l2, g, -1));
        assertMessage("radius", () -> ReferenceSolver.constrained(l2, g, Double.POSITIVE_INFINITY));
        assertMessage("non-finite", () -> ReferenceSolver.constrained(l2, Tensor.vector(1, Double.NaN), 1));
        assertMessage("3 weights", () -> ReferenceSolver.constrained(Norms.parse("diag:1,2,3"), g, 1));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should mention " + part);
    }
}
