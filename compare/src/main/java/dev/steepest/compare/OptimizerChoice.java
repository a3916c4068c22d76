package dev.steepest.compare;

import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;

/**
 * A named optimizer {@code compare} can train with: its default learning rate, the grid
 * {@code --lr-sweep} tries, and how to build a fresh DJL optimizer for a model.
 *
 * @param name the name on the command line
 * @param learningRate the default learning rate
 * @param sweep the learning rates {@code --lr-sweep} tries
 * @param factory builds a fresh optimizer (with fresh state) for a learning rate and a model
 */
public record OptimizerChoice(String name, float learningRate, List<Float> sweep, Factory factory) {

    /** Builds a DJL optimizer for one training run. */
    @FunctionalInterface
    public interface Factory {
        /** A new optimizer with learning rate {@code lr} for the parameters of {@code block}. */
        Optimizer create(float lr, Block block);
    }

    /** A fresh optimizer at {@code lr} for {@code block}. */
    public Optimizer create(float lr, Block block) {
        return factory.create(lr, block);
    }
}
