package dev.steepest.optim.stage.momentum;

import dev.steepest.core.kernels.Elementwise;
import dev.steepest.optim.Param;
import dev.steepest.optim.Phase;
import dev.steepest.optim.Slot;
import dev.steepest.optim.Stage;
import dev.steepest.optim.StageState;
import dev.steepest.optim.StepContext;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Gradient smoothing: one buffer m per parameter (zero at the start), fed the incoming update g.
 *
 * <pre>
 *   heavyBall(μ)        m ← μ·m + g                       out m
 *   nesterov(μ)         m ← μ·m + g                       out g + μ·m
 *   ema(β, false)       m ← β·m + (1−β)·g                 out m
 *   ema(β, true)        m ← β·m + (1−β)·g                 out m / (1 − βᵗ)   (bias-corrected)
 *   emaNesterov(β)      m ← β·m + (1−β)·g                 out (1−β)·g + β·m  (torch.optim.Muon's nesterov=True)
 * </pre>
 * in float, by the kernels of {@link Elementwise} (μ and β rounded to float). As the only stage of a chain it
 * runs fused with the parameter update (one pass: {@link Elementwise#momentumSgd}, {@link Elementwise#nesterovSgd},
 * {@link Elementwise#emaSgd}), except the bias-corrected EMA.
 */
public final class Momentum implements Stage {
    /** The three smoothing rules. */
    public enum Kind { HEAVY_BALL, NESTEROV, EMA, EMA_NESTEROV }

    private final Kind kind;
    private final double beta;
    private final boolean biasCorrection;

    private Momentum(Kind kind, double beta, boolean biasCorrection) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("momentum coefficient must be in [0, 1), got " + beta);
        }
        this.kind = kind;
        this.beta = beta;
        this.biasCorrection = biasCorrection;
    }

    /** Heavy-ball: m ← μm + g, out m. */
    public static Momentum heavyBall(double mu) {
        return new Momentum(Kind.HEAVY_BALL, mu, false);
    }

    /** Nesterov: m ← μm + g, out g + μm. */
    public static Momentum nesterov(double mu) {
        return new Momentum(Kind.NESTEROV, mu, false);
    }

    /** Exponential moving average m ← βm + (1−β)g, optionally divided by 1 − βᵗ. */
    public static Momentum ema(double beta, boolean biasCorrection) {
        return new Momentum(Kind.EMA, beta, biasCorrection);
    }

    /** Nesterov on the moving average: m ← βm + (1−β)g, out (1−β)g + βm (torch.optim.Muon with nesterov=True). */
    public static Momentum emaNesterov(double beta) {
        return new Momentum(Kind.EMA_NESTEROV, beta, false);
    }

    @Override
    public String spec() {
        return switch (kind) {
            case HEAVY_BALL -> "heavy-ball(mu=" + beta + ")";
            case NESTEROV -> "nesterov(mu=" + beta + ")";
            case EMA -> "ema(beta=" + beta + (biasCorrection ? ", bias-corrected" : "") + ")";
            case EMA_NESTEROV -> "ema-nesterov(beta=" + beta + ")";
        };
    }

    @Override
    public Phase phase() {
        return Phase.SMOOTH;
    }

    @Override
    public StageState init(Param param) {
        return StageState.zeros(1, param.size());
    }

    @Override
    public void apply(List<Slot> slots, StepContext ctx) {
        float b = (float) beta;
        for (Slot s : slots) {
            float[] m = s.state().buffer(0);
            float[] u = s.update();
            switch (kind) {
                case HEAVY_BALL -> {
                    Elementwise.momentum(m, u, b);
                    System.arraycopy(m, 0, u, 0, u.length);
                }
                case NESTEROV -> Elementwise.nesterov(m, u, b);
                case EMA_NESTEROV -> Elementwise.emaNesterov(m, u, b);
                case EMA -> {
                    Elementwise.ema(m, u, b);
                    System.arraycopy(m, 0, u, 0, u.length);
                    if (biasCorrection) {
                        Elementwise.scale(u, 1 / (1 - Math.pow(beta, ctx.step())));
                    }
                }
            }
        }
    }

    /** Whether the fused kernels do this step: no decay folded in, no bias correction, not the EMA-Nesterov form. */
    private boolean fused(float decay) {
        return decay == 0 && !(kind == Kind.EMA && biasCorrection) && kind != Kind.EMA_NESTEROV;
    }

    @Override
    public double applyAndDescend(List<Slot> slots, StepContext ctx, float decay) {
        if (!fused(decay)) {
            return Double.NaN;
        }
        float b = (float) beta;
        float lr = (float) ctx.learningRate();
        double dot = 0;
        for (Slot s : slots) {
            float[] theta = s.param().values();
            float[] m = s.state().buffer(0);
            float[] g = s.param().grad();
            dot += switch (kind) {
                case HEAVY_BALL -> Elementwise.momentumSgd(theta, m, g, b, lr);
                case NESTEROV -> Elementwise.nesterovSgd(theta, m, g, b, lr);
                case EMA -> Elementwise.emaSgd(theta, m, g, b, lr);
                case EMA_NESTEROV -> throw new IllegalStateException();
            };
        }
        return Double.isNaN(dot) ? Double.POSITIVE_INFINITY : dot; // NaN would mean "no fused form"
    }

    @Override
    public double applyAndDescend(List<Slot> slots, List<ByteBuffer> values, List<ByteBuffer> grads,
                                  StepContext ctx, float decay) {
        if (!fused(decay)) {
            return Double.NaN;
        }
        float b = (float) beta;
        float lr = (float) ctx.learningRate();
        double dot = 0;
        for (int k = 0; k < slots.size(); k++) {
            ByteBuffer theta = values.get(k);
            float[] m = slots.get(k).state().buffer(0);
            ByteBuffer g = grads.get(k);
            dot += switch (kind) {
                case HEAVY_BALL -> Elementwise.momentumSgd(theta, m, g, b, lr);
                case NESTEROV -> Elementwise.nesterovSgd(theta, m, g, b, lr);
                case EMA -> Elementwise.emaSgd(theta, m, g, b, lr);
                case EMA_NESTEROV -> throw new IllegalStateException();
            };
        }
        return Double.isNaN(dot) ? Double.POSITIVE_INFINITY : dot; // NaN would mean "no fused form"
    }
}
