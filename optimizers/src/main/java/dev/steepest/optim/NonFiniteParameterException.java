package dev.steepest.optim;

/**
 * A step produced a NaN or infinite parameter value or update entry (the update overflowed a float, e.g. a
 * learning rate too large for the gradient). Thrown after the step was applied: restore a checkpoint to go back.
 */
public final class NonFiniteParameterException extends ArithmeticException {
    private final String parameter;
    private final int index;

    public NonFiniteParameterException(String parameter, int index, float value, long step) {
        super("step " + step + " made parameter '" + parameter + "' non-finite at index " + index + " (" + value
                + "); try a smaller learning rate or scale the loss down");
        this.parameter = parameter;
        this.index = index;
    }

    /** The parameter's name. */
    public String parameter() {
        return parameter;
    }

    /** The first bad index, row-major. */
    public int index() {
        return index;
    }
}
