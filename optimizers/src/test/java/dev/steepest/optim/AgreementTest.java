package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.core.Steps;
import dev.steepest.core.Tensor;
import dev.steepest.core.combine.CombinedStep;
import dev.steepest.core.combine.MaxCombination;
import dev.steepest.core.linalg.Orthogonalizers;
import dev.steepest.optim.stage.scaling.TensorScale;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.stage.adam.Adam;
import dev.steepest.optim.stage.normstep.NormStep;
import dev.steepest.testing.Gen;
import dev.steepest.testing.Property;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Presets that are the same mathematics in different clothes take the same steps. */
class AgreementTest {

    /** Runs {@code spec} for {@code steps} steps on one vector with gradients from {@code seed}; returns the values. */
    static float[] run(OptimizerSpec spec, float[] start, int steps, long seed) {
        Param x = Param.vector("x", start.clone());
        Optimizer opt = spec.build(List.of(x));
        Random rnd = new Random(seed);
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < x.size(); i++) {
                // gradient of a fixed quadratic plus noise, bounded away from tiny values
                float g = (float) (x.values()[i] * (i + 1) + rnd.nextGaussian());
                x.grad()[i] = Math.abs(g) < 1e-3f ? 1e-3f : g;
            }
            opt.step();
        }
        return x.values();
    }

    /** 1 to 8 entries in [-5, 5]. */
    static float[] start(Random r) {
        return Gen.floats(r, Gen.between(r, 1, 8), -5, 5);
    }

    @Test
    void sgdIsPenalizedL2() {
        Property.forAll("sgdIsPenalizedL2", 50, AgreementTest::start, x0 -> {
            var lr = Schedules.constant(0.05);
            float[] a = run(Presets.get("sgd", lr), x0, 20, 3);
            float[] b = run(OptimizerSpec.single("penalized-l2", lr, Chain.of(NormStep.penalized(Norms.parse("l2")))),
                    x0, 20, 3);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-4 * (1 + Math.abs(a[i])), "coordinate " + i);
            }
        });
    }

    @Test
    void signSgdIsAdamWithItsEmasOffAndEpsilonToZero() {
        Property.forAll("signSgdIsAdamWithItsEmasOffAndEpsilonToZero", 50, AgreementTest::start, x0 -> {
            var lr = Schedules.constant(0.01);
            float[] a = run(Presets.get("signsgd", lr), x0, 20, 5);
            float[] b = run(OptimizerSpec.single("adam-no-ema", lr, Chain.of(new Adam(0, 0, 1e-12))), x0, 20, 5);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-6, "coordinate " + i);
            }
        });
    }

    /** Gradients of 1 to 8 entries in [-5, 5], not all zero. */
    static float[] nonZeroGradient(Random r) {
        float[] g;
        do {
            g = start(r);
        } while (sq(g) == 0);
        return g;
    }

    @Test
    void signDualIsSignSgdScaledByTheL1NormOfTheGradient() {
        Property.forAll("signDualIsSignSgdScaledByTheL1NormOfTheGradient", 50, AgreementTest::nonZeroGradient,
                grad -> {
                    double l1 = 0;
                    for (float v : grad) {
                        l1 += Math.abs(v);
                    }
                    Param a = Param.vector("x", new float[grad.length]);
                    Param b = Param.vector("x", new float[grad.length]);
                    System.arraycopy(grad, 0, a.grad(), 0, grad.length);
                    System.arraycopy(grad, 0, b.grad(), 0, grad.length);
                    Presets.get("sign-dual", 0.1).build(List.of(a)).step();
                    Presets.get("signsgd", 0.1 * l1).build(List.of(b)).step();
                    for (int i = 0; i < grad.length; i++) {
                        assertEquals(b.values()[i], a.values()[i], 1e-5 * (1 + Math.abs(b.values()[i])));
                    }
                });
    }

    @Test
    void polarGradOnAVectorIsSgd() {
        Property.forAll("polarGradOnAVectorIsSgd", 30, AgreementTest::start, x0 -> {
            float[] a = run(Presets.get("sgd", 0.05), x0, 10, 9);
            float[] b = run(Presets.get("polargrad", 0.05), x0, 10, 9);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-4 * (1 + Math.abs(a[i])));
            }
        });
    }

    @Test
    void muonWithoutMomentumOnAHiddenMatrixIsTheConstrainedSpectralStepTimesTheShapeScale() {
        Property.forAll("muonWithoutMomentumOnAHiddenMatrixIsTheConstrainedSpectralStepTimesTheShapeScale", 30,
                r -> {
                    float[] g;
                    do {
                        g = Gen.floats(r, 12, -3, 3);
                    } while (sq(g) <= 1e-3);
                    return g;
                }, AgreementTest::assertMuonStep);
    }

    static void assertMuonStep(float[] grad) {
        Param w = Param.matrix("layer.weight", 3, 4, new float[12]);
        System.arraycopy(grad, 0, w.grad(), 0, 12);
        double lr = 0.05;
        Presets.muon(Schedules.constant(lr), 0.0, 0.0).build(List.of(w)).step();
        double[] d = new double[12];
        for (int i = 0; i < 12; i++) {
            d[i] = grad[i];
        }
        Norm ns5 = Norms.parse("spectral", Orthogonalizers.parse("ns5"));
        Step s = Steps.constrained(ns5, Tensor.matrix(3, 4, d), lr * 0.2 * Math.sqrt(4));
        for (int i = 0; i < 12; i++) {
            assertEquals(s.update().at(i), w.values()[i], 1e-5, "entry " + i);
        }
    }

    /** Gradients of a 2×3 matrix and a 3-vector, entries in [-3, 3]. */
    record TwoGrads(float[] a, float[] b) {
    }

    @Test
    void normStepMaxCombinationAgreesWithTheCoreModularNorm() {
        Property.forAll("normStepMaxCombinationAgreesWithTheCoreModularNorm", 30,
                r -> new TwoGrads(Gen.floats(r, 6, -3, 3), Gen.floats(r, 3, -3, 3)),
                in -> assertModularStep(in.a(), in.b()));
    }

    static void assertModularStep(float[] a, float[] b) {
        Param w = Param.matrix("w", 2, 3, new float[6]);
        Param v = Param.vector("v", new float[3]);
        System.arraycopy(a, 0, w.grad(), 0, 6);
        System.arraycopy(b, 0, v.grad(), 0, 3);
        double lr = 0.1;
        Norm spectral = Norms.parse("spectral");
        Norm linf = Norms.parse("linf");
        NormStep step = NormStep.of(Step.Form.PENALIZED, List.of(new NormStep.NormRule(Rule.matrix(), spectral),
                new NormStep.NormRule(Rule.any(), linf))).combine(NormStep.Combination.MAX, TensorScale.fanRatio());
        OptimizerSpec.single("modular", Schedules.constant(lr), Chain.of(step)).build(List.of(w, v)).step();
        double[] da = new double[6];
        double[] db = new double[3];
        for (int i = 0; i < 6; i++) {
            da[i] = a[i];
        }
        for (int i = 0; i < 3; i++) {
            db[i] = b[i];
        }
        CombinedStep expected = new MaxCombination(List.of(spectral, linf), Math.sqrt(2.0 / 3), 1)
                .penalized(List.of(Tensor.matrix(2, 3, da), Tensor.vector(db)), 1 / (2 * lr));
        for (int i = 0; i < 6; i++) {
            assertEquals(expected.updates().get(0).at(i), w.values()[i], 1e-4 * (1 + Math.abs(w.values()[i])));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(expected.updates().get(1).at(i), v.values()[i], 1e-4 * (1 + Math.abs(v.values()[i])));
        }
    }

    static double sq(float[] x) {
        double s = 0;
        for (float f : x) {
            s += (double) f * f;
        }
        return s;
    }
}
