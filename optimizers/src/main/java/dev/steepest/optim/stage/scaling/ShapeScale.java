package dev.steepest.optim.stage.scaling;

import dev.steepest.core.kernels.Elementwise;
import dev.steepest.optim.Phase;
import dev.steepest.optim.Slot;
import dev.steepest.optim.Stage;
import dev.steepest.optim.StepContext;
import java.util.List;

/** Per-tensor shape scaling of the direction: update ← s(W)·update, with s a {@link TensorScale}. */
public final class ShapeScale implements Stage {
    private final TensorScale scale;

    public ShapeScale(TensorScale scale) {
        this.scale = scale;
    }

    /** s = √(fan_out/fan_in). */
    public static ShapeScale fanRatio() {
        return new ShapeScale(TensorScale.fanRatio());
    }

    /** s = √max(1, fan_out/fan_in): torch.optim.Muon's adjust_lr_fn="original". */
    public static ShapeScale original() {
        return new ShapeScale(TensorScale.original());
    }

    /** s = 0.2·√max(fan_out, fan_in). */
    public static ShapeScale moonshot() {
        return new ShapeScale(TensorScale.moonshot());
    }

    @Override
    public String spec() {
        return "scale(" + scale.spec() + ")";
    }

    @Override
    public Phase phase() {
        return Phase.SCALE;
    }

    @Override
    public void apply(List<Slot> slots, StepContext ctx) {
        for (Slot s : slots) {
            double f = scale.of(s.param());
            if (f == 1) {
                continue;
            }
            Elementwise.scale(s.update(), f);
        }
    }
}
