package dev.steepest.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Steps;
import dev.steepest.core.Tensor;
import dev.steepest.reference.Cases.Case;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The invariants of STEEPEST.md §2 for every norm's closed form: ⟨g,t*⟩ = ‖g‖_*, ‖t*‖ = 1 for
 * g ≠ 0 (t* = 0 for g = 0), Hölder's inequality, and homogeneity of both step forms.
 */
class DualizerProperties {
    private static final double REL = 1e-12;

    @Provide
    Arbitrary<Case> cases() {
        return Cases.any();
    }

    @Provide
    Arbitrary<Double> positive() {
        return Arbitraries.doubles().between(-3, 3).map(e -> Math.pow(10, e));
    }

    @Property(tries = 15000)
    void dualizerAttainsTheDualNorm(@ForAll("cases") Case c) {
        Statistics.collect(c.family());
        double dual = c.norm().dual(c.g());
        Dualized d = c.norm().dualize(c.g());
        assertTrue(dual >= 0, "dual norm is negative: " + dual);
        assertEquals(dual, c.g().dot(d.direction()), REL * dual, "⟨g,t*⟩ differs from ‖g‖_*");
        assertEquals(dual, d.dualNorm(), REL * dual, "the dualizer's scale differs from ‖g‖_*");
    }

    @Property(tries = 15000)
    void dualizerIsAUnitVectorOrZero(@ForAll("cases") Case c) {
        Tensor t = c.norm().dualize(c.g()).direction();
        assertTrue(t.sameShape(c.g()), "t* has shape " + t.shapeString() + ", g has " + c.g().shapeString());
        if (c.g().isZero()) {
            assertTrue(t.isZero(), "t* must be 0 for g = 0, got " + t);
        } else {
            assertEquals(1, c.norm().value(t), REL, "‖t*‖ must be 1");
        }
    }

    @Property(tries = 15000)
    void holderInequality(@ForAll("cases") Case c, @ForAll long seed) {
        java.util.Random r = new java.util.Random(seed);
        Tensor x = Tensor.like(c.g(), Cases.entries(c.g().size(), r));
        double bound = c.norm().dual(c.g()) * c.norm().value(x);
        double inner = c.g().dot(x);
        assertTrue(inner <= bound * (1 + REL) + Double.MIN_NORMAL,
                "⟨g,x⟩ = " + inner + " exceeds ‖g‖_*·‖x‖ = " + bound + " at x = " + x);
    }

    @Property(tries = 15000)
    void penalizedStepIsHomogeneousOfDegreeOne(@ForAll("cases") Case c, @ForAll("positive") double beta,
                                               @ForAll("positive") double coefficient) {
        Norm norm = c.norm();
        Tensor scaled = Steps.penalized(norm, c.g().scale(beta), coefficient).update();
        Tensor expected = Steps.penalized(norm, c.g(), coefficient).update().scale(beta);
        assertClose(expected, scaled, "u(βg) ≠ β·u(g) with β = " + beta);
    }

    @Property(tries = 15000)
    void constrainedStepIsScaleFree(@ForAll("cases") Case c, @ForAll("positive") double beta,
                                    @ForAll("positive") double radius) {
        Norm norm = c.norm();
        Tensor scaled = Steps.constrained(norm, c.g().scale(beta), radius).update();
        Tensor plain = Steps.constrained(norm, c.g(), radius).update();
        assertClose(plain, scaled, "u(βg) ≠ u(g) with β = " + beta);
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        double diff = expected.maxAbsDiff(actual);
        assertTrue(diff <= 1e-11 * expected.maxAbs(), what + ": expected " + expected + ", got " + actual);
    }
}
