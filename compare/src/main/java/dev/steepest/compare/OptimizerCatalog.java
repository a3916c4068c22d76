package dev.steepest.compare;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The optimizers {@code compare} knows by name, with default learning rates and sweep grids. */
public final class OptimizerCatalog {
    private static final Map<String, OptimizerChoice> CHOICES = new LinkedHashMap<>();

    static {
        add(new OptimizerChoice("sgd", 0.1f, List.of(0.03f, 0.1f, 0.3f),
                (lr, block) -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).build()));
        add(new OptimizerChoice("sgd-momentum", 0.05f, List.of(0.01f, 0.03f, 0.1f),
                (lr, block) -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).optMomentum(0.9f).build()));
        add(new OptimizerChoice("adamw", 1e-3f, List.of(3e-4f, 1e-3f, 3e-3f),
                (lr, block) -> Optimizer.adamW().optLearningRateTracker(Tracker.fixed(lr)).build()));
    }

    /** The optimizers a plain {@code compare} runs. */
    public static final List<String> DEFAULT = List.of("sgd", "sgd-momentum", "adamw");

    private OptimizerCatalog() {
    }

    private static void add(OptimizerChoice c) {
        CHOICES.put(c.name(), c);
    }

    /** Every known name. */
    public static List<String> names() {
        return new ArrayList<>(CHOICES.keySet());
    }

    /** The choice called {@code name}; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public static OptimizerChoice get(String name) {
        OptimizerChoice c = CHOICES.get(name.strip());
        if (c == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name.strip() + "'; choose from "
                    + String.join(", ", CHOICES.keySet()));
        }
        return c;
    }
}
