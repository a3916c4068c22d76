package dev.steepest.optim.stage.weightdecay;

import dev.steepest.core.kernels.Elementwise;
import dev.steepest.optim.Phase;
import dev.steepest.optim.Slot;
import dev.steepest.optim.Stage;
import dev.steepest.optim.StepContext;
import java.util.List;

/**
 * Decoupled weight decay: update ← update + λ·θ. Since the optimizer then applies
 * θ ← θ − lr_t·update, the parameters shrink by θ(1 − lr_t·λ) apart from the step, whatever the
 * direction stage did — not an L2 term in the loss, which would pass through momentum and the norm.
 * In float ({@link Elementwise#addScaled}, λ rounded to float).
 */
public final class WeightDecay implements Stage {
    private final double lambda;

    public WeightDecay(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("weight decay λ must be ≥ 0 and finite, got " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    public String spec() {
        return "weight-decay(" + lambda + ")";
    }

    @Override
    public Phase phase() {
        return Phase.DECAY;
    }

    @Override
    public void apply(List<Slot> slots, StepContext ctx) {
        if (lambda == 0) {
            return;
        }
        for (Slot s : slots) {
            Elementwise.addScaled(s.update(), s.param().values(), (float) lambda);
        }
    }

    /** λ: this stage is exactly u ← u + λθ, which the step before it may fold into its fused form. */
    @Override
    public double decoupledDecay() {
        return lambda;
    }
}
