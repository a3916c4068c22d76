package dev.steepest.optim.stage.scaling;

import dev.steepest.core.kernels.Elementwise;
import dev.steepest.optim.Phase;
import dev.steepest.optim.Slot;
import dev.steepest.optim.Stage;
import dev.steepest.optim.StepContext;
import java.util.List;

/**
 * Rescales each tensor's update to a fixed RMS: u ← ρ·√(size)·u/‖u‖_F, so that RMS(u) = ρ (a zero update stays zero).
 * With ρ = 0.2 on an m×n matrix this is NorMuon's and AdaMuon's RMS alignment with Adam, 0.2·√(mn)/‖Ô‖_F·Ô.
 */
public final class RmsScale implements Stage {
    private final double rms;

    public RmsScale(double rms) {
        if (!(rms > 0) || Double.isInfinite(rms)) {
            throw new IllegalArgumentException("the target RMS must be positive and finite, got " + rms);
        }
        this.rms = rms;
    }

    @Override
    public String spec() {
        return "rms-scale(" + rms + ")";
    }

    @Override
    public Phase phase() {
        return Phase.SCALE;
    }

    @Override
    public void apply(List<Slot> slots, StepContext ctx) {
        for (Slot s : slots) {
            float[] u = s.update();
            double norm = Math.sqrt(Elementwise.sumSquares(u));
            if (norm > 0) {
                Elementwise.scale(u, rms * Math.sqrt(u.length) / norm);
            }
        }
    }
}
