package dev.steepest.core.combine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Matrices;
import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.core.Steps;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.NewtonSchulz;
import dev.steepest.testing.Gen;
import dev.steepest.testing.Gen.MatrixKind;
import dev.steepest.testing.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Max (modular) and ℓ2 combinations of several tensors, docs/STEEPEST.md §5. */
class CombinationTest {
    private static final Tensor V = Tensor.vector(3, -4);                                 // ‖·‖₂ = 5
    private static final Tensor M = Tensor.matrix(new double[][] {{2, 0}, {0, -1}});      // Σσ = 3, UVᵀ = diag(1,−1)
    private static final List<Norm> NORMS = List.of(Norms.parse("l2"), Norms.parse("spectral"));
    private static final List<Tensor> G = List.of(V, M);

    @Test
    void maxCombinationByHand() {
        MaxCombination comb = new MaxCombination(NORMS, 1, 2);
        assertEquals(5 / 1.0 + 3 / 2.0, comb.dual(G), 1e-14);
        CombinedDualized d = comb.dualize(G);
        assertArrayEquals(new double[] {0.6, -0.8}, d.directions().get(0).toArray(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0, 0, -0.5}, d.directions().get(1).toArray(), 1e-15);
        assertEquals(6.5, d.dualNorm(), 1e-14);
        assertEquals(1, comb.value(d.directions()), 1e-15);
        // value: max(1·‖x₁‖₂, 2·σ₁(x₂))
        assertEquals(Math.max(5, 2 * 2), comb.value(G), 1e-14);

        // penalized: one global scale D/(2c) for every tensor
        double c = 0.5;
        CombinedStep s = comb.penalized(G, c);
        assertEquals(6.5, s.radius(), 1e-14);
        assertArrayEquals(new double[] {-6.5 * 0.6, 6.5 * 0.8}, s.updates().get(0).toArray(), 1e-13);
        assertArrayEquals(new double[] {-6.5 * 0.5, 0, 0, 6.5 * 0.5}, s.updates().get(1).toArray(), 1e-13);
        assertEquals(-6.5 * 6.5 / (4 * c), s.objective(), 1e-12);
        assertEquals(Step.Form.PENALIZED, s.form());

        CombinedStep k = comb.constrained(G, 0.1);
        assertArrayEquals(new double[] {-0.06, 0.08}, k.updates().get(0).toArray(), 1e-15);
        assertArrayEquals(new double[] {-0.05, 0, 0, 0.05}, k.updates().get(1).toArray(), 1e-15);
        assertEquals(-0.1 * 6.5, k.objective(), 1e-14);
        assertEquals(0.1, comb.value(k.updates()), 1e-15);
    }

    @Test
    void l2CombinationPenalizedStepSplitsIntoPerTensorSteps() {
        L2Combination comb = new L2Combination(NORMS);
        assertEquals(Math.sqrt(25 + 9), comb.dual(G), 1e-14);
        double c = 0.8;
        CombinedStep s = comb.penalized(G, c);
        for (int i = 0; i < 2; i++) {
            Step own = Steps.penalized(NORMS.get(i), G.get(i), c);
            assertArrayEquals(own.update().toArray(), s.updates().get(i).toArray(), 1e-14);
        }
        assertEquals(-34 / (4 * c), s.objective(), 1e-12);
        // constrained: the radius is shared in proportion to the dual norms (5 : 3)
        CombinedStep k = comb.constrained(G, 1);
        assertEquals(1, comb.value(k.updates()), 1e-15);
        assertEquals(5 / Math.sqrt(34), Norms.parse("l2").value(k.updates().get(0)), 1e-15);
        assertEquals(3 / Math.sqrt(34), Norms.parse("spectral").value(k.updates().get(1)), 1e-14);
        assertEquals(-Math.sqrt(34), k.objective(), 1e-13);
    }

