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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The invariants of STEEPEST.md §2 for every matrix norm, over matrices of every kind and magnitude. */
class MatrixNormPropertiesTest {
    private static final double REL = 1e-12;
    private static final int TRIES = 250;

    @Provide
    Arbitrary<Norm> norms() {
        return Arbitraries.of("frobenius", "spectral", "nuclear", "schatten:3", "schatten:1.5", "colnorm", "rownorm",
                "maxabs", "rms").map(Norms::parse);
    }

    @Provide
    Arbitrary<Tensor> matrices() {
        return Matrices.any();
    }

    @Provide
    Arbitrary<Double> betas() {
        return Arbitraries.of(0.5, 2.0, 3.0, 1e-3, 0.7);
    }

    @Property(tries = TRIES)
    void dualizerAttainsTheDualNorm(@ForAll("norms") Norm norm, @ForAll("matrices") Tensor g) {
        double dual = norm.dual(g);
        Dualized d = norm.dualize(g);
        assertEquals(dual, g.dot(d.direction()), REL * dual, norm.spec() + " ⟨g,t*⟩ at " + g);
        assertEquals(dual, d.dualNorm(), REL * dual, norm.spec() + " reported scale at " + g);
        assertTrue(dual >= 0 && Double.isFinite(dual));
    }

    @Property(tries = TRIES)
    void dualizerHasUnitNormAndIsZeroAtZero(@ForAll("norms") Norm norm, @ForAll("matrices") Tensor g) {
        Tensor t = norm.dualize(g).direction();
        assertTrue(t.sameShape(g));
        if (g.isZero()) {
            assertTrue(t.isZero(), norm.spec() + ": t* must be 0 at g = 0");
        } else {
            assertEquals(1, norm.value(t), REL, norm.spec() + " ‖t*‖ at " + g);
        }
    }

    @Property(tries = TRIES)
    void hoelder(@ForAll("norms") Norm norm, @ForAll("matrices") Tensor g, @ForAll long seed,
                 @ForAll("xMagnitudes") double xMagnitude) {
        Tensor x = Matrices.gaussian(g.rows(), g.cols(), seed).scale(xMagnitude);
        double lhs = g.dot(x);
        double rhs = norm.dual(g) * norm.value(x);
        assertTrue(lhs <= rhs * (1 + REL), norm.spec() + ": ⟨g,x⟩ = " + lhs + " > ‖g‖_*‖x‖ = " + rhs);
    }

    @Provide
    Arbitrary<Double> xMagnitudes() {
        return Arbitraries.of(1.0, 1e100, 1e-100);
    }

    @Property(tries = TRIES)
    void penalizedStepIsHomogeneousOfDegreeOne(@ForAll("norms") Norm norm, @ForAll("matrices") Tensor g,
                                               @ForAll("betas") double beta) {
        double c = 0.75;
        Step s = Steps.penalized(norm, g, c);
        Step sb = Steps.penalized(norm, g.scale(beta), c);
        assertEquals(beta * s.radius(), sb.radius(), REL * 10 * beta * s.radius());
        assertEquals(beta * beta * s.objective(), sb.objective(), 1e-10 * Math.abs(beta * beta * s.objective()));
        if (norm.uniqueAt(g)) {
            Tensor expected = s.update().scale(beta);
            assertTrue(expected.maxAbsDiff(sb.update()) <= 1e-10 * expected.maxAbs(),
                    norm.spec() + ": u(βg) ≠ βu(g) at " + g);
        }
    }

    @Property(tries = TRIES)
    void constrainedStepIsScaleInvariant(@ForAll("norms") Norm norm, @ForAll("matrices") Tensor g,
                                         @ForAll("betas") double beta) {
        double eta = 0.3;
        Step s = Steps.constrained(norm, g, eta);
        Step sb = Steps.constrained(norm, g.scale(beta), eta);
        assertEquals(beta * s.objective(), sb.objective(), 1e-10 * Math.abs(beta * s.objective()));
        if (norm.uniqueAt(g)) {
            assertTrue(s.update().maxAbsDiff(sb.update()) <= 1e-10 * eta, norm.spec() + ": u(βg) ≠ u(g) at " + g);
        }
        if (!g.isZero()) {
            assertEquals(eta, norm.value(s.update()), REL * eta);
        }
    }

    @Property(tries = TRIES)
    void penalizedObjectiveIsMinusDualSquaredOverFourC(@ForAll("norms") Norm norm, @ForAll("matrices") Tensor g) {
        double c = 2.5;
        Step s = Steps.penalized(norm, g, c);
        double dual = norm.dual(g);
        double expected = -dual * dual / (4 * c);
        assertEquals(expected, s.objective(), 1e-11 * Math.abs(expected), norm.spec() + " at " + g);
        assertEquals(dual / (2 * c), norm.value(s.update()), 1e-11 * dual / (2 * c));
    }

    @Property(tries = 60)
    void zeroGradientGivesZeroSteps(@ForAll("norms") Norm norm, @ForAll("shapes") int rows, @ForAll("shapes") int cols) {
        Tensor zero = Tensor.matrix(rows, cols, new double[rows * cols]);
        assertTrue(Steps.penalized(norm, zero, 1).update().isZero());
        assertTrue(Steps.constrained(norm, zero, 1).update().isZero());
        assertEquals(0, norm.dual(zero));
        assertEquals(0, norm.value(zero));
        assertTrue(norm.uniqueAt(zero));
    }

    @Provide
    Arbitrary<Integer> shapes() {
        return Arbitraries.integers().between(1, 5);
    }

    @Property(tries = TRIES)
    void stepsBeatEveryOtherCandidateOfTheSameNorm(@ForAll("norms") Norm norm, @ForAll("matrices") Tensor g,
                                                   @ForAll long seed) {
        // ⟨g, x⟩ ≥ −‖g‖_*·‖x‖, so no x of norm η can do better than the constrained step
        double eta = 1.25;
        Step s = Steps.constrained(norm, g, eta);
        Tensor x = Matrices.gaussian(g.rows(), g.cols(), seed);
        double nx = norm.value(x);
        double candidate = g.dot(x.scale(eta / nx));
        assertTrue(s.objective() <= candidate + REL * Math.abs(candidate) + REL * Math.abs(s.objective()));
    }
}
