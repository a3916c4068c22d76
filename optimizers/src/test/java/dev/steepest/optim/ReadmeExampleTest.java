package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Tensor;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.stage.adam.Adam;
import dev.steepest.optim.stage.momentum.Momentum;
import dev.steepest.optim.stage.normstep.NormStep;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of optimizers/README.md, compiled and run. */
class ReadmeExampleTest {
    static final float[][] XS = {{1, 2, 0}, {0, 1, 1}, {2, 0, 1}, {1, 1, 1}};
    static final float[] YS = {5, 1, 1, 2}; // y = 1·x₀ + 2·x₁ − 1·x₂

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void trainingLoopOverAPlainArrayModel() {
        float[] w = new float[3];                                   // the model: y = w·x
        Param p = Param.vector("w", w);                             // a view, no copy
        Optimizer opt = Presets.get("adamw", 0.05).build(List.of(p));
        for (int step = 0; step < 500; step++) {
            Arrays.fill(p.grad(), 0f);
            for (int i = 0; i < XS.length; i++) {                   // gradient of ½·mean (w·x − y)²
                float r = dot(w, XS[i]) - YS[i];
                for (int j = 0; j < w.length; j++) {
                    p.grad()[j] += r * XS[i][j] / XS.length;
                }
            }
            opt.step();                                             // updates w in place
        }
        assertEquals(1, w[0], 0.05);
        assertEquals(2, w[1], 0.05);
        assertEquals(-1, w[2], 0.05);
    }

    /** A new norm: ‖x‖ = n·max|xᵢ|, dual ‖g‖₁/n, t* = sign(g)/n. */
    static final class WideLInf implements Norm {
        public String spec() {
            return "wide-linf";
        }

        public double value(Tensor x) {
            return x.size() * x.maxAbs();
        }

        public double dual(Tensor g) {
            double s = 0;
            for (int i = 0; i < g.size(); i++) {
                s += Math.abs(g.at(i));
            }
            return s / g.size();
        }

        public Dualized dualize(Tensor g) {
            double[] t = new double[g.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = Math.signum(g.at(i)) / t.length;
            }
            return new Dualized(Tensor.like(g, t), dual(g));
        }

        public boolean uniqueAt(Tensor g) {
            return true;
        }

        public void checkShape(Tensor x) {
        }
    }

    @Test
    void aNewOptimizerFromANewNorm() {
        Norm mine = new WideLInf();
        OptimizerSpec spec = OptimizerSpec.builder("wide-sign")
                .group("hidden", Rule.role(Role.HIDDEN), Schedules.constant(0.02),
                        Chain.of(Momentum.nesterov(0.9), NormStep.constrained(mine)))
                .group("rest", Rule.any(), Schedules.constant(0.02), Adam.adamW(0.9, 0.95, 1e-8, 0.0))
                .build();
        Param w = Param.matrix("layer.weight", 2, 2, new float[] {1, -1, 2, 0});
        w.grad()[0] = 3;
        w.grad()[1] = -1;
        Optimizer opt = spec.build(List.of(w, Param.vector("layer.bias", 0f, 0f)));
        assertEquals("hidden", opt.groupOf("layer.weight"));
        opt.step();
        // Nesterov with μ = 0.9 from zero: g + 0.9·g; the constrained step is −0.02·sign/4 whatever the scale
        assertTrue(Arrays.equals(new float[] {1 - 0.005f, -1 + 0.005f, 2, 0}, w.values()), Arrays.toString(w.values()));
    }
}
