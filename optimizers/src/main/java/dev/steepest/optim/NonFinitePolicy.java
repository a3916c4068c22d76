package dev.steepest.optim;

/** What a step does when a gradient holds NaN or ±∞ (or an entry beyond a stage's {@link Stage#inputLimit()}). */
public enum NonFinitePolicy {
    /**
     * Throw {@link NonFiniteGradientException} naming the parameter and the first bad index (the default). The entry
     * is found in a pass the step makes anyway (the update itself, or the copy or dual norm before it), so checking
     * costs no extra read of the gradients; parameters and state may by then hold part of the step
     * ({@link NonFiniteGradientException#applied()} says so): restore a checkpoint to go on.
     */
    ERROR,
    /** Throw as {@link #ERROR}, with parameters and state unchanged: every gradient is read once more, first. */
    ERROR_UNCHANGED,
    /**
     * Skip the step: every gradient is read once more, first; no parameter or state changes, the step counter does
     * not advance, {@link Optimizer#skippedSteps()} counts it (for dynamic loss scaling).
     */
    SKIP
}
