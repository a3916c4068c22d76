package dev.steepest.optim;

/** A gradient entry is NaN or infinite; thrown before anything changes. */
public final class NonFiniteGradientException extends IllegalArgumentException {
    private final String parameter;
    private final int index;

    public NonFiniteGradientException(String parameter, int index, float value) {
        super("non-finite gradient in parameter '" + parameter + "' at index " + index + " (" + value
                + "); parameters and optimizer state left unchanged");
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
