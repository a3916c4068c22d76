package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.core.Steps;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.stage.normstep.NormStep;
import dev.steepest.optim.stage.normstep.NormStep.Combination;
import dev.steepest.optim.stage.scaling.TensorScale;
import dev.steepest.testing.Gen;
import dev.steepest.testing.Property;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The norm step agrees with the core closed forms, alone and combined across tensors (docs/STEEPEST.md §5). */
class NormStepTest {

    static final List<String> NORMS = List.of("l2", "linf", "l1", "lp:3");

    /** One step of {@code step} on two tensors a (vector) and b (2×2 matrix); returns the updates applied. */
    static float[][] oneStep(NormStep step, double lr, float[] ga, float[] gb) {
        Param a = Param.vector("a", new float[ga.length]);
        Param b = Param.matrix("b", 2, 2, new float[4]);
        System.arraycopy(ga, 0, a.grad(), 0, ga.length);
        System.arraycopy(gb, 0, b.grad(), 0, 4);
        OptimizerSpec.single("t", Schedules.constant(lr), Chain.of(step)).build(List.of(a, b)).step();
        return new float[][] {a.values(), b.values()};
    }

    /** Gradients of a vector a (3 entries) and a 2×2 matrix b, entries in [-4, 4], and a learning rate. */
    record Grads(float[] a, float[] b, double lr) {
    }

    static Grads grads(Random r) {
        return new Grads(Gen.floats(r, 3, -4, 4), Gen.floats(r, 4, -4, 4), Gen.uniform(r, 0.01, 1));
    }

    @Test
    void eachTensorStepsIndependentlyByDefault() {
        Property.forAll("eachTensorStepsIndependentlyByDefault", 60, NormStepTest::grads, in -> {
            float[] a = in.a();
            float[] b = in.b();
            double lr = in.lr();
            for (String spec : NORMS) {
                Norm norm = Norms.parse(spec);
                // penalized with c = 1/(2 lr), constrained with η = lr, per tensor, against the core
                float[][] p = oneStep(NormStep.penalized(norm), lr, a, b);
                assertClose(Steps.penalized(norm, vec(a), 1 / (2 * lr)), p[0], spec);
                assertClose(Steps.penalized(norm, mat(b), 1 / (2 * lr)), p[1], spec);
                float[][] c = oneStep(NormStep.constrained(norm), lr, a, b);
                assertClose(Steps.constrained(norm, vec(a), lr), c[0], spec);
                assertClose(Steps.constrained(norm, mat(b), lr), c[1], spec);
            }
        });
    }

    @Test
    void penalizedMaxCombinationSharesOneGlobalScale() {
        Property.forAll("penalizedMaxCombinationSharesOneGlobalScale", 60, NormStepTest::grads,
                in -> assertOneGlobalScale(in.a(), in.b()));
    }

    static void assertOneGlobalScale(float[] a, float[] b) {
        Norm norm = Norms.parse("linf");
        double lr = 0.1;
        // σ = 1 for the vector a, √(2/2) = 1 for the square b: dual Σ‖gᵢ‖₁, t*ᵢ = sign(gᵢ)
        float[][] u = oneStep(NormStep.penalized(norm).combine(Combination.MAX, TensorScale.fanRatio()), lr, a, b);
        double s = norm.dual(vec(a)) + norm.dual(mat(b));
        for (int i = 0; i < 3; i++) {
            assertEquals(-lr * s * Math.signum(a[i]), u[0][i], 1e-5 * (1 + s));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(-lr * s * Math.signum(b[i]), u[1][i], 1e-5 * (1 + s));
        }
    }

    @Test
    void constrainedL2CombinationSharesTheRadius() {
        Property.forAll("constrainedL2CombinationSharesTheRadius", 60, NormStepTest::grads,
                in -> assertSharedRadius(in.a(), in.b()));
    }

    static void assertSharedRadius(float[] a, float[] b) {
        Norm l2 = Norms.parse("l2");
        double eta = 0.3;
        // constrained ℓ2-of-ℓ2 is normalized gradient descent on the concatenation: ‖u‖ = η overall
        float[][] u = oneStep(NormStep.constrained(l2).combine(Combination.L2, TensorScale.unit()), eta, a, b);
        double total = Math.sqrt(sq(a) + sq(b));
        if (total == 0) {
            for (float[] ui : u) {
                for (float v : ui) {
                    assertEquals(0, v, 0, "a zero gradient takes no step");
                }
            }
            return;
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(-eta * a[i] / total, u[0][i], 1e-6);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(-eta * b[i] / total, u[1][i], 1e-6);
        }
    }

    @Test
    void constrainedMaxWithWeightsDividesEachTensorByItsWeight() {
        Property.forAll("constrainedMaxWithWeightsDividesEachTensorByItsWeight", 30, r -> Gen.floats(r, 4, -4, 4),
                b -> {
                    Param w = Param.matrix("w", 4, 1, new float[4]);
                    System.arraycopy(b, 0, w.grad(), 0, 4);
                    OptimizerSpec.single("t", Schedules.constant(0.5), Chain.of(NormStep.constrained(
                            Norms.parse("linf")).combine(Combination.MAX, TensorScale.fanRatio())))
                            .build(List.of(w)).step();
                    for (int i = 0; i < 4; i++) {
                        assertEquals(-0.5 * Math.signum(b[i]) / 2.0, w.values()[i], 1e-7); // σ = √(4/1) = 2
                    }
                });
    }

    @Test
    void aNormThatCannotTakeAParameterIsRefusedWhenTheOptimizerIsBuilt() {
        var spec = OptimizerSpec.single("t", Schedules.constant(0.1), Chain.of(NormStep.constrained(Norms.parse("spectral"))));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> spec.build(List.of(Param.vector("bias", 1f, 2f))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("cannot take parameter bias[2]"), e.getMessage());
    }

    private static double sq(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return s;
    }

    private static dev.steepest.core.Tensor vec(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return dev.steepest.core.Tensor.vector(d);
    }

    private static dev.steepest.core.Tensor mat(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return dev.steepest.core.Tensor.matrix(2, 2, d);
    }

    private static void assertClose(Step expected, float[] actual, String norm) {
        double[] e = expected.update().toArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], actual[i], 1e-5 * (1 + Math.abs(e[i])), norm + " entry " + i);
        }
    }
}
