package dev.steepest.compare;

import java.util.List;

/**
 * What one optimizer did in one run (one seed) of a comparison. Field names are the keys of {@code results.json}.
 *
 * <p>"Held-out" is data the run did not train on and the comparison uses for choices: for the image models the
 * last 10% of the training set (the learning rate and the best epoch are chosen on it); for {@code gpt} the
 * validation text, the last 10% of the shipped text (learning rates are chosen on a split of the training part,
 * so the validation text decides nothing). "Test" is the test set for the image models and the validation text
 * for {@code gpt}.
 *
 * @param name the optimizer's name
 * @param learningRate the learning rate used (after the sweep, when one ran)
 * @param sweep held-out score for each learning rate tried ({@code --lr-sweep}), else empty
 * @param testAccuracy test accuracy after the last epoch (for {@code gpt}: next-character accuracy)
 * @param bestTestAccuracy test accuracy at the epoch with the best held-out accuracy (the epoch is chosen on the
 *                         held-out split, never on the test set)
 * @param trainLoss mean training loss over the last epoch (or the last evaluation interval)
 * @param seconds wall time of training (evaluation excluded)
 * @param optimizerSeconds the part of {@code seconds} spent in the optimizer step
 * @param epochs per-epoch curve (for {@code gpt}: per evaluation)
 * @param steps per-step training loss
 * @param localLinear sampled steps: predicted change ⟨g,u⟩ against the observed loss change on the same batch
 * @param diverged whether training stopped on a non-finite loss
 * @param seed the seed of the initialization and the batch order
 * @param testLoss test loss (nats) after the last epoch
 * @param valLoss held-out loss (nats; per character for {@code gpt}) after the last epoch
 * @param valAccuracy held-out accuracy after the last epoch
 * @param spectrum singular values of the first hidden matrix's gradient and update at the first sampled step
 *                 (null when no step was sampled)
 */
public record RunResult(String name, double learningRate, List<SweepPoint> sweep, double testAccuracy,
                        double bestTestAccuracy, double trainLoss, double seconds, double optimizerSeconds,
                        List<EpochPoint> epochs, List<StepPoint> steps, List<LocalLinearPoint> localLinear,
                        boolean diverged, long seed, double testLoss, double valLoss, double valAccuracy,
                        Spectrum spectrum) {

    /** The same without a spectrum. */
    public RunResult(String name, double learningRate, List<SweepPoint> sweep, double testAccuracy,
                     double bestTestAccuracy, double trainLoss, double seconds, double optimizerSeconds,
                     List<EpochPoint> epochs, List<StepPoint> steps, List<LocalLinearPoint> localLinear,
                     boolean diverged, long seed, double testLoss, double valLoss, double valAccuracy) {
        this(name, learningRate, sweep, testAccuracy, bestTestAccuracy, trainLoss, seconds, optimizerSeconds, epochs,
                steps, localLinear, diverged, seed, testLoss, valLoss, valAccuracy, null);
    }

    /** Bits per character of the held-out loss ({@code valLoss / ln 2}); meaningful for {@code gpt}. */
    public double valBitsPerChar() {
        return valLoss / Math.log(2);
    }

    /** This result with {@code sweep} as its sweep. */
    public RunResult withSweep(List<SweepPoint> s) {
        return new RunResult(name, learningRate, s, testAccuracy, bestTestAccuracy, trainLoss, seconds, optimizerSeconds,
                epochs, steps, localLinear, diverged, seed, testLoss, valLoss, valAccuracy, spectrum);
    }

    /**
     * One epoch (for {@code gpt}: one evaluation): mean training loss since the previous point, test and held-out
     * loss and accuracy, time since the start.
     */
    public record EpochPoint(int epoch, int step, double seconds, double trainLoss, double testLoss,
                             double testAccuracy, double valLoss, double valAccuracy) {
    }

    /** One step: its training loss and the time since the start (evaluation excluded). */
    public record StepPoint(int step, double seconds, double trainLoss) {
    }

    /** ⟨g,u⟩ predicted from the gradient and the applied update, and L(θ+u) − L(θ) observed on the same batch. */
    public record LocalLinearPoint(int step, double predicted, double observed) {
    }

    /**
     * Singular values, descending, of one hidden matrix's gradient and of the update the optimizer applied to it, at
     * one step: a spectral step flattens them (every direction moves by about the same amount), a gradient step keeps
     * the gradient's.
     */
    public record Spectrum(int step, String parameter, double[] gradient, double[] update) {
    }

    /**
     * The held-out score of one learning rate in the sweep: accuracy for the image models, loss (nats per
     * character) for {@code gpt}.
     */
    public record SweepPoint(double learningRate, double validationAccuracy, double validationLoss, boolean diverged) {
    }
}
