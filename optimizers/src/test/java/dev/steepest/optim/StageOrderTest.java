package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Norms;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.stage.clip.Clip;
import dev.steepest.optim.stage.momentum.Momentum;
import dev.steepest.optim.stage.normstep.NormStep;
import dev.steepest.optim.stage.scaling.ShapeScale;
import dev.steepest.optim.stage.weightdecay.WeightDecay;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of stages: documented in {@link Phase}, enforced by {@link Chain#of}, and the order they run in. */
class StageOrderTest {

    /** A stage that records its name and multiplies the update by a factor. */
    record Recorder(String name, Phase phase, List<String> log, double factor) implements Stage {
        @Override
        public String spec() {
            return name;
        }

        @Override
        public void apply(List<Slot> slots, StepContext ctx) {
            log.add(name);
            for (Slot s : slots) {
                float[] u = s.update();
                for (int i = 0; i < u.length; i++) {
                    u[i] = (float) (u[i] * factor + (name.equals("add") ? 1 : 0));
                }
            }
        }
    }

    @Test
    void stagesRunInTheListedOrderThenTheLearningRateApplies() {
        List<String> log = new ArrayList<>();
        Param x = Param.vector("x", 0f);
        x.grad()[0] = 2f;
        Chain c = Chain.of(new Recorder("clip", Phase.CLIP, log, 1), new Recorder("add", Phase.SMOOTH, log, 1),
                new Recorder("times3", Phase.DIRECTION, log, 3));
        OptimizerSpec.single("t", Schedules.constant(0.5), c).build(List.of(x)).step();
        assertEquals(List.of("clip", "add", "times3"), log);
        assertEquals(-0.5 * ((2 + 1) * 3), x.values()[0], 0); // (g + 1)·3, then −lr·
    }

    @Test
    void chainOfRefusesStagesOutOfTheDocumentedOrder() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Chain.of(NormStep.constrained(Norms.parse("linf")), Momentum.nesterov(0.9)));
        assertTrue(e.getMessage().contains("CLIP → SMOOTH → DIRECTION → SCALE → DECAY"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Chain.of(new WeightDecay(0.1), ShapeScale.fanRatio()));
        assertThrows(IllegalArgumentException.class, () -> Chain.of(Momentum.heavyBall(0.5), Clip.byValue(1)));
        // the documented order is accepted, and anyOrder accepts anything
        Chain.of(Clip.byGlobalNorm(1), Momentum.nesterov(0.9), NormStep.constrained(Norms.parse("linf")),
                ShapeScale.fanRatio(), new WeightDecay(0.1));
        Chain.anyOrder(NormStep.constrained(Norms.parse("linf")), Momentum.nesterov(0.9));
    }

    @Test
    void orderMatters_momentumBeforeTheNormStepIsNotTheNormStepBeforeMomentum() {
        float[] a = twoSteps(Chain.of(Momentum.heavyBall(0.9), NormStep.penalized(Norms.parse("linf"))));
        float[] b = twoSteps(Chain.anyOrder(NormStep.penalized(Norms.parse("linf")), Momentum.heavyBall(0.9)));
        assertNotEquals(a[0], b[0]);
    }

    @Test
    void weightDecayAfterTheNormStepIsDecoupled() {
        // θ ← θ − lr·(t* + λθ): the decay does not pass through the sign, so it shrinks θ by exactly lr·λ·θ
        Param x = Param.vector("x", 10f, -10f);
        x.grad()[0] = 1f;
        x.grad()[1] = 1f;
        OptimizerSpec.single("t", Schedules.constant(0.1), Chain.of(NormStep.constrained(Norms.parse("linf")),
                new WeightDecay(0.5))).build(List.of(x)).step();
        assertArrayEquals(new float[] {10f - 0.1f * (1 + 5f), -10f - 0.1f * (1 - 5f)}, x.values(), 1e-5f);
    }

    private static float[] twoSteps(Chain c) {
        Param x = Param.vector("x", 0f, 0f);
        Optimizer opt = OptimizerSpec.single("t", Schedules.constant(0.1), c).build(List.of(x));
        x.grad()[0] = 1f;
        x.grad()[1] = 3f;
        opt.step();
        x.grad()[0] = -2f;
        x.grad()[1] = 1f;
        opt.step();
        return x.values();
    }
}
