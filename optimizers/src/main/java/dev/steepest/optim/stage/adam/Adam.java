package dev.steepest.optim.stage.adam;

import dev.steepest.optim.Chain;
import dev.steepest.optim.Param;
import dev.steepest.optim.Phase;
import dev.steepest.optim.Slot;
import dev.steepest.optim.Stage;
import dev.steepest.optim.StageState;
import dev.steepest.optim.StepContext;
import dev.steepest.optim.stage.weightdecay.WeightDecay;
import java.util.List;

/**
 * Adam's direction (Kingma &amp; Ba, 2015), two buffers m, v per parameter:
 *
 * <pre>
 *   m ← β₁m + (1−β₁)g     v ← β₂v + (1−β₂)g²
 *   out  m̂ / (√v̂ + ε)     with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)
 * </pre>
 * AdamW (Loshchilov &amp; Hutter, 2019) is this followed by decoupled weight decay:
 * θ ← θ − lr_t·(m̂/(√v̂+ε) + λθ), see {@link #adamW}. With β₁ = β₂ = 0 the output is
 * g/(|g| + ε) → sign(g) as ε → 0: sign descent, the constrained ℓ∞ step.
 */
public final class Adam implements Stage {
    private final double beta1;
    private final double beta2;
    private final double eps;

    public Adam(double beta1, double beta2, double eps) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam's β₁ and β₂ must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("Adam's ε must be ≥ 0 and finite, got " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** The AdamW chain: Adam then decoupled weight decay λ. */
    public static Chain adamW(double beta1, double beta2, double eps, double weightDecay) {
        return Chain.of(new Adam(beta1, beta2, eps), new WeightDecay(weightDecay));
    }

    @Override
    public String spec() {
        return "adam(b1=" + beta1 + ", b2=" + beta2 + ", eps=" + eps + ")";
    }

    @Override
    public Phase phase() {
        return Phase.DIRECTION;
    }

    @Override
    public StageState init(Param param) {
        return StageState.zeros(2, param.size());
    }

    @Override
    public void apply(List<Slot> slots, StepContext ctx) {
        double c1 = 1 - Math.pow(beta1, ctx.step());
        double c2 = 1 - Math.pow(beta2, ctx.step());
        for (Slot s : slots) {
            float[] m = s.state().buffer(0);
            float[] v = s.state().buffer(1);
            float[] u = s.update();
            int n = u.length;
            int i = 0;
            // four entries per iteration, each with exactly the arithmetic of the tail loop below: independent
            // divisions and square roots overlap, about twice as fast as one entry at a time
            for (; i + 3 < n; i += 4) {
                double g0 = u[i];
                double g1 = u[i + 1];
                double g2 = u[i + 2];
                double g3 = u[i + 3];
                float m0 = (float) (beta1 * m[i] + (1 - beta1) * g0);
                float m1 = (float) (beta1 * m[i + 1] + (1 - beta1) * g1);
                float m2 = (float) (beta1 * m[i + 2] + (1 - beta1) * g2);
                float m3 = (float) (beta1 * m[i + 3] + (1 - beta1) * g3);
                float v0 = (float) (beta2 * v[i] + (1 - beta2) * g0 * g0);
                float v1 = (float) (beta2 * v[i + 1] + (1 - beta2) * g1 * g1);
                float v2 = (float) (beta2 * v[i + 2] + (1 - beta2) * g2 * g2);
                float v3 = (float) (beta2 * v[i + 3] + (1 - beta2) * g3 * g3);
                double d0 = Math.sqrt(v0 / c2) + eps;
                double d1 = Math.sqrt(v1 / c2) + eps;
                double d2 = Math.sqrt(v2 / c2) + eps;
                double d3 = Math.sqrt(v3 / c2) + eps;
                m[i] = m0;
                m[i + 1] = m1;
                m[i + 2] = m2;
                m[i + 3] = m3;
                v[i] = v0;
                v[i + 1] = v1;
                v[i + 2] = v2;
                v[i + 3] = v3;
                u[i] = d0 == 0 ? 0f : (float) ((m0 / c1) / d0);
                u[i + 1] = d1 == 0 ? 0f : (float) ((m1 / c1) / d1);
                u[i + 2] = d2 == 0 ? 0f : (float) ((m2 / c1) / d2);
                u[i + 3] = d3 == 0 ? 0f : (float) ((m3 / c1) / d3);
            }
            for (; i < n; i++) {
                double g = u[i];
                m[i] = (float) (beta1 * m[i] + (1 - beta1) * g);
                v[i] = (float) (beta2 * v[i] + (1 - beta2) * g * g);
                double denom = Math.sqrt(v[i] / c2) + eps;
                u[i] = denom == 0 ? 0f : (float) ((m[i] / c1) / denom);
            }
        }
    }
}
