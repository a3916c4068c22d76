package dev.steepest.optim;

/**
 * What a stage knows about the step being taken, and where it reports what the step report needs.
 */
public final class StepContext {
    private long step;
    private double learningRate;
    private final String group;
    private double penaltyTerm;
    private boolean penalized;
    private double orthogonalityError = Double.NaN;

    /**
     * @param step the step being taken, counting from 1 (skipped steps are not counted)
     * @param learningRate the group's scheduled learning rate lr_t at this step
     * @param group the group's name
     */
    public StepContext(long step, double learningRate, String group) {
        this.step = step;
        this.learningRate = learningRate;
        this.group = group;
    }

    /** Starts the next step in this context (the optimizer keeps one context per group). */
    void reset(long newStep, double newLearningRate) {
        step = newStep;
        learningRate = newLearningRate;
        penaltyTerm = 0;
        penalized = false;
        orthogonalityError = Double.NaN;
    }

    /** The step being taken, from 1. */
    public long step() {
        return step;
    }

    /** The scheduled learning rate lr_t of this group at this step. */
    public double learningRate() {
        return learningRate;
    }

    public String group() {
        return group;
    }

    /** A penalized norm step reports its c‖u‖² here (c = 1/(2·lr_t)). */
    public void addPenaltyTerm(double cTimesNormSquared) {
        penalized = true;
        penaltyTerm += cTimesNormSquared;
    }

    /** A stage with an approximate orthogonalizer reports ‖OᵀO − I‖ here; the largest is kept. */
    public void reportOrthogonalityError(double error) {
        if (!Double.isNaN(error) && !(error <= orthogonalityError)) {
            orthogonalityError = error;
        }
    }

    /** Whether a penalized step reported its penalty. */
    public boolean penalized() {
        return penalized;
    }

    /** Sum of reported penalty terms. */
    public double penaltyTerm() {
        return penaltyTerm;
    }

    /** Largest reported orthogonality error, NaN if none. */
    public double orthogonalityError() {
        return orthogonalityError;
    }
}
