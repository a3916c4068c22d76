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
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;

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

    @Property(tries = 50)
    void sgdIsPenalizedL2(@ForAll @Size(min = 1, max = 8) List<@FloatRange(min = -5, max = 5) Float> start) {
        float[] x0 = toArray(start);
        var lr = Schedules.constant(0.05);
        float[] a = run(Presets.get("sgd", lr), x0, 20, 3);
        float[] b = run(OptimizerSpec.single("penalized-l2", lr, Chain.of(NormStep.penalized(Norms.parse("l2")))),
                x0, 20, 3);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4 * (1 + Math.abs(a[i])), "coordinate " + i);
        }
    }

    @Property(tries = 50)
    void signSgdIsAdamWithItsEmasOffAndEpsilonToZero(
            @ForAll @Size(min = 1, max = 8) List<@FloatRange(min = -5, max = 5) Float> start) {
        float[] x0 = toArray(start);
        var lr = Schedules.constant(0.01);
        float[] a = run(Presets.get("signsgd", lr), x0, 20, 5);
        float[] b = run(OptimizerSpec.single("adam-no-ema", lr, Chain.of(new Adam(0, 0, 1e-12))), x0, 20, 5);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-6, "coordinate " + i);
        }
    }

    @Property(tries = 50)
    void signDualIsSignSgdScaledByTheL1NormOfTheGradient(
            @ForAll @Size(min = 1, max = 8) List<@FloatRange(min = -5, max = 5) Float> g) {
        float[] grad = toArray(g);
        double l1 = 0;
        for (float v : grad) {
            l1 += Math.abs(v);
        }
        Assume.that(l1 > 0);
        Param a = Param.vector("x", new float[grad.length]);
        Param b = Param.vector("x", new float[grad.length]);
        System.arraycopy(grad, 0, a.grad(), 0, grad.length);
        System.arraycopy(grad, 0, b.grad(), 0, grad.length);
        Presets.get("sign-dual", 0.1).build(List.of(a)).step();
        Presets.get("signsgd", 0.1 * l1).build(List.of(b)).step();
        for (int i = 0; i < grad.length; i++) {
            assertEquals(b.values()[i], a.values()[i], 1e-5 * (1 + Math.abs(b.values()[i])));
        }
    }

    @Property(tries = 30)
    void polarGradOnAVectorIsSgd(@ForAll @Size(min = 1, max = 8) List<@FloatRange(min = -5, max = 5) Float> start) {
        float[] x0 = toArray(start);
        float[] a = run(Presets.get("sgd", 0.05), x0, 10, 9);
        float[] b = run(Presets.get("polargrad", 0.05), x0, 10, 9);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4 * (1 + Math.abs(a[i])));
        }
    }

    @Property(tries = 30)
    void muonWithoutMomentumOnAHiddenMatrixIsTheConstrainedSpectralStepTimesTheShapeScale(
            @ForAll @Size(12) List<@FloatRange(min = -3, max = 3) Float> g) {
        float[] grad = toArray(g);
        Assume.that(sq(grad) > 1e-3);
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

    @Property(tries = 30)
    void normStepMaxCombinationAgreesWithTheCoreModularNorm(
            @ForAll @Size(6) List<@FloatRange(min = -3, max = 3) Float> g1,
            @ForAll @Size(3) List<@FloatRange(min = -3, max = 3) Float> g2) {
        float[] a = toArray(g1);
        float[] b = toArray(g2);
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

    static float[] toArray(List<Float> list) {
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = list.get(i);
        }
        return f;
    }
}
