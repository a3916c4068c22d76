package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.optim.schedule.Schedules;
import dev.steepest.testing.Gen;
import dev.steepest.testing.Property;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties every optimizer keeps, whatever its stages. */
class OptimizerPropertiesTest {

    static List<String> presets() {
        return Presets.NAMES;
    }

    static List<Param> model() {
        return List.of(Param.matrix("layer.weight", 3, 4, new float[12]), Param.vector("layer.bias", new float[3]),
                Param.matrix("head.weight", 2, 3, new float[6]));
    }

    static void randomGradients(List<Param> ps, Random rnd) {
        for (Param p : ps) {
            for (int i = 0; i < p.size(); i++) {
                p.grad()[i] = (float) rnd.nextGaussian();
                p.values()[i] += (float) (0.1 * rnd.nextGaussian());
            }
        }
    }

    /** Every preset, on three gradient streams each. */
    @ParameterizedTest
    @MethodSource("presets")
    void stateNeverGrowsAcrossSteps(String preset) {
        Property.forAll("stateNeverGrowsAcrossSteps[" + preset + "]", 3, Random::nextLong, seed -> {
            List<Param> ps = model();
            Optimizer opt = Presets.get(preset).build(ps);
            long size = opt.stateSize();
            List<StageState> first = states(opt, ps);
            Random rnd = new Random(seed);
            for (int t = 0; t < 15; t++) {
                randomGradients(ps, rnd);
                opt.step();
                assertEquals(size, opt.stateSize(), "state size after step " + (t + 1));
            }
            List<StageState> last = states(opt, ps);
            assertEquals(first.size(), last.size());
            for (int i = 0; i < first.size(); i++) {
                assertSame(first.get(i), last.get(i), "state objects are kept, not replaced");
            }
        });
    }

    static List<StageState> states(Optimizer opt, List<Param> ps) {
        List<StageState> all = new java.util.ArrayList<>();
        for (Param p : ps) {
            for (int k = 0; k < opt.stageCount(p.name()); k++) {
                all.add(opt.state(p.name(), k));
            }
        }
        return all;
    }

    /** Parameters values in [-3, 3] (zeros and repeated values included) of 1 to 5 entries. */
    @ParameterizedTest
    @ValueSource(strings = {"sgd", "signsgd", "sign-dual", "polargrad", "adamw"})
    void zeroGradientWithoutMomentumChangesParametersOnlyByWeightDecay(String preset) {
        Property.forAll("zeroGradientWithoutMomentumChangesParametersOnlyByWeightDecay[" + preset + "]", 8,
                r -> Gen.floats(r, Gen.between(r, 1, 5), -3, 3), v -> {
                    Param x = Param.vector("x", v.clone());
                    OptimizerSpec spec = Presets.get(preset, 0.1);
                    spec.build(List.of(x)).step();
                    double decay = preset.equals("adamw") ? 0.01 : 0;
                    for (int i = 0; i < v.length; i++) {
                        assertEquals(v[i] * (1 - 0.1 * decay), x.values()[i], 1e-6 * (1 + Math.abs(v[i])), preset);
                    }
                    if (decay == 0) {
                        assertArrayEquals(v, x.values(), preset + " must leave the parameters exactly unchanged");
                    }
                });
    }

    @Test
    void nonFiniteGradientIsAnErrorNamingTheParameterAndIndexAndChangesNothing() {
        List<Param> ps = model();
        Optimizer opt = Presets.get("adamw").withNonFinitePolicy(NonFinitePolicy.ERROR_UNCHANGED).build(ps);
        randomGradients(ps, new Random(1));
        opt.step();
        randomGradients(ps, new Random(2));
        float[] before = ps.get(2).values().clone();
        float[] m = opt.state("head.weight", 0).buffer(0).clone();
        ps.get(2).grad()[4] = Float.NaN;
        ps.get(2).grad()[5] = Float.POSITIVE_INFINITY;
        var e = assertThrows(NonFiniteGradientException.class, opt::step);
        assertEquals("head.weight", e.parameter());
        assertEquals(4, e.index());
        assertTrue(e.getMessage().contains("'head.weight' at index 4"), e.getMessage());
        assertArrayEquals(before, ps.get(2).values());
        assertArrayEquals(m, opt.state("head.weight", 0).buffer(0));
        assertEquals(1, opt.stepCount());
    }

    @Test
    void skipPolicyCountsSkippedStepsAndChangesNothing() {
        List<Param> ps = model();
        Optimizer opt = Presets.get("sgd-momentum").withNonFinitePolicy(NonFinitePolicy.SKIP).build(ps);
        randomGradients(ps, new Random(3));
        opt.step();
        float[] before = ps.get(0).values().clone();
        ps.get(1).grad()[0] = Float.NEGATIVE_INFINITY;
        StepReport r = opt.step();
        assertTrue(r.skipped());
        assertEquals(1, opt.skippedSteps());
        assertEquals(1, opt.stepCount());
        assertArrayEquals(before, ps.get(0).values());
        randomGradients(ps, new Random(4));
        assertEquals(2, opt.step().step());
    }

    @Test
    void parameterMatchingNoGroupAndDuplicateNamesAreRefused() {
        OptimizerSpec onlyMatrices = OptimizerSpec.builder("m")
                .group("m", Rule.matrix(), Schedules.constant(0.1), Chain.of()).build();
        var e = assertThrows(IllegalArgumentException.class, () -> onlyMatrices.build(model()));
        assertTrue(e.getMessage().contains("layer.bias[3] matches no group"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Presets.get("sgd").build(List.of(Param.vector("a", 1f), Param.vector("a", 2f))));
    }

    @Test
    void higherRankParametersAreMatricesOverTheTrailingDimensions() {
        Param conv = Param.of("conv.weight", new float[8 * 3 * 3 * 3], 8, 3, 3, 3);
        assertTrue(conv.isMatrix());
        assertEquals(8, conv.rows());
        assertEquals(27, conv.cols());
        assertEquals(Role.HIDDEN, Role.of(conv));
    }
}
