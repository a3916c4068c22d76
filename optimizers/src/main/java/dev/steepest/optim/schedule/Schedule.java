package dev.steepest.optim.schedule;

/** A learning rate as a function of the step t = 1, 2, …; see {@link Schedules} for the usual ones. */
public interface Schedule {

    /** lr_t at step {@code t} (t ≥ 1). */
    double at(long t);

    /** The schedule and its parameters as text; stored in checkpoints. */
    String spec();
}