    @Test
    void aSingleTensorCombinationIsTheNormItself() {
        Norm n = Norms.parse("linf");
        Tensor g = Tensor.vector(1, -2, 0.5);
        for (Combination comb : List.of(MaxCombination.of(List.of(n)), new L2Combination(List.of(n)))) {
            assertArrayEquals(Steps.penalized(n, g, 3).update().toArray(),
                    comb.penalized(List.of(g), 3).updates().get(0).toArray(), 1e-15);
            assertArrayEquals(Steps.constrained(n, g, 0.2).update().toArray(),
                    comb.constrained(List.of(g), 0.2).updates().get(0).toArray(), 1e-15);
        }
    }

    @Test
    void zeroGradientsGiveZeroSteps() {
        List<Tensor> zero = List.of(Tensor.zerosLike(V), Tensor.zerosLike(M));
        for (Combination comb : List.of(new MaxCombination(NORMS, 1, 3), new L2Combination(NORMS))) {
            assertEquals(0, comb.dual(zero));
            comb.penalized(zero, 1).updates().forEach(u -> assertTrue(u.isZero()));
            comb.constrained(zero, 1).updates().forEach(u -> assertTrue(u.isZero()));
        }
        // one zero tensor among non-zero ones: it does not move
        CombinedStep s = new MaxCombination(NORMS, 1, 1).penalized(List.of(V, Tensor.zerosLike(M)), 1);
        assertTrue(s.updates().get(1).isZero());
    }

    @Test
    void orthogonalityErrorIsTheWorstOfTheTensors() {
        List<Norm> norms = List.of(Norms.parse("l2"), Norms.parse("spectral", NewtonSchulz.ns5()));
        List<Tensor> g = List.of(V, Matrices.gaussian(5, 3, 2));
        CombinedStep s = new L2Combination(norms).penalized(g, 1);
        double own = norms.get(1).dualize(g.get(1)).orthogonalityError();
        assertEquals(own, s.orthogonalityError(), 0);
        assertTrue(Double.isNaN(new L2Combination(List.of(Norms.parse("l2"))).penalized(List.of(V), 1)
                .orthogonalityError()));
    }

    @Test
    void badInputIsRejectedClearly() {
        assertMessage(() -> new MaxCombination(NORMS, 1), "2 norms but 1 scales");
        assertMessage(() -> new MaxCombination(NORMS, 1, 0), "scale 2");
        assertMessage(() -> new MaxCombination(NORMS, 1, Double.NaN), "scale 2");
        assertMessage(() -> new L2Combination(List.of()), "at least one norm");
        L2Combination comb = new L2Combination(NORMS);
        assertMessage(() -> comb.dual(List.of(V)), "2 norms but the gradient has 1");
        assertMessage(() -> comb.penalized(List.of(V, V), 1), "tensor 2");
        assertMessage(() -> comb.penalized(G, 0), "positive");
        assertMessage(() -> comb.constrained(G, -1), "non-negative");
        assertMessage(() -> comb.penalized(List.of(Tensor.vector(Double.NaN, 1), M), 1), "non-finite");
    }

