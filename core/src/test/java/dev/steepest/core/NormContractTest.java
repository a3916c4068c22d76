package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.NormCases.Case;
import dev.steepest.testing.Gen;
import dev.steepest.testing.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of every norm in the {@link Norms} registry (docs/STEEPEST.md §2): the dualizer attains the dual norm,
 * ⟨g,t*⟩ = ‖g‖_*, with ‖t*‖ = 1 for g ≠ 0 and t* = 0 for g = 0; Hölder's inequality ⟨g,x⟩ ≤ ‖g‖_*‖x‖; the
 * penalized step is homogeneous of degree one in g and the constrained step of degree zero; both steps reach
 * the closed-form optimum; the float step the optimizers run is a dualizer to float precision. Attainment and
 * Hölder together pin ‖g‖_* down from the norm's value alone: it is the largest ⟨g,x⟩ over the unit ball.
 * 1000 random cases per norm family and property (300 for the float step).
 */
class NormContractTest {
    private static final double REL = 1e-12;
    private static final int CASES = 1000;

    static List<String> families() {
        return NormCases.FAMILIES;
    }

    @Test
    void everyFormOfTheRegistryHasCases() {
        List<String> covered = new ArrayList<>(NormCases.VECTOR_ONLY);
        covered.addAll(NormCases.ENTRYWISE);
        covered.addAll(NormCases.MATRIX_ONLY);
        assertEquals(NormCases.FAMILIES.size(), new TreeSet<>(NormCases.FAMILIES).size(), "two forms share a name");
        assertEquals(new TreeSet<>(NormCases.FAMILIES), new TreeSet<>(covered),
                "the families the cases know differ from the registry's forms");
        Random r = new Random(0);
        for (String family : NormCases.FAMILIES) {
            Case c = NormCases.create(family, r);
            assertTrue(c.norm().spec().startsWith(family), c.norm().spec() + " for " + family);
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void dualizerAttainsTheDualNorm(String family) {
        Property.forAll("dualizerAttainsTheDualNorm[" + family + "]", CASES, r -> NormCases.create(family, r), c -> {
            double dual = c.norm().dual(c.g());
            Dualized d = c.norm().dualize(c.g());
            assertTrue(dual >= 0 && Double.isFinite(dual), "‖g‖_* = " + dual);
            assertEquals(dual, c.g().dot(d.direction()), REL * dual, "⟨g,t*⟩ differs from ‖g‖_*");
            assertEquals(dual, d.dualNorm(), REL * dual, "the dualizer's scale differs from ‖g‖_*");
        });
    }

    @ParameterizedTest
    @MethodSource("families")
    void dualizerIsAUnitVectorOrZero(String family) {
        Property.forAll("dualizerIsAUnitVectorOrZero[" + family + "]", CASES, r -> NormCases.create(family, r), c -> {
            Tensor t = c.norm().dualize(c.g()).direction();
            assertTrue(t.sameShape(c.g()), "t* has shape " + t.shapeString() + ", g has " + c.g().shapeString());
            if (c.g().isZero()) {
                assertTrue(t.isZero(), "t* must be 0 for g = 0, got " + t);
            } else {
                assertEquals(1, c.norm().value(t), REL, "‖t*‖ must be 1, t* = " + t);
            }
        });
    }

    /** x drawn like g: zeros, ties, rank deficiency, magnitudes 1e±8 and 1e±100 included. */
    record WithX(Case c, Tensor x) {
    }

    @ParameterizedTest
    @MethodSource("families")
    void hoelderInequality(String family) {
        Property.forAll("hoelderInequality[" + family + "]", CASES, r -> {
            Case c = NormCases.create(family, r);
            double[] x = c.g().isMatrix() ? Gen.matrix(r, c.g().rows(), c.g().cols())
                    : Gen.entries(r, c.g().size());
            return new WithX(c, Tensor.like(c.g(), x));
        }, w -> {
            Norm norm = w.c().norm();
            double bound = norm.dual(w.c().g()) * norm.value(w.x());
            double inner = w.c().g().dot(w.x());
            assertTrue(inner <= bound * (1 + REL) + Double.MIN_NORMAL,
                    "⟨g,x⟩ = " + inner + " exceeds ‖g‖_*·‖x‖ = " + bound);
        });
    }

    /** A case, a scale β of the gradient and a coefficient (c or η), both log-uniform over [1e-3, 1e3]. */
    record Scaled(Case c, double beta, double coefficient) {
    }

    @ParameterizedTest
    @MethodSource("families")
    void penalizedStepIsHomogeneousOfDegreeOne(String family) {
        Property.forAll("penalizedStepIsHomogeneousOfDegreeOne[" + family + "]", CASES,
                r -> new Scaled(NormCases.create(family, r), Gen.positive(r), Gen.positive(r)), s -> {
                    Norm norm = s.c().norm();
                    Step plain = Steps.penalized(norm, s.c().g(), s.coefficient());
                    Step scaled = Steps.penalized(norm, s.c().g().scale(s.beta()), s.coefficient());
                    assertClose(plain.update().scale(s.beta()), scaled.update(), "u(βg) ≠ β·u(g)");
                });
    }

    @ParameterizedTest
    @MethodSource("families")
    void constrainedStepIsScaleFree(String family) {
        Property.forAll("constrainedStepIsScaleFree[" + family + "]", CASES,
                r -> new Scaled(NormCases.create(family, r), Gen.positive(r), Gen.positive(r)), s -> {
                    Norm norm = s.c().norm();
                    Step plain = Steps.constrained(norm, s.c().g(), s.coefficient());
                    Step scaled = Steps.constrained(norm, s.c().g().scale(s.beta()), s.coefficient());
                    assertClose(plain.update(), scaled.update(), "u(βg) ≠ u(g)");
                });
    }

    /**
     * The steps reach the closed-form optimum (docs/STEEPEST.md §2): penalized ‖u‖ = ‖g‖_* / (2c) and objective
     * ⟨g,u⟩ + c‖u‖² = −‖g‖_*²/(4c); constrained ‖u‖ = η (u = 0 at g = 0) and objective ⟨g,u⟩ = −η‖g‖_*. By
     * Hölder no Δ does better, so these values make u the argmin.
     */
    @ParameterizedTest
    @MethodSource("families")
    void stepsReachTheClosedFormOptimum(String family) {
        Property.forAll("stepsReachTheClosedFormOptimum[" + family + "]", CASES,
                r -> new Scaled(NormCases.create(family, r), 1, Gen.positive(r)), s -> {
                    Norm norm = s.c().norm();
                    Tensor g = s.c().g();
                    double k = s.coefficient();
                    double dual = norm.dual(g);
                    Step p = Steps.penalized(norm, g, k);
                    double radius = dual / (2 * k);
                    assertEquals(radius, norm.value(p.update()), 1e-11 * radius, "penalized ‖u‖");
                    assertEquals(radius, p.radius(), 1e-11 * radius, "penalized radius");
                    double optimum = -dual * dual / (4 * k);
                    double n = norm.value(p.update());
                    double objective = g.dot(p.update()) + k * n * n; // k·n first: n² alone may overflow
                    assertEquals(optimum, objective, 1e-11 * Math.abs(optimum), "penalized objective");
                    assertEquals(optimum, p.objective(), 1e-11 * Math.abs(optimum), "reported penalized objective");
                    Step c = Steps.constrained(norm, g, k);
                    assertEquals(g.isZero() ? 0 : k, norm.value(c.update()), 1e-12 * k, "constrained ‖u‖");
                    assertEquals(-k * dual, g.dot(c.update()), 1e-12 * k * dual, "constrained objective");
                    assertEquals(-k * dual, c.objective(), 1e-12 * k * dual, "reported constrained objective");
                });
    }

    /** A case whose gradient is rounded to float, scaled so that its largest entry is 1, 1e-6 or 1e6. */
    record FloatCase(Case c, float[] g) {
    }

    static FloatCase floatCase(String family, Random r) {
        Case c = NormCases.create(family, r);
        double max = c.g().maxAbs();
        double scale = max == 0 ? 1 : Gen.oneOf(r, 1.0, 1e-6, 1e6) / max;
        float[] g = new float[c.g().size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (c.g().at(i) * scale);
        }
        return new FloatCase(c, g);
    }

    /**
     * The float step ({@link Norm#dualizeInPlace}) gives a dualizer to float precision: with t the float result
     * and g the float gradient, ⟨g,t⟩ = ‖g‖_* and ‖t‖ = 1 (t = 0 at g = 0) to 1e-4, and the scale it returns is
     * ‖g‖_* to 1e-4. These two facts make t a dualizer whether or not t* is unique.
     */
    @ParameterizedTest
    @MethodSource("families")
    void floatStepIsADualizerToFloatPrecision(String family) {
        Property.forAll("floatStepIsADualizerToFloatPrecision[" + family + "]", 300, r -> floatCase(family, r),
                fc -> {
                    Norm norm = fc.c().norm();
                    Shape shape = Shape.of(fc.c().g());
                    Tensor g = shape.tensor(fc.g());
                    double dual = norm.dual(g);
                    float[] t = fc.g().clone();
                    double scale = norm.dualizeInPlace(t, shape);
                    Tensor tt = shape.tensor(t);
                    assertEquals(dual, scale, 1e-4 * dual, "the returned scale differs from ‖g‖_*");
                    assertEquals(dual, g.dot(tt), 1e-4 * dual, "⟨g,t⟩ differs from ‖g‖_*, t = " + tt);
                    if (g.isZero()) {
                        assertTrue(tt.isZero(), "t must be 0 for g = 0, got " + tt);
                    } else {
                        assertEquals(1, norm.value(tt), 1e-4, "‖t‖ must be 1, t = " + tt);
                    }
                });
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        double diff = expected.maxAbsDiff(actual);
        assertTrue(diff <= 1e-11 * expected.maxAbs(), what + ": expected " + expected + ", got " + actual);
    }
}
