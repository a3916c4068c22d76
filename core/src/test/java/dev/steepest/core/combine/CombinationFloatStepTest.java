package dev.steepest.core.combine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The combinations' float step (each part's {@link Norm#dualizeInPlace}, then the combination's factors) against
 * their double dualizer, at float precision, for seeded random tensors, with one part zero and with all zero.
 */
class CombinationFloatStepTest {

    static final List<Norm> NORMS = List.of(Norms.parse("linf"), Norms.parse("l2"), Norms.parse("colnorm"),
            Norms.parse("spectral"));
    static final List<Shape> SHAPES = List.of(Shape.vector(9), Shape.vector(70), Shape.matrix(4, 6),
            Shape.matrix(5, 3));

    @Test
    void floatStepMatchesTheDoubleDualizer() {
        List<Combination> combos = List.of(new L2Combination(NORMS), MaxCombination.of(NORMS),
                new MaxCombination(NORMS, 0.5, 2, 1, 3));
        for (Combination c : combos) {
            for (long seed = 1; seed <= 5; seed++) {
                for (int zeroPart = -1; zeroPart < NORMS.size(); zeroPart++) {
                    check(c, seed, zeroPart, false);
                }
                check(c, seed, -1, true);
            }
        }
    }

    static void check(Combination c, long seed, int zeroPart, boolean allZero) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> g = new ArrayList<>();
        List<Tensor> t = new ArrayList<>();
        for (int i = 0; i < SHAPES.size(); i++) {
            float[] x = new float[SHAPES.get(i).size()];
            if (!allZero && i != zeroPart) {
                for (int j = 0; j < x.length; j++) {
                    x[j] = (float) (r.nextGaussian() * (1 + i));
                }
            }
            g.add(x);
            t.add(SHAPES.get(i).tensor(x));
        }
        String what = c.getClass().getSimpleName() + " seed " + seed + " zero part " + zeroPart + " all zero " + allZero;
        CombinedDualized ref = c.dualize(t);
        double d = c.dualizeInPlace(g, SHAPES);
        assertEquals(ref.dualNorm(), d, 1e-5 * Math.abs(ref.dualNorm()) + 1e-30, what + ": D");
        for (int i = 0; i < g.size(); i++) {
            for (int j = 0; j < g.get(i).length; j++) {
                assertEquals(ref.directions().get(i).at(j), g.get(i)[j], 2e-6, what + ": t*[" + i + "][" + j + "]");
            }
        }
    }
}
