package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.problems.Problem;
import dev.steepest.problems.Problems;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every preset on every small problem: the loss must fall well below where it started. */
class PresetsTest {

    static Stream<Arguments> cases() {
        return Presets.NAMES.stream().flatMap(p -> Stream.of("quadratic", "logreg", "least-squares")
                .map(q -> Arguments.of(p, q)));
    }

    /** (loss after 300 steps − minimum) / (initial loss − minimum). */
    static double remainingGap(String preset, String problem, double lr) {
        Problem p = Problems.create(problem, 7);
        Optimizer opt = Presets.get(preset, lr).build(p.params(Param::wrap));
        double first = p.loss();
        for (int t = 0; t < 300; t++) {
            p.lossAndGradient();
            opt.step();
        }
        return (p.loss() - p.minimum()) / (first - p.minimum());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void lossFallsAtTheDefaultRateAndReachesTheKnownMinimumAtSomeRate(String preset, String problem) {
        double atDefault = remainingGap(preset, problem, Presets.defaultLearningRate(preset));
        assertTrue(atDefault < 0.8, preset + " on " + problem + " at its default rate: remaining gap " + atDefault);
        double best = Double.POSITIVE_INFINITY;
        for (double lr : new double[] {1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1}) {
            try {
                double gap = remainingGap(preset, problem, lr);
                if (Double.isFinite(gap)) {
                    best = Math.min(best, gap);
                }
            } catch (NonFiniteGradientException diverged) {
                // too large a rate for this problem; the others decide
            }
        }
        assertTrue(best < 0.01, preset + " on " + problem + ": best remaining gap " + best);
    }

    @Test
    void everyPresetHasAFormulaAndUnknownNamesAreRefused() {
        for (String name : Presets.NAMES) {
            assertTrue(Presets.formula(name).contains("θ ← θ"), name);
            assertEquals(name, Presets.get(name).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.get("adam"));
        assertTrue(e.getMessage().contains("unknown preset 'adam'") && e.getMessage().contains("muon"), e.getMessage());
    }

    @Test
    void muonRoutesHiddenMatricesToTheSpectralGroupAndTheRestToAdamW() {
        Param hidden = Param.matrix("layers.0.weight", 4, 3, new float[12]);
        Param bias = Param.vector("layers.0.bias", new float[4]);
        Param emb = Param.matrix("embed.weight", 10, 4, new float[40]);
        Param head = Param.matrix("lm_head.weight", 10, 4, new float[40]);
        Optimizer opt = Presets.get("muon").build(List.of(hidden, bias, emb, head));
        assertEquals("hidden", opt.groupOf("layers.0.weight"));
        assertEquals("rest", opt.groupOf("layers.0.bias"));
        assertEquals("rest", opt.groupOf("embed.weight"));
        assertEquals("rest", opt.groupOf("lm_head.weight"));
    }
}