    private static void assertMessage(Runnable r, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    // ---- properties over random lists of tensors and norms

    /** A random problem: 1–4 tensors, each with a random norm that fits its shape. */
    record Problem(List<Norm> norms, double[] scales, List<Tensor> g, List<Tensor> x) {
        @Override
        public String toString() {
            return "norms " + norms.stream().map(Norm::spec).toList() + " scales " + java.util.Arrays.toString(scales)
                    + " g " + g + " x " + x;
        }
    }

    private static final String[] VECTOR_NORMS = {"l2", "l1", "linf", "lp:3"};
    private static final String[] MATRIX_NORMS = {"frobenius", "spectral", "nuclear", "schatten:3", "colnorm",
        "rownorm", "maxabs", "rms"};

    static Problem problem(Random r) {
        int k = 1 + r.nextInt(4);
        List<Norm> norms = new ArrayList<>();
        List<Tensor> g = new ArrayList<>();
        List<Tensor> x = new ArrayList<>();
        double[] scales = new double[k];
        for (int i = 0; i < k; i++) {
            scales[i] = 0.25 + 4 * r.nextDouble();
            int m = 1 + r.nextInt(4);
            int n = 1 + r.nextInt(4);
            MatrixKind kind = Gen.oneOf(r, MatrixKind.values());
            if (r.nextBoolean()) {
                norms.add(Norms.parse(VECTOR_NORMS[r.nextInt(VECTOR_NORMS.length)]));
                g.add(Tensor.vector(Matrices.build(1, m + n, kind, 1, r.nextLong()).toArray()));
                x.add(Tensor.vector(Matrices.gaussian(1, m + n, r.nextLong()).toArray()));
            } else {
                norms.add(Norms.parse(MATRIX_NORMS[r.nextInt(MATRIX_NORMS.length)]));
                g.add(Matrices.build(m, n, kind, 1, r.nextLong()));
                x.add(Matrices.gaussian(m, n, r.nextLong()));
            }
        }
        return new Problem(norms, scales, g, x);
    }

    private static List<Combination> combinations(Problem p) {
        return List.of(new MaxCombination(p.norms(), p.scales()), new L2Combination(p.norms()));
    }

    @Test
    void dualizerInvariants() {
        Property.forAll("dualizerInvariants", 300, CombinationTest::problem, p -> {
            for (Combination comb : combinations(p)) {
                double dual = comb.dual(p.g());
                CombinedDualized d = comb.dualize(p.g());
                assertEquals(dual, d.dualNorm(), 1e-12 * dual);
                double dot = 0;
                for (int i = 0; i < p.g().size(); i++) {
                    dot += p.g().get(i).dot(d.directions().get(i));
                }
                assertEquals(dual, dot, 1e-12 * dual);
                if (dual > 0) {
                    assertEquals(1, comb.value(d.directions()), 1e-12);
                }
                double holder = dual * comb.value(p.x());
                double gx = 0;
                for (int i = 0; i < p.g().size(); i++) {
                    gx += p.g().get(i).dot(p.x().get(i));
                }
                assertTrue(gx <= holder * (1 + 1e-12) + 1e-300);
            }
        });
    }

    @Test
    void stepsHaveTheClosedFormObjectiveAndRadius() {
        Property.forAll("stepsHaveTheClosedFormObjectiveAndRadius", 300, CombinationTest::problem, p -> {
            for (Combination comb : combinations(p)) {
                double c = 0.3;
                double dual = comb.dual(p.g());
                CombinedStep s = comb.penalized(p.g(), c);
                assertEquals(-dual * dual / (4 * c), s.objective(), 1e-11 * dual * dual / (4 * c));
                assertEquals(dual / (2 * c), comb.value(s.updates()), 1e-11 * dual / (2 * c));
                CombinedStep k = comb.constrained(p.g(), 0.7);
                assertEquals(-0.7 * dual, k.objective(), 1e-12 * 0.7 * dual);
                // no candidate on the sphere does better
                double nx = comb.value(p.x());
                double candidate = 0;
                for (int i = 0; i < p.g().size(); i++) {
                    candidate += p.g().get(i).dot(p.x().get(i)) * 0.7 / nx;
                }
                assertTrue(k.objective() <= candidate + 1e-12 * Math.abs(candidate) + 1e-12 * dual);
            }
        });
    }

    @Test
    void l2PenalizedEqualsPerTensorSteps() {
        Property.forAll("l2PenalizedEqualsPerTensorSteps", 200, CombinationTest::problem, p -> {
            CombinedStep s = new L2Combination(p.norms()).penalized(p.g(), 1.7);
            for (int i = 0; i < p.g().size(); i++) {
                Tensor own = Steps.penalized(p.norms().get(i), p.g().get(i), 1.7).update();
                assertTrue(own.maxAbsDiff(s.updates().get(i)) <= 1e-12 * Math.max(1, own.maxAbs()));
            }
        });
    }
}
