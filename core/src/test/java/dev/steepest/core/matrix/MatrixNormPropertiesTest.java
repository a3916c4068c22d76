package dev.steepest.core.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Dualized;
import dev.steepest.core.Matrices;
import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.core.Steps;
import dev.steepest.core.Tensor;
import dev.steepest.testing.Gen;
import dev.steepest.testing.Property;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The invariants of docs/STEEPEST.md §2 for every matrix norm, over matrices of every kind and magnitude. */
class MatrixNormPropertiesTest {
    private static final double REL = 1e-12;
    private static final int CASES = 250;

    private static final String[] NORMS = {"frobenius", "spectral", "nuclear", "schatten:3", "schatten:1.5",
        "colnorm", "rownorm", "maxabs", "rms"};

    /** A matrix norm (by spec), a matrix of any kind and magnitude, a scale β and a seed for a second matrix x. */
    record Input(String norm, Tensor g, double beta, long seed) {
        Norm parsed() {
            return Norms.parse(norm);
        }
    }

    static Input input(Random r) {
        return new Input(Gen.oneOf(r, NORMS), Matrices.any(r), Gen.oneOf(r, 0.5, 2.0, 3.0, 1e-3, 0.7), r.nextLong());
    }

    @Test
    void dualizerAttainsTheDualNorm() {
        Property.forAll("dualizerAttainsTheDualNorm", CASES, MatrixNormPropertiesTest::input, in -> {
            Norm norm = in.parsed();
            Tensor g = in.g();
            double dual = norm.dual(g);
            Dualized d = norm.dualize(g);
            assertEquals(dual, g.dot(d.direction()), REL * dual, "⟨g,t*⟩");
            assertEquals(dual, d.dualNorm(), REL * dual, "reported scale");
            assertTrue(dual >= 0 && Double.isFinite(dual));
        });
    }

    @Test
    void dualizerHasUnitNormAndIsZeroAtZero() {
        Property.forAll("dualizerHasUnitNormAndIsZeroAtZero", CASES, MatrixNormPropertiesTest::input, in -> {
            Norm norm = in.parsed();
            Tensor t = norm.dualize(in.g()).direction();
            assertTrue(t.sameShape(in.g()));
            if (in.g().isZero()) {
                assertTrue(t.isZero(), "t* must be 0 at g = 0");
            } else {
                assertEquals(1, norm.value(t), REL, "‖t*‖");
            }
        });
    }

    /** An input and the magnitude of x. */
    record WithX(Input in, double xMagnitude) {
    }

    @Test
    void hoelder() {
        Property.forAll("hoelder", CASES, r -> new WithX(input(r), Gen.oneOf(r, 1.0, 1e100, 1e-100)), w -> {
            Norm norm = w.in().parsed();
            Tensor g = w.in().g();
            Tensor x = Matrices.gaussian(g.rows(), g.cols(), w.in().seed()).scale(w.xMagnitude());
            double lhs = g.dot(x);
            double rhs = norm.dual(g) * norm.value(x);
            assertTrue(lhs <= rhs * (1 + REL), "⟨g,x⟩ = " + lhs + " > ‖g‖_*‖x‖ = " + rhs);
        });
    }

    @Test
    void penalizedStepIsHomogeneousOfDegreeOne() {
        Property.forAll("penalizedStepIsHomogeneousOfDegreeOne", CASES, MatrixNormPropertiesTest::input, in -> {
            Norm norm = in.parsed();
            Tensor g = in.g();
            double beta = in.beta();
            double c = 0.75;
            Step s = Steps.penalized(norm, g, c);
            Step sb = Steps.penalized(norm, g.scale(beta), c);
            assertEquals(beta * s.radius(), sb.radius(), REL * 10 * beta * s.radius());
            assertEquals(beta * beta * s.objective(), sb.objective(), 1e-10 * Math.abs(beta * beta * s.objective()));
            if (norm.uniqueAt(g)) {
                Tensor expected = s.update().scale(beta);
                assertTrue(expected.maxAbsDiff(sb.update()) <= 1e-10 * expected.maxAbs(), "u(βg) ≠ βu(g)");
            }
        });
    }

    @Test
    void constrainedStepIsScaleInvariant() {
        Property.forAll("constrainedStepIsScaleInvariant", CASES, MatrixNormPropertiesTest::input, in -> {
            Norm norm = in.parsed();
            Tensor g = in.g();
            double beta = in.beta();
            double eta = 0.3;
            Step s = Steps.constrained(norm, g, eta);
            Step sb = Steps.constrained(norm, g.scale(beta), eta);
            assertEquals(beta * s.objective(), sb.objective(), 1e-10 * Math.abs(beta * s.objective()));
            if (norm.uniqueAt(g)) {
                assertTrue(s.update().maxAbsDiff(sb.update()) <= 1e-10 * eta, "u(βg) ≠ u(g)");
            }
            if (!g.isZero()) {
                assertEquals(eta, norm.value(s.update()), REL * eta);
            }
        });
    }

    @Test
    void penalizedObjectiveIsMinusDualSquaredOverFourC() {
        Property.forAll("penalizedObjectiveIsMinusDualSquaredOverFourC", CASES, MatrixNormPropertiesTest::input,
                in -> {
                    Norm norm = in.parsed();
                    double c = 2.5;
                    Step s = Steps.penalized(norm, in.g(), c);
                    double dual = norm.dual(in.g());
                    double expected = -dual * dual / (4 * c);
                    assertEquals(expected, s.objective(), 1e-11 * Math.abs(expected));
                    assertEquals(dual / (2 * c), norm.value(s.update()), 1e-11 * dual / (2 * c));
                });
    }

    @Test
    void zeroGradientGivesZeroSteps() {
        // every norm at every shape 1..5 × 1..5
        for (String spec : NORMS) {
            Norm norm = Norms.parse(spec);
            for (int rows = 1; rows <= 5; rows++) {
                for (int cols = 1; cols <= 5; cols++) {
                    Tensor zero = Tensor.matrix(rows, cols, new double[rows * cols]);
                    String where = spec + " " + rows + "x" + cols;
                    assertTrue(Steps.penalized(norm, zero, 1).update().isZero(), where);
                    assertTrue(Steps.constrained(norm, zero, 1).update().isZero(), where);
                    assertEquals(0, norm.dual(zero), where);
                    assertEquals(0, norm.value(zero), where);
                    assertTrue(norm.uniqueAt(zero), where);
                }
            }
        }
    }

    @Test
    void stepsBeatEveryOtherCandidateOfTheSameNorm() {
        Property.forAll("stepsBeatEveryOtherCandidateOfTheSameNorm", CASES, MatrixNormPropertiesTest::input, in -> {
            // ⟨g, x⟩ ≥ −‖g‖_*·‖x‖, so no x of norm η can do better than the constrained step
            Norm norm = in.parsed();
            Tensor g = in.g();
            double eta = 1.25;
            Step s = Steps.constrained(norm, g, eta);
            Tensor x = Matrices.gaussian(g.rows(), g.cols(), in.seed());
            double nx = norm.value(x);
            double candidate = g.dot(x.scale(eta / nx));
            assertTrue(s.objective() <= candidate + REL * Math.abs(candidate) + REL * Math.abs(s.objective()));
        });
    }
}
