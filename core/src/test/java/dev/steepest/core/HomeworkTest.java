package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The worked cases of docs/STEEPEST.md §3, as plain tests. */
class HomeworkTest {
    private static final Tensor G = Tensor.vector(3, -1, 2);

    @Test
    void partA_l2WithOneOverAlphaIsGradientDescentAtRateAlphaOverTwo() {
        double alpha = 0.3;
        Step s = Steps.penalized(Norms.parse("l2"), G, 1 / alpha);
        assertArrayEquals(G.scale(-alpha / 2).toArray(), s.update().toArray(), 1e-15);
    }

    @Test
    void partB_linfWithOneOverTwoAlphaIsSignDescentScaledByL1() {
        double alpha = 0.5;
        Step s = Steps.penalized(Norms.parse("linf"), G, 1 / (2 * alpha));
        assertArrayEquals(new double[] {-3, 3, -3}, s.update().toArray(), 0);
        assertEquals(6, s.dualNorm(), 0);
    }

    @Test
    void partB_linfWithOneOverAlphaHalvesTheStep() {
        double alpha = 0.5;
        Step s = Steps.penalized(Norms.parse("linf"), G, 1 / alpha);
        assertArrayEquals(new double[] {-1.5, 1.5, -1.5}, s.update().toArray(), 0);
    }

    @Test
    void constrainedLinfIsSignSgd() {
        Step s = Steps.constrained(Norms.parse("linf"), G, 0.01);
        assertArrayEquals(new double[] {-0.01, 0.01, -0.01}, s.update().toArray(), 0);
    }

    @Test
    void inOneDimensionLinfAndL2AgreeWithGradientDescent() {
        Tensor g = Tensor.vector(-2.5);
        double c = 1 / (2 * 0.4);
        assertArrayEquals(Steps.penalized(Norms.parse("l2"), g, c).update().toArray(),
                Steps.penalized(Norms.parse("linf"), g, c).update().toArray(), 1e-15);
        assertArrayEquals(new double[] {0.4 * 2.5}, Steps.penalized(Norms.parse("linf"), g, c).update().toArray(), 1e-15);
    }
}
