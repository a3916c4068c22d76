package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Norms;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.stage.adam.Adam;
import dev.steepest.optim.stage.clip.Clip;
import dev.steepest.optim.stage.momentum.Momentum;
import dev.steepest.optim.stage.normstep.NormStep;
import dev.steepest.optim.stage.weightdecay.WeightDecay;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizer's fused path (a single stage, or one stage before decoupled weight decay, applied together with
 * θ ← θ − lr·u in one pass) against the unfused path of the very same stages (forced here by putting a clip that
 * changes nothing in front: the stages then run one after the other on the update buffer and θ ← θ − lr·u is
 * applied last). Momentum and Adam(W) must agree bit for bit (parameters and state), the norm steps to float
 * precision; the reported ⟨g, u⟩ agrees to rounding. Lengths straddle the Vector API threshold and its blocks.
 */
class FusedStepTest {

    static final Clip NOTHING = Clip.byValue(Float.MAX_VALUE);

    record Rule(String name, Supplier<Stage[]> stages, boolean bitExact) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rules() {
        List<Rule> r = new ArrayList<>();
        r.add(new Rule("heavy-ball", () -> new Stage[] {Momentum.heavyBall(0.9)}, true));
        r.add(new Rule("nesterov", () -> new Stage[] {Momentum.nesterov(0.95)}, true));
        r.add(new Rule("ema", () -> new Stage[] {Momentum.ema(0.9, false)}, true));
        r.add(new Rule("adam", () -> new Stage[] {new Adam(0.9, 0.999, 1e-8)}, true));
        r.add(new Rule("adamw", () -> new Stage[] {new Adam(0.9, 0.95, 1e-8), new WeightDecay(0.01)}, true));
        r.add(new Rule("adamw eps 0", () -> new Stage[] {new Adam(0.9, 0.999, 0), new WeightDecay(0.1)}, true));
        r.add(new Rule("signsgd", () -> new Stage[] {NormStep.constrained(Norms.parse("linf"))}, false));
        r.add(new Rule("sign-dual", () -> new Stage[] {NormStep.penalized(Norms.parse("linf"))}, false));
        r.add(new Rule("l2 penalized", () -> new Stage[] {NormStep.penalized(Norms.parse("l2"))}, false));
        r.add(new Rule("l2 constrained", () -> new Stage[] {NormStep.constrained(Norms.parse("l2"))}, false));
        r.add(new Rule("lp:3 penalized", () -> new Stage[] {NormStep.penalized(Norms.parse("lp:3"))}, false));
        r.add(new Rule("lp:2.5 constrained", () -> new Stage[] {NormStep.constrained(Norms.parse("lp:2.5"))}, false));
        return r.stream().flatMap(rule -> Stream.of(1, 7, 64, 100, 2049, 5000).map(n -> Arguments.of(rule, n)));
    }

    static Stage[] withFront(Stage front, Stage[] stages) {
        Stage[] out = new Stage[stages.length + 1];
        out[0] = front;
        System.arraycopy(stages, 0, out, 1, stages.length);
        return out;
    }

