package dev.steepest.optim;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One small step of an optimizer's pipeline, with its own per-parameter state — the Java form
 * of optax's {@code init / update} pair.
 *
 * <p>{@link #apply} sees every parameter of its group at once, so a stage can couple tensors
 * (a global clipping norm, the max combination of norms); most stages simply loop over the slots.
 * A stage must be deterministic: the same state and input give bit-identical output.
 */
public interface Stage {

    /** The stage and its configuration as text, e.g. {@code "nesterov(mu=0.95)"}; stored in checkpoints. */
    String spec();

    /** Where the stage belongs in a chain. */
    Phase phase();

    /** Fresh state for {@code param}; stateless stages keep the default. */
    default StageState init(Param param) {
        return StageState.NONE;
    }

    /** Transforms each slot's update in place, reading and writing the slot's state. */
    void apply(List<Slot> slots, StepContext context);

    /**
     * The fused form the optimizer uses when this stage is the only stage of its chain, or the only one before a
     * stage whose {@link #decoupledDecay()} is λ (then {@code decay} = λ, else 0): for each slot, what {@link #apply}
     * does to the gradient (read from {@code slot.param().grad()}, never written) followed by
     * θ ← θ − lr·(out + decay·θ), with lr = {@code context.learningRate()} rounded to float, in as few passes as
     * it can; {@code slot.update()} is free scratch. It must write exactly what {@link #apply}, the decay stage
     * and the optimizer's own θ ← θ − lr·u would (tests pin the two), and return ⟨g, out + decay·θ⟩ summed over
     * the slots. The gradient is not checked first: one with a NaN or ±∞ entry (or beyond {@link #inputLimit()})
     * must give a non-finite result other than NaN (+∞, say), parameters and state perhaps written. The default
     * returns NaN having changed nothing: no fused form.
     */
    default double applyAndDescend(List<Slot> slots, StepContext context, float decay) {
        return Double.NaN;
    }

    /**
     * {@link #applyAndDescend(List, StepContext, float)} for parameters that live in native memory (a framework
     * tensor's): {@code values.get(k)} and {@code grads.get(k)} hold slot k's θ and gradient as direct buffers in
     * native byte order (see {@link dev.steepest.core.kernels.Elementwise#floats}); the slot's parameter arrays are
     * neither read nor written, its state is. It must write exactly what the array form writes. The default returns
     * NaN having changed nothing: the optimizer then copies the buffers into the arrays and back.
     */
    default double applyAndDescend(List<Slot> slots, List<ByteBuffer> values, List<ByteBuffer> grads,
                                   StepContext context, float decay) {
        return Double.NaN;
    }

    /**
     * The largest |input entry| this stage's float state can take without overflowing (Adam keeps g² in float:
     * below 2⁶⁴); the optimizer refuses a larger gradient entry as it refuses a NaN (see {@link NonFinitePolicy}).
     * Unbounded by default.
     */
    default float inputLimit() {
        return Float.POSITIVE_INFINITY;
    }

    /** λ when this stage is exactly decoupled weight decay u ← u + λ·θ (foldable into the step before it), else NaN. */
    default double decoupledDecay() {
        return Double.NaN;
    }
}
