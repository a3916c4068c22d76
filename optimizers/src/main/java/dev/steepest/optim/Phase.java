package dev.steepest.optim;

/**
 * Where a stage belongs in a {@link Chain}. {@link Chain#of} requires stages in this order:
 *
 * <pre>
 *   CLIP → SMOOTH → DIRECTION → SCALE → DECAY   then, always last, θ ← θ − lr_t · update
 * </pre>
 * Clipping acts on the raw gradient; smoothing (momentum, EMA) feeds the step a smoothed
 * gradient; the direction stage (a norm step, or Adam) turns it into a step direction;
 * per-tensor scaling rescales that; decoupled weight decay adds λθ, so it is multiplied by
 * the same scheduled learning rate as the step (AdamW's θ ← θ(1 − lr_t·λ) − lr_t·d).
 */
public enum Phase {
    /** Gradient clipping, on the raw gradient. */
    CLIP,
    /** Gradient smoothing: momentum, Nesterov, EMA. */
    SMOOTH,
    /** The step direction: a norm step (dualizer) or Adam's normalization. */
    DIRECTION,
    /** Per-tensor scaling of the direction (shape scaling). */
    SCALE,
    /** Decoupled weight decay. */
    DECAY
}
