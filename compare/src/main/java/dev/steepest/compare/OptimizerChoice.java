package dev.steepest.compare;

import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import dev.steepest.optim.schedule.Schedule;
import dev.steepest.optim.schedule.Schedules;
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
public record OptimizerChoice(String name, float learningRate, List<Float> sweep, Factory factory,
                              ScheduledFactory scheduled) {

    /** A choice that takes only a constant learning rate. */
    public OptimizerChoice(String name, float learningRate, List<Float> sweep, Factory factory) {
        this(name, learningRate, sweep, factory, null);
    }

    /** Builds a DJL optimizer with a learning-rate schedule for one training run. */
    @FunctionalInterface
    public interface ScheduledFactory {
        /** A new optimizer following {@code lr} for the parameters of {@code block}. */
        Optimizer create(Schedule lr, Block block);
    }

    /** The schedules {@code --schedule} names. */
    public static final List<String> SCHEDULES = List.of("constant", "cosine");

    /**
     * The peak rate {@code lr} as {@code schedule} over {@code totalSteps}: {@code constant}, or {@code cosine}: a
     * linear warm-up over the first 5% of the steps, then a cosine decay to lr/10 at the last step.
     */
    public static Schedule schedule(String schedule, float lr, int totalSteps) {
        return switch (schedule) {
            case "constant" -> Schedules.constant(lr);
            case "cosine" -> Schedules.linearWarmup(Schedules.cosineDecay(lr, Math.max(1, totalSteps), lr / 10.0),
                    Math.max(1, totalSteps / 20));
            default -> throw new IllegalArgumentException("unknown schedule '" + schedule + "'; choose one of "
                    + String.join(", ", SCHEDULES));
        };
    }

    /** This choice with {@code schedule} over {@code totalSteps} ({@code constant}: this choice itself). */
    public OptimizerChoice withSchedule(String schedule, int totalSteps) {
        if ("constant".equals(schedule)) {
            return this;
        }
        schedule(schedule, 1f, totalSteps); // validates the name
        if (scheduled == null) {
            throw new IllegalArgumentException("--schedule " + schedule + " applies to the steepest presets, not to '"
                    + name + "'");
        }
        ScheduledFactory s = scheduled;
        return new OptimizerChoice(name, learningRate, sweep, (lr, block) -> s.create(schedule(schedule, lr, totalSteps),
                block), s);
    }

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