    @ParameterizedTest(name = "{0}, n = {1}")
    @MethodSource("rules")
    void fusedPathEqualsTheStagesRunOneByOne(Rule rule, int n) {
        long seed = 17L * n + rule.name().hashCode();
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] start = new float[n];
        for (int i = 0; i < n; i++) {
            start[i] = (float) rnd.nextGaussian();
        }
        // a matrix parameter and a vector one, so both layouts go through the norm steps
        Param a = Param.vector("v", start.clone());
        Param b = Param.vector("v", start.clone());
        Optimizer fused = OptimizerSpec.single("f", Schedules.constant(0.01), Chain.anyOrder(rule.stages().get()))
                .build(List.of(a));
        Optimizer plain = OptimizerSpec.single("p", Schedules.constant(0.01),
                Chain.anyOrder(withFront(NOTHING, rule.stages().get()))).build(List.of(b));
        for (int t = 1; t <= 4; t++) {
            for (int i = 0; i < n; i++) {
                float g = rnd.nextInt(11) == 0 ? 0f : (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-2, 2)));
                a.grad()[i] = g;
                b.grad()[i] = g;
            }
            StepReport ra = fused.step();
            StepReport rb = plain.step();
            String what = rule + ", n = " + n + ", step " + t + ", seed " + seed;
            if (rule.bitExact()) {
                assertArrayEquals(b.values(), a.values(), what + ": parameters");
                for (int k = 0; k < fused.stageCount("v"); k++) {
                    StageState sa = fused.state("v", k);
                    StageState sb = plain.state("v", k + 1);
                    for (int j = 0; j < sa.count(); j++) {
                        assertArrayEquals(sb.buffer(j), sa.buffer(j), what + ": state " + k + "/" + j);
                    }
                }
            } else {
                double max = 0;
                for (float v : b.values()) {
                    max = Math.max(max, Math.abs(v));
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(b.values()[i], a.values()[i], 1e-5 * (1 + max), what + ": θ[" + i + "]");
                }
            }
            assertEquals(rb.predictedChange(), ra.predictedChange(), 1e-5 * Math.abs(rb.predictedChange()) + 1e-12,
                    what + ": ⟨g, u⟩");
            assertEquals(Double.isNaN(rb.penalizedModel()), Double.isNaN(ra.penalizedModel()), what + ": penalized?");
            if (!Double.isNaN(rb.penalizedModel())) {
                assertEquals(rb.penalizedModel(), ra.penalizedModel(), 1e-5 * Math.abs(rb.penalizedModel()) + 1e-12,
                        what + ": penalized model");
            }
        }
    }

    @Test
    void predictedChangeOfThePlainPathIsMinusLrTimesGradientDotUpdate() {
        // independent of the fused path: sgd's ⟨g, u⟩ is −lr·‖g‖², sign descent's −lr·‖g‖₁
        Param x = Param.vector("x", 0f, 0f, 0f);
        x.grad()[0] = 3f;
        x.grad()[1] = -1f;
        x.grad()[2] = 2f;
        assertEquals(-0.1 * 14, Presets.get("sgd", 0.1).build(List.of(x)).step().predictedChange(), 1e-12);
        assertEquals(-0.1 * 6, Presets.get("signsgd", 0.1).build(List.of(x)).step().predictedChange(), 1e-7);
        assertEquals(-0.1 * 36, Presets.get("sign-dual", 0.1).build(List.of(x)).step().predictedChange(), 1e-5);
    }

    @Test
    void aNonFiniteGradientChangesNothingOnEveryPathWhenCheckedFirst() {
        for (String preset : Presets.NAMES) {
            for (int n : new int[] {5, 300}) {
                float[] start = new float[n];
                for (int i = 0; i < n; i++) {
                    start[i] = i * 0.01f;
                }
                Param p = Param.vector("x", start.clone());
                Optimizer opt = Presets.get(preset, 0.1).withNonFinitePolicy(NonFinitePolicy.ERROR_UNCHANGED)
                        .build(List.of(p));
                for (int i = 0; i < n; i++) {
                    p.grad()[i] = 1f;
                }
                opt.step();
                float[] after = p.values().clone();
                List<float[]> stateBefore = state(opt);
                p.grad()[n - 1] = Float.NaN;
                NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, opt::step, preset);
                assertTrue(e.getMessage().contains(String.valueOf(n - 1)), e.getMessage());
                assertFalse(e.applied());
                assertArrayEquals(after, p.values(), preset + ": parameters changed");
                List<float[]> stateAfter = state(opt);
                for (int k = 0; k < stateBefore.size(); k++) {
                    assertArrayEquals(stateBefore.get(k), stateAfter.get(k), preset + ": state changed");
                }
                assertEquals(1, opt.stepCount());
                p.grad()[n - 1] = Float.POSITIVE_INFINITY;
                Optimizer skipping = Presets.get(preset, 0.1).withNonFinitePolicy(NonFinitePolicy.SKIP).build(List.of(p));
                StepReport r = skipping.step();
                assertTrue(r.skipped());
                assertArrayEquals(after, p.values());
                assertEquals(1, skipping.skippedSteps());
            }
        }
    }

    @Test
    void theDefaultFindsEveryNonFiniteGradientInItsOwnPassesAndSaysWhetherItWroteAnything() {
        // every preset, vector and matrix parameters, NaN / +∞ / −∞ at a random entry: the step names the first bad
        // entry; when it says nothing was applied, parameters and state are bit-identical and the count stays
        SplittableRandom rnd = new SplittableRandom(11);
        for (String preset : Presets.NAMES) {
            for (int trial = 0; trial < 6; trial++) {
                long seed = rnd.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                int rows = 1 + r.nextInt(40);
                int cols = 1 + r.nextInt(40);
                Param w = Param.matrix("layers.0.weight", rows, cols, new float[rows * cols]);
                Param b = Param.vector("layers.0.bias", new float[rows]);
                List<Param> ps = List.of(w, b);
                Optimizer opt = Presets.get(preset, 0.01).build(ps);
                for (Param p : ps) {
                    for (int i = 0; i < p.size(); i++) {
                        p.grad()[i] = (float) r.nextGaussian();
                    }
                }
                opt.step();
                Param bad = ps.get(r.nextInt(2));
                int j = r.nextInt(bad.size());
                float value = new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}[r.nextInt(3)];
                bad.grad()[j] = value;
                List<float[]> before = new ArrayList<>();
                for (Param p : ps) {
                    before.add(p.values().clone());
                    for (int k = 0; k < opt.stageCount(p.name()); k++) {
                        for (int m = 0; m < opt.state(p.name(), k).count(); m++) {
                            before.add(opt.state(p.name(), k).buffer(m).clone());
                        }
                    }
                }
                String what = preset + " seed " + seed + ": " + value + " at " + bad.name() + "[" + j + "]";
                NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, opt::step, what);
                assertEquals(bad.name(), e.parameter(), what);
                assertEquals(j, e.index(), what);
                if (!e.applied()) {
                    int at = 0;
                    for (Param p : ps) {
                        assertArrayEquals(before.get(at++), p.values(), what);
                        for (int k = 0; k < opt.stageCount(p.name()); k++) {
                            for (int m = 0; m < opt.state(p.name(), k).count(); m++) {
                                assertArrayEquals(before.get(at++), opt.state(p.name(), k).buffer(m), what);
                            }
                        }
                    }
                    assertEquals(1, opt.stepCount(), what);
                } else {
                    assertEquals(2, opt.stepCount(), what);
                }
            }
        }
    }

    @Test
    void hugeFiniteGradientsAreNotMistakenForNonFinite() {
        // squares of 1e30 overflow float lanes but not the double sum the check relies on
        Param p = Param.vector("x", new float[200]);
        java.util.Arrays.fill(p.grad(), 1e30f);
        StepReport r = Presets.get("signsgd", 0.1).build(List.of(p)).step();
        assertFalse(r.skipped());
        assertEquals(-0.1f, p.values()[0]);
    }

    /** Copies of every state buffer of parameter x. */
    static List<float[]> state(Optimizer opt) {
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < opt.stageCount("x"); k++) {
            for (int j = 0; j < opt.state("x", k).count(); j++) {
                out.add(opt.state("x", k).buffer(j).clone());
            }
        }
        return out;
    }
}
