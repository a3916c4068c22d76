package dev.steepest.problems;

import java.util.ArrayList;
import java.util.List;

/**
 * A small differentiable problem over float variables, for trying and testing optimizers without a
 * framework. The problem owns its variables' arrays; an optimizer updates the values in place and
 * {@link #lossAndGradient()} writes the gradients.
 */
public interface Problem {

    /** The name used on the command line. */
    String name();

    /** The variables (live: their arrays are the problem's state). */
    List<Variable> variables();

    /** The loss at the current values. */
    double loss();

    /** The smallest value of the loss, computed in double precision (closed form or Newton's method). */
    double minimum();

    /** The loss at the current values, writing its gradient into every {@link Variable#grad()}. */
    double lossAndGradient();

    /**
     * The variables as parameters of some optimizer library, each a view over the problem's arrays
     * (for the optimizers module: {@code problem.params(Param::wrap)}).
     */
    default <P> List<P> params(View<P> view) {
        List<P> out = new ArrayList<>();
        for (Variable v : variables()) {
            out.add(view.of(v.name(), v.shape(), v.values(), v.grad()));
        }
        return out;
    }

    /** Makes a parameter that views a variable's arrays without copying them. */
    @FunctionalInterface
    interface View<P> {
        P of(String name, int[] shape, float[] values, float[] grad);
    }
}
