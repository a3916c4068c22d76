package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.optim.problems.Problem;
import dev.steepest.optim.problems.Problems;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every preset on every small problem: the loss must fall well below where it started. */
class PresetsTest {

    static Stream<Arguments> cases() {
        return Presets.NAMES.stream().flatMap(p -> Stream.of("quadratic", "logreg", "least-squares", "rosenbrock")
                .map(q -> Arguments.of(p, q)));
    }

    /** Learning rates that suit each problem's scale; the same for every preset family where possible. */
    static double lr(String preset, String problem) {
        double base = Presets.defaultLearningRate(preset);
        return switch (problem) {
            case "rosenbrock" -> base / 10;
            case "logreg", "least-squares" -> preset.startsWith("sgd") || preset.equals("polargrad") ? base * 10 : base;
            default -> base;
        };
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void lossFalls(String preset, String problem) {
        Problem p = Problems.create(problem, 7);
        Optimizer opt = Presets.get(preset, lr(preset, problem)).build(p.params());
        double first = p.loss();
        for (int t = 0; t < 300; t++) {
            p.lossAndGradient();
            opt.step();
        }
        double last = p.loss();
        assertTrue(Double.isFinite(last), preset + " on " + problem + " diverged");
        assertTrue(last < 0.5 * first, preset + " on " + problem + ": loss " + first + " → " + last);
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
