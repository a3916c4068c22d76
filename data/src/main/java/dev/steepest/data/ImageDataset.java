package dev.steepest.data;

/**
 * A named train/test pair.
 *
 * @param name where it came from, for reports ({@code "default"}, {@code "fashion-mnist"}, a folder)
 * @param train the training examples
 * @param test the test examples
 */
public record ImageDataset(String name, LabeledImages train, LabeledImages test) {

    public ImageDataset {
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IllegalArgumentException(name + ": train images are " + train.rows() + "x" + train.cols()
                    + " but test images are " + test.rows() + "x" + test.cols());
        }
    }

    /** The first {@code trainSize} training and {@code testSize} test examples (at most all of them). */
    public ImageDataset head(int trainSize, int testSize) {
        return new ImageDataset(name, train.range(0, Math.min(trainSize, train.size())),
                test.range(0, Math.min(testSize, test.size())));
    }
}
