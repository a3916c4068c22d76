package dev.steepest.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where datasets come from.
 *
 * <ul>
 *   <li>{@code default}: 6000 training and 1000 test images of Fashion-MNIST shipped inside
 *       this module (MIT licence, notice next to the files), so a fresh clone needs no install;</li>
 *   <li>{@code fashion-mnist}: the full 60000/10000 set from the Debian package
 *       {@code dataset-fashion-mnist} at {@link #FASHION_MNIST_DIR};</li>
 *   <li>any folder holding the four MNIST-style IDX files, plain or gzipped.</li>
 * </ul>
 */
public final class Datasets {
    /** Where the Debian package {@code dataset-fashion-mnist} installs the data. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The classes of Fashion-MNIST, in label order. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final String RESOURCE_DIR = "/dev/steepest/data/fashion-mnist-small/";
    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    private static final int CLASSES = 10;

    private Datasets() {
    }

    /** {@code default}, {@code fashion-mnist}, or a folder of IDX files. */
    public static ImageDataset resolve(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no dataset given; use default, fashion-mnist or a folder of IDX files");
        }
        switch (spec.strip()) {
            case "default":
                return shipped();
            case "fashion-mnist":
                return fashionMnist();
            default:
                return fromDirectory(Path.of(spec.strip()));
        }
    }

    /** The Fashion-MNIST subset shipped in this module's resources. */
    public static ImageDataset shipped() {
        return new ImageDataset("default",
                LabeledImages.of(resource(TRAIN_IMAGES + ".gz"), resource(TRAIN_LABELS + ".gz"), CLASSES, "default (train)"),
                LabeledImages.of(resource(TEST_IMAGES + ".gz"), resource(TEST_LABELS + ".gz"), CLASSES, "default (test)"));
    }

    /** The full Fashion-MNIST from the Debian package {@code dataset-fashion-mnist}. */
    public static ImageDataset fashionMnist() {
        if (!Files.isDirectory(FASHION_MNIST_DIR)) {
            throw new IllegalArgumentException("full Fashion-MNIST not found at " + FASHION_MNIST_DIR
                    + "; install it with: apt-get install dataset-fashion-mnist");
        }
        ImageDataset d = fromDirectory(FASHION_MNIST_DIR);
        return new ImageDataset("fashion-mnist", d.train(), d.test());
    }

    /**
     * The four IDX files in {@code dir}: train-images-idx3-ubyte, train-labels-idx1-ubyte,
     * t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each plain or with {@code .gz}.
     */
    public static ImageDataset fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("dataset folder not found: " + dir
                    + " (expected default, fashion-mnist or a folder of IDX files)");
        }
        return new ImageDataset(dir.toString(),
                LabeledImages.of(Idx.read(find(dir, TRAIN_IMAGES)), Idx.read(find(dir, TRAIN_LABELS)), CLASSES,
                        dir + " (train)"),
                LabeledImages.of(Idx.read(find(dir, TEST_IMAGES)), Idx.read(find(dir, TEST_LABELS)), CLASSES,
                        dir + " (test)"));
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base, base + ".gz", base.replace("-idx", ".idx"), base.replace("-idx", ".idx") + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException(dir + " has no " + base + " (nor " + base + ".gz)");
    }

    private static IdxFile resource(String name) {
        try (InputStream in = Datasets.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("shipped dataset file missing from the classpath: " + RESOURCE_DIR + name);
            }
            return Idx.read(in, "default/" + name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read shipped dataset file " + name, e);
        }
    }
}
