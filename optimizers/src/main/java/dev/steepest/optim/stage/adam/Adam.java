package dev.steepest.optim.stage.adam;

import dev.steepest.core.kernels.Elementwise;
import dev.steepest.optim.Chain;
import dev.steepest.optim.Param;
import dev.steepest.optim.Phase;
import dev.steepest.optim.Slot;
import dev.steepest.optim.Stage;
import dev.steepest.optim.StageState;
import dev.steepest.optim.StepContext;
import dev.steepest.optim.stage.weightdecay.WeightDecay;
import java.nio.ByteBuffer;
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
 *
 * <p>Computed in float by {@link Elementwise#adam} (β₁, β₂, ε rounded to float). As the only stage of a chain, or
 * followed only by {@link WeightDecay}, it runs fused with the decay and the parameter update in one pass
 * ({@link Elementwise#adamw}), with the same arithmetic.
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

    /** 2⁶⁴: the second moment v ← β₂v + (1 − β₂)g² is kept in float, so g² must stay below {@link Float#MAX_VALUE}. */
    @Override
    public float inputLimit() {
        return 0x1p64f;
    }

    @Override
    public StageState init(Param param) {
        return StageState.zeros(2, param.size());
    }

    @Override
    public void apply(List<Slot> slots, StepContext ctx) {
        for (Slot s : slots) {
            Elementwise.adam(s.state().buffer(0), s.state().buffer(1), s.update(), (float) beta1, (float) beta2,
                    (float) eps, ctx.step());
        }
    }

    @Override
    public double applyAndDescend(List<Slot> slots, StepContext ctx, float decay) {
        float lr = (float) ctx.learningRate();
        double dot = 0;
        for (Slot s : slots) {
            dot += Elementwise.adamw(s.param().values(), s.state().buffer(0), s.state().buffer(1), s.param().grad(),
                    lr, (float) beta1, (float) beta2, (float) eps, decay, ctx.step());
        }
        return Double.isNaN(dot) ? Double.POSITIVE_INFINITY : dot; // NaN would mean "no fused form"
    }

    @Override
    public double applyAndDescend(List<Slot> slots, List<ByteBuffer> values, List<ByteBuffer> grads,
                                  StepContext ctx, float decay) {
        float lr = (float) ctx.learningRate();
        double dot = 0;
        for (int k = 0; k < slots.size(); k++) {
            StageState s = slots.get(k).state();
            dot += Elementwise.adamw(values.get(k), s.buffer(0), s.buffer(1), grads.get(k),
                    lr, (float) beta1, (float) beta2, (float) eps, decay, ctx.step());
        }
        return Double.isNaN(dot) ? Double.POSITIVE_INFINITY : dot; // NaN would mean "no fused form"
    }
}
