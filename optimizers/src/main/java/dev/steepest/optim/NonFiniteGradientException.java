package dev.steepest.optim;

/**
 * A gradient entry is NaN or infinite. Says whether the step may already have written parameters or state (the
 * default {@link NonFinitePolicy#ERROR} finds the entry within the step's own passes) or not.
 */
public final class NonFiniteGradientException extends IllegalArgumentException {
    static final String UNCHANGED = "(parameters and optimizer state left unchanged)";
    static final String APPLIED = "(found while the step was written: parameters and optimizer state may hold part of"
            + " it; restore a checkpoint to go on, or choose NonFinitePolicy.ERROR_UNCHANGED to be stopped before"
            + " any change)";

    private final String parameter;
    private final int index;
    private final boolean applied;

    public NonFiniteGradientException(String parameter, int index, float value, boolean applied) {
        super("non-finite gradient in parameter '" + parameter + "' at index " + index + " (" + value + ") "
                + (applied ? APPLIED : UNCHANGED));
        this.parameter = parameter;
        this.index = index;
        this.applied = applied;
    }

    /** The parameter's name. */
    public String parameter() {
        return parameter;
    }

    /** The first bad index, row-major. */
    public int index() {
        return index;
    }

    /** Whether parameters or optimizer state may have changed before the entry was found. */
    public boolean applied() {
        return applied;
    }
}
