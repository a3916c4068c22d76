package dev.steepest.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    /** Puts every variable at random values near the start, so the checks do not hold only at x₀. */
    private static void perturb(Problem p, SplittableRandom r) {
        for (Variable v : p.variables()) {
            for (int i = 0; i < v.values().length; i++) {
                v.values()[i] += (float) r.nextDouble(-0.5, 0.5);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"quadratic", "rosenbrock", "logreg", "least-squares"})
    void gradientsMatchCentralDifferencesOfTheLoss(String name) {
        for (long seed = 1; seed <= 3; seed++) {
            Problem p = Problems.create(name, seed);
            perturb(p, new SplittableRandom(seed));
            p.lossAndGradient();
            for (Variable v : p.variables()) {
                float[] grad = v.grad().clone();
                for (int i = 0; i < v.values().length; i++) {
                    float keep = v.values()[i];
                    float h = 1e-2f * Math.max(1, Math.abs(keep));
                    v.values()[i] = keep + h;
                    double up = p.loss();
                    v.values()[i] = keep - h;
                    double down = p.loss();
                    v.values()[i] = keep;
                    double fd = (up - down) / ((double) (keep + h) - (double) (keep - h));
                    // central differences are exact for the quadratic and O(h²) otherwise; the gradient is float
                    double tol = 2e-3 * Math.max(1, Math.abs(fd)) + (name.equals("rosenbrock") ? 0.5 : 0);
                    assertEquals(fd, grad[i], tol, name + " seed " + seed + " " + v.name() + "[" + i + "]");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"quadratic", "rosenbrock", "logreg", "least-squares"})
    void theLossStartsAboveItsMinimum(String name) {
        Problem p = Problems.create(name, 1);
        assertTrue(p.loss() > p.minimum(), name + ": " + p.loss() + " vs " + p.minimum());
        assertEquals(p.loss(), p.lossAndGradient(), 0, name);
        assertEquals(name, p.name());
    }

    @Test
    void theTwoDimensionalProblemsAreTheSharedFunctionsAtFloatPoints() {
        // f = ½ dᵀ A d with A = R diag(1, 100) Rᵀ, R the 30° rotation, written out independently
        double c = Math.sqrt(3) / 2;
        double s = 0.5;
        double[] d = {-3, 3};
        double z1 = c * d[0] + s * d[1];
        double z2 = -s * d[0] + c * d[1];
        double expected = 0.5 * (z1 * z1 + 100 * z2 * z2);
        Problem q = Problems.quadratic();
        assertEquals(expected, q.loss(), 1e-9 * expected);
        assertEquals(expected, Problems.QUADRATIC.value(-2, 1), 1e-9 * expected);
        assertEquals(100, Problems.QUADRATIC.conditionNumber(), 1e-12);
        assertEquals(0, Problems.QUADRATIC.value(1, -2), 0);
        assertArrayEquals(new double[] {0, 0}, Problems.QUADRATIC.gradient(1, -2), 0);
        Problem r = Problems.rosenbrock();
        double x = -1.2f; // the start as the float variable holds it
        assertEquals((1 - x) * (1 - x) + 100 * (1 - x * x) * (1 - x * x), r.loss(), 1e-12);
        assertArrayEquals(new float[] {-1.2f, 1f}, r.variables().get(0).values());
        assertEquals(0, Problems.ROSENBROCK.value(1, 1), 0);
    }

    @Test
    void variablesAreViewedNotCopied() {
        record View(String name, int[] shape, float[] values, float[] grad) {
        }
        Problem p = Problems.logisticRegression(2);
        List<View> views = p.params(View::new);
        assertEquals(2, views.size());
        assertArrayEquals(new int[] {1, 5}, views.get(0).shape());
        assertArrayEquals(new int[] {1}, views.get(1).shape());
        views.get(0).values()[0] = 1;
        p.lossAndGradient();
        assertEquals(1, p.variables().get(0).values()[0]);
        assertTrue(views.get(0).grad() == p.variables().get(0).grad());
    }

    @Test
    void anUnknownNameListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Problems.create("nope", 1));
        assertTrue(e.getMessage().contains("quadratic, rosenbrock, logreg, least-squares"), e.getMessage());
    }
}
