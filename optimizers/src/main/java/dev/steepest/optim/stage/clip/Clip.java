package dev.steepest.optim.stage.clip;

import dev.steepest.core.kernels.Elementwise;
import dev.steepest.optim.Phase;
import dev.steepest.optim.Slot;
import dev.steepest.optim.Stage;
import dev.steepest.optim.StepContext;
import java.util.List;

/**
 * Gradient clipping, applied to the raw gradient before any smoothing.
 *
 * <pre>
 *   byGlobalNorm(M)   g ← g · min(1, M / ‖g‖₂), ‖g‖₂ over all tensors of the group together
 *   byValue(M)        gᵢ ← clamp(gᵢ, −M, M)
 * </pre>
 */
public final class Clip implements Stage {
    private final boolean globalNorm;
    private final double max;

    private Clip(boolean globalNorm, double max) {
        if (!(max > 0) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("clipping threshold must be positive and finite, got " + max);
        }
        this.globalNorm = globalNorm;
        this.max = max;
    }

    /** Rescales the group's gradient to ℓ2 norm at most {@code maxNorm}. */
    public static Clip byGlobalNorm(double maxNorm) {
        return new Clip(true, maxNorm);
    }

    /** Clamps every entry to [−maxValue, maxValue]. */
    public static Clip byValue(double maxValue) {
        return new Clip(false, maxValue);
    }

    @Override
    public String spec() {
        return (globalNorm ? "clip-norm(" : "clip-value(") + max + ")";
    }

    @Override
    public Phase phase() {
        return Phase.CLIP;
    }

    @Override
    public void apply(List<Slot> slots, StepContext ctx) {
        if (globalNorm) {
            double sq = 0;
            for (Slot s : slots) {
                sq += Elementwise.sumSquares(s.update());
            }
            double norm = Math.sqrt(sq);
            if (norm <= max) {
                return;
            }
            double f = max / norm;
            for (Slot s : slots) {
                Elementwise.scale(s.update(), f);
            }
        } else {
            for (Slot s : slots) {
                float[] u = s.update();
                for (int i = 0; i < u.length; i++) {
                    u[i] = (float) Math.max(-max, Math.min(max, u[i]));
                }
            }
        }
    }
}
