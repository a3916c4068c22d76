package dev.steepest.optim.stage.weightdecay;

import dev.steepest.optim.Phase;
import dev.steepest.optim.Slot;
import dev.steepest.optim.Stage;
import dev.steepest.optim.StepContext;
import java.util.List;

/**
 * Decoupled weight decay: update ← update + λ·θ. Since the optimizer then applies
 * θ ← θ − lr_t·update, the parameters shrink by θ(1 − lr_t·λ) apart from the step, whatever the
 * direction stage did — not an L2 term in the loss, which would pass through momentum and the norm.
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
            float[] u = s.update();
            float[] theta = s.param().values();
            int n = u.length;
            int i = 0;
            // four independent entries per iteration (same arithmetic): the float/double conversions overlap
            for (; i + 3 < n; i += 4) {
                double a0 = u[i] + lambda * theta[i];
                double a1 = u[i + 1] + lambda * theta[i + 1];
                double a2 = u[i + 2] + lambda * theta[i + 2];
                double a3 = u[i + 3] + lambda * theta[i + 3];
                u[i] = (float) a0;
                u[i + 1] = (float) a1;
                u[i + 2] = (float) a2;
                u[i + 3] = (float) a3;
            }
            for (; i < n; i++) {
                u[i] = (float) (u[i] + lambda * theta[i]);
            }
        }
    }
}
