package dev.steepest.optim;

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
}
