package dev.steepest.compare;

import java.util.List;

/**
 * What one optimizer did in a comparison. Field names are the keys of {@code results.json}.
 *
 * @param name the optimizer's name
 * @param learningRate the learning rate used (after the sweep, when one ran)
 * @param sweep validation accuracy for each learning rate tried ({@code --lr-sweep}), else empty
 * @param testAccuracy test accuracy after the last epoch
 * @param bestTestAccuracy best test accuracy at any evaluation
 * @param trainLoss mean training loss over the last epoch
 * @param seconds wall time of training (evaluation excluded)
 * @param optimizerSeconds the part of {@code seconds} spent in the optimizer step
 * @param epochs per-epoch curve
 * @param steps per-step training loss and evaluations (every step's loss; test accuracy where evaluated)
 * @param localLinear sampled steps: predicted change ⟨g,u⟩ against the observed loss change on the same batch
 * @param diverged whether training stopped on a non-finite loss
 */
public record RunResult(String name, double learningRate, List<SweepPoint> sweep, double testAccuracy,
                        double bestTestAccuracy, double trainLoss, double seconds, double optimizerSeconds,
                        List<EpochPoint> epochs, List<StepPoint> steps, List<LocalLinearPoint> localLinear,
                        boolean diverged) {

    /** One epoch: mean training loss, test loss and accuracy, time since the start. */
    public record EpochPoint(int epoch, int step, double seconds, double trainLoss, double testLoss,
                             double testAccuracy) {
    }

    /** One step: its training loss and the time since the start (evaluation excluded). */
    public record StepPoint(int step, double seconds, double trainLoss) {
    }

    /** ⟨g,u⟩ predicted from the gradient and the applied update, and L(θ+u) − L(θ) observed on the same batch. */
    public record LocalLinearPoint(int step, double predicted, double observed) {
    }

    /** Validation accuracy of one learning rate in the sweep. */
    public record SweepPoint(double learningRate, double validationAccuracy, boolean diverged) {
    }
}
