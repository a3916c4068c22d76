package dev.steepest.compare;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/** The models {@code compare} trains, as DJL blocks. */
public final class Models {
    /** The names accepted by {@code --model}. */
    public static final List<String> NAMES = List.of("mlp", "cnn", "gpt");
    /** The models that train on images. */
    public static final List<String> IMAGE = List.of("mlp", "cnn");

    private Models() {
    }

    /**
     * A new, uninitialized block for {@code name}: {@code mlp} is 784-256-10 with ReLU;
     * {@code cnn} is conv(16,3×3)-ReLU-maxpool-conv(32,3×3)-ReLU-maxpool-linear(10), small enough for a CPU.
     * {@code gpt} is the character-level transformer {@link Gpt}, built by {@link TextTraining} from its sizes.
     */
    public static Block create(String name, int classes) {
        switch (name) {
            case "mlp":
                return new SequentialBlock()
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(256).build())
                        .add(Activation::relu)
                        .add(Linear.builder().setUnits(classes).build());
            case "cnn":
                return new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(16).build())
                        .add(Activation::relu)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
                        .add(Activation::relu)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(classes).build());
            case "gpt":
                throw new IllegalArgumentException("--model gpt trains on text; it is built from its sizes by TextTraining");
            default:
                throw new IllegalArgumentException("unknown model '" + name + "'; choose one of " + String.join(", ", NAMES));
        }
    }

    /** The input shape of one batch of {@code batch} images of {@code rows × cols}. */
    public static Shape inputShape(String name, int batch, int rows, int cols) {
        return "cnn".equals(name) ? new Shape(batch, 1, rows, cols) : new Shape(batch, (long) rows * cols);
    }
}
