package dev.steepest.optim.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.optim.Param;
import dev.steepest.optim.Slot;
import dev.steepest.optim.Stage;
import dev.steepest.optim.StepContext;
import dev.steepest.optim.stage.clip.Clip;
import dev.steepest.optim.stage.momentum.Momentum;
import dev.steepest.optim.stage.scaling.ShapeScale;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each small stage against its formula, by hand. */
class StagesTest {

    /** Applies {@code stage} at steps 1..n to the gradients given, one per step; returns the outputs. */
    static float[][] run(Stage stage, Param p, float[]... grads) {
        var state = stage.init(p);
        float[][] out = new float[grads.length][];
        for (int t = 0; t < grads.length; t++) {
            float[] u = grads[t].clone();
            stage.apply(List.of(new Slot(p, u, state)), new StepContext(t + 1, 0.1, "g"));
            out[t] = u;
        }
        return out;
    }

    static final Param X = Param.vector("x", 0f, 0f);
    static final float[] G1 = {1f, -2f};
    static final float[] G2 = {3f, 0.5f};

    @Test
    void heavyBall() {
        float[][] o = run(Momentum.heavyBall(0.5), X, G1, G2);
        assertArrayEquals(G1, o[0]);
        assertArrayEquals(new float[] {3 + 0.5f, 0.5f - 1f}, o[1]); // m₂ = 0.5·g₁ + g₂
    }

    @Test
    void nesterov() {
        float[][] o = run(Momentum.nesterov(0.5), X, G1, G2);
        assertArrayEquals(new float[] {1.5f, -3f}, o[0]); // g₁ + 0.5·g₁
        // m₂ = 0.5·g₁ + g₂ = (3.5, −0.5); out g₂ + 0.5·m₂
        assertArrayEquals(new float[] {3 + 1.75f, 0.5f - 0.25f}, o[1]);
    }

    @Test
    void emaWithAndWithoutBiasCorrection() {
        float[][] plain = run(Momentum.ema(0.9, false), X, G1, G2);
        assertArrayEquals(new float[] {0.1f, -0.2f}, plain[0], 1e-7f);
        float[][] corrected = run(Momentum.ema(0.9, true), X, G1, G2);
        assertArrayEquals(G1, corrected[0], 1e-6f); // m₁/(1−0.9) = g₁
        // m₂ = 0.9·0.1·g₁ + 0.1·g₂, divided by 1 − 0.81
        assertArrayEquals(new float[] {(0.09f + 0.3f) / 0.19f, (-0.18f + 0.05f) / 0.19f}, corrected[1], 1e-6f);
    }

    @Test
    void clipByGlobalNormCouplesTensorsAndLeavesSmallGradientsAlone() {
        Param a = Param.vector("a", 0f, 0f);
        Param b = Param.vector("b", 0f);
        float[] ua = {3f, 0f};
        float[] ub = {4f};
        Clip.byGlobalNorm(1).apply(List.of(new Slot(a, ua, null), new Slot(b, ub, null)), new StepContext(1, 1, "g"));
        assertArrayEquals(new float[] {0.6f, 0f}, ua, 1e-7f);
        assertArrayEquals(new float[] {0.8f}, ub, 1e-7f);
        float[] small = {0.3f, 0.4f};
        Clip.byGlobalNorm(1).apply(List.of(new Slot(a, small, null)), new StepContext(1, 1, "g"));
        assertArrayEquals(new float[] {0.3f, 0.4f}, small);
        float[] v = {5f, -0.5f};
        Clip.byValue(1).apply(List.of(new Slot(a, v, null)), new StepContext(1, 1, "g"));
        assertArrayEquals(new float[] {1f, -0.5f}, v);
    }

    @Test
    void shapeScales() {
        Param w = Param.matrix("w", 8, 2, new float[16]); // fan_out 8, fan_in 2
        float[] u = new float[16];
        java.util.Arrays.fill(u, 1f);
        ShapeScale.fanRatio().apply(List.of(new Slot(w, u, null)), new StepContext(1, 1, "g"));
        assertEquals(2f, u[0], 0); // √(8/2)
        java.util.Arrays.fill(u, 1f);
        ShapeScale.moonshot().apply(List.of(new Slot(w, u, null)), new StepContext(1, 1, "g"));
        assertEquals(0.2 * Math.sqrt(8), u[5], 1e-7);
        float[] vec = {1f, 1f};
        ShapeScale.moonshot().apply(List.of(new Slot(X, vec, null)), new StepContext(1, 1, "g"));
        assertArrayEquals(new float[] {1f, 1f}, vec);
    }
}
