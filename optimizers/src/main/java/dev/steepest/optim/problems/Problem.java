package dev.steepest.optim.problems;

import dev.steepest.optim.Param;
import java.util.List;

/** A small differentiable problem over float parameters, for trying and testing optimizers without a framework. */
public interface Problem {

    /** The name used on the command line. */
    String name();

    /** The parameters (live: the optimizer updates them in place). */
    List<Param> params();

    /** The loss at the current parameters. */
    double loss();

    /** The smallest value of the loss, computed in double precision (closed form or Newton's method). */
    double minimum();

    /** The loss at the current parameters, writing its gradient into every {@link Param#grad()}. */
    double lossAndGradient();
}
