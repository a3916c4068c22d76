package dev.steepest.optim;

import java.util.List;

/**
 * The local-linear check: a step u is chosen from the model f(θ + u) ≈ f(θ) + ⟨g, u⟩, so the
 * observed loss change should approach ⟨g, u⟩ as the step shrinks. {@link Optimizer#step()}
 * reports the prediction in {@link StepReport}; these functions let an adapter compute and
 * compare it for any update.
 */
public final class LocalLinear {
    private LocalLinear() {
    }

    /** ⟨g, u⟩ for one tensor, accumulated in double. */
    public static double predicted(float[] g, float[] u) {
        if (g.length != u.length) {
            throw new IllegalArgumentException("gradient has " + g.length + " entries, update " + u.length);
        }
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            s += (double) g[i] * u[i];
        }
        return s;
    }

    /** Σ over parameters of ⟨gᵢ, uᵢ⟩, with gᵢ = {@code params.get(i).grad()}. */
    public static double predicted(List<Param> params, List<float[]> updates) {
        if (params.size() != updates.size()) {
            throw new IllegalArgumentException(params.size() + " parameters but " + updates.size() + " updates");
        }
        double s = 0;
        for (int i = 0; i < params.size(); i++) {
            s += predicted(params.get(i).grad(), updates.get(i));
        }
        return s;
    }

    /** The penalized model ⟨g, u⟩ + c‖u‖². */
    public static double penalizedModel(double predicted, double c, double normOfU) {
        return predicted + c * normOfU * normOfU;
    }

    /**
     * |observed − predicted| / max(|observed|, |predicted|), 0 when both are 0: near 0 when the
     * step is small enough for the linear model to hold.
     */
    public static double relativeGap(double predicted, double observed) {
        double scale = Math.max(Math.abs(predicted), Math.abs(observed));
        return scale == 0 ? 0 : Math.abs(observed - predicted) / scale;
    }
}
