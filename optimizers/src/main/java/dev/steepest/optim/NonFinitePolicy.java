package dev.steepest.optim;

/** What a step does when a gradient holds NaN or ±∞. Either way the parameters are left untouched. */
public enum NonFinitePolicy {
    /** Throw {@link NonFiniteGradientException} naming the parameter and the first bad index (the default). */
    ERROR,
    /** Skip the step: no parameter or state changes, the step counter does not advance, {@link Optimizer#skippedSteps()} counts it. */
    SKIP
}
