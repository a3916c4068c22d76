package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.optim.schedule.Schedules;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** AdamW against its published update (Loshchilov &amp; Hutter 2019, Algorithm 2, η_t = lr_t), in double, step by step. */
class AdamWTest {

    @Test
    void matchesThePublishedEquationsStepByStep() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double wd = 0.1;
        var lr = Schedules.cosineDecay(0.01, 40, 0.001);
        int n = 6;
        Random rnd = new Random(11);
        float[] start = new float[n];
        for (int i = 0; i < n; i++) {
            start[i] = (float) rnd.nextGaussian();
        }
        Param x = Param.vector("x", start.clone());
        Optimizer opt = Presets.adamW(lr, b1, b2, eps, wd).build(List.of(x));
        double[] theta = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = start[i];
        }
        for (int t = 1; t <= 40; t++) {
            for (int i = 0; i < n; i++) {
                x.grad()[i] = (float) (3 * rnd.nextGaussian());
            }
            opt.step();
            double eta = lr.at(t);
            for (int i = 0; i < n; i++) {
                double g = x.grad()[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                theta[i] = theta[i] - eta * (mHat / (Math.sqrt(vHat) + eps) + wd * theta[i]);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(theta[i], x.values()[i], 2e-6 * (1 + Math.abs(theta[i])), "step " + t + ", entry " + i);
            }
        }
    }

    @Test
    void firstStepIsLearningRateTimesSignWhenBiasCorrected() {
        // m̂₁ = g and v̂₁ = g², so the first step is lr·g/(|g| + ε) ≈ lr·sign(g) — Adam's well-known first step.
        Param x = Param.vector("x", 0f, 0f, 0f);
        x.grad()[0] = 5f;
        x.grad()[1] = -0.25f;
        x.grad()[2] = 0f;
        Presets.adamW(Schedules.constant(0.1), 0.9, 0.999, 1e-8, 0).build(List.of(x)).step();
        assertEquals(-0.1, x.values()[0], 1e-7);
        assertEquals(0.1, x.values()[1], 1e-6);
        assertEquals(0.0, x.values()[2], 0);
    }
}
