package dev.steepest.optim;

/**
 * What a stage sees of one parameter during a step.
 *
 * @param param the parameter (values are read-only for stages; the optimizer applies the update)
 * @param update the update in flight, transformed in place by each stage in turn; it starts as
 *        a copy of the gradient, and the optimizer finally applies θ ← θ − lr·update
 * @param state this stage's state for this parameter
 */
public record Slot(Param param, float[] update, StageState state) {
}
