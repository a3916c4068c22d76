package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.problems.Problem;
import dev.steepest.problems.Problems;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The predicted change ⟨g,u⟩ each step reports, against the change the loss actually makes. */
class LocalLinearTest {

    @Test
    void predictionMatchesTheObservedChangeForSmallSteps() {
        for (String preset : List.of("sgd", "signsgd", "sign-dual", "adamw", "sgd-momentum")) {
            Problem p = Problems.logisticRegression(5);
            Optimizer opt = Presets.get(preset, 1e-3).build(p.params(Param::wrap));
            for (int t = 0; t < 5; t++) {
                double before = p.lossAndGradient();
                StepReport r = opt.step();
                double observed = p.loss() - before;
                assertTrue(r.predictedChange() < 0, preset + ": a descent step predicts a decrease");
                assertTrue(LocalLinear.relativeGap(r.predictedChange(), observed) < 0.05,
                        preset + " step " + t + ": predicted " + r.predictedChange() + ", observed " + observed);
            }
        }
    }

    @Test
    void penalizedModelIsTheStepsObjective() {
        // sign-dual: u = −lr‖g‖₁ sign(g), so ⟨g,u⟩ = −lr‖g‖₁² and c‖u‖∞² = (1/(2lr))·lr²‖g‖₁² = lr‖g‖₁²/2
        Param x = Param.vector("x", 0f, 0f, 0f);
        x.grad()[0] = 1f;
        x.grad()[1] = -2f;
        x.grad()[2] = 0.5f;
        double lr = 0.01;
        StepReport r = Presets.get("sign-dual", lr).build(List.of(x)).step();
        assertEquals(-lr * 3.5 * 3.5, r.predictedChange(), 1e-9);
        assertEquals(-lr * 3.5 * 3.5 / 2, r.penalizedModel(), 1e-9);
        assertEquals(LocalLinear.penalizedModel(r.predictedChange(), 1 / (2 * lr), lr * 3.5), r.penalizedModel(), 1e-12);
        assertTrue(Double.isNaN(Presets.get("signsgd").build(List.of(x)).step().penalizedModel()),
                "a constrained step has no penalized model");
    }
}
