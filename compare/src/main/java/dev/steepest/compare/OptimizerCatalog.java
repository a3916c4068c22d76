package dev.steepest.compare;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.steepest.djl.SteepestOptimizer;
import dev.steepest.djl.TorchNewtonSchulz;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.Presets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimizers {@code compare} knows by name, with default learning rates and sweep grids:
 * every steepest preset (through {@link SteepestOptimizer}, given the model's block so the output
 * layer is recognised), and DJL's own SGD and AdamW as {@code djl-sgd} and {@code djl-adamw} for
 * reference. The default learning rates suit the 784-256-10 MLP on Fashion-MNIST with batch 128.
 */
public final class OptimizerCatalog {
    private static final Map<String, OptimizerChoice> CHOICES = new LinkedHashMap<>();

    static {
        preset("sgd", 0.1f, 0.03f, 0.1f, 0.3f);
        preset("sgd-momentum", 0.03f, 0.01f, 0.03f, 0.1f);
        preset("signsgd", 3e-4f, 3e-5f, 1e-4f, 3e-4f);
        preset("sign-dual", 3e-6f, 3e-7f, 1e-6f, 3e-6f);
        preset("muon", 1e-2f, 3e-3f, 1e-2f, 3e-2f);
        preset("polargrad", 0.05f, 0.01f, 0.05f, 0.2f);
        preset("scion", 0.03f, 0.01f, 0.03f, 0.1f);
        preset("adamw", 1e-3f, 3e-4f, 1e-3f, 3e-3f);
        // RMS-aligned to Adam's update (0.2), as muon's match_rms_adamw: muon's learning rates
        preset("normuon", 1e-2f, 3e-3f, 1e-2f, 3e-2f);
        preset("adamuon", 1e-2f, 3e-3f, 1e-2f, 3e-2f);
        // the same presets with the spectral step's Newton–Schulz run by libtorch (TorchNewtonSchulz)
        add(new OptimizerChoice("muon-torch", 1e-2f, List.of(3e-3f, 1e-2f, 3e-2f), (rate, block) ->
                SteepestOptimizer.builder().spec(Presets.muon(Schedules.constant(rate), new TorchNewtonSchulz()))
                        .optBlock(block).build()));
        add(new OptimizerChoice("scion-torch", 0.03f, List.of(0.01f, 0.03f, 0.1f), (rate, block) ->
                SteepestOptimizer.builder().spec(Presets.scion(Schedules.constant(rate), new TorchNewtonSchulz()))
                        .optBlock(block).build()));
        add(new OptimizerChoice("djl-sgd", 0.1f, List.of(0.03f, 0.1f, 0.3f),
                (lr, block) -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).build()));
        add(new OptimizerChoice("djl-adamw", 1e-3f, List.of(3e-4f, 1e-3f, 3e-3f),
                (lr, block) -> Optimizer.adamW().optLearningRateTracker(Tracker.fixed(lr)).build()));
    }

    /** Every steepest preset. */
    public static final List<String> PRESETS = Presets.NAMES;

    /** The optimizers a plain {@code compare} runs: every preset. */
    public static final List<String> DEFAULT = PRESETS;

    private static void preset(String name, float lr, Float... grid) {
        add(new OptimizerChoice(name, lr, List.of(grid), (rate, block) -> SteepestOptimizer.builder().preset(name)
                .optLearningRate(rate).optBlock(block).build()));
    }

    private OptimizerCatalog() {
    }

    private static void add(OptimizerChoice c) {
        CHOICES.put(c.name(), c);
    }

    /** Every known name. */
    public static List<String> names() {
        return new ArrayList<>(CHOICES.keySet());
    }

    /**
     * The choice called {@code name} with preset {@code options} (by their PyTorch names, see
     * {@link Presets#options}): the options go to the preset's every run, and an option {@code lr} replaces the
     * default learning rate (the sweep keeps its grid). Options for an optimizer that is not a preset, or that its
     * preset does not take, are an {@link IllegalArgumentException} naming the key; checked here, before training.
     */
    public static OptimizerChoice get(String name, Map<String, String> options) {
        OptimizerChoice c = get(name);
        if (options == null || options.isEmpty()) {
            return c;
        }
        if (!Presets.NAMES.contains(c.name())) {
            throw new IllegalArgumentException("optimizer '" + c.name() + "' takes no preset options (given: "
                    + String.join(", ", options.keySet()) + ")");
        }
        Presets.get(c.name(), options); // checks every key and value
        Map<String, String> rest = new LinkedHashMap<>(options);
        String lr = rest.remove("lr");
        float rate = lr == null ? c.learningRate() : (float) Double.parseDouble(lr);
        Map<String, String> fixed = Map.copyOf(rest);
        return new OptimizerChoice(c.name(), rate, c.sweep(), (r, block) -> SteepestOptimizer.builder().preset(c.name())
                .optLearningRate(r).options(fixed).optBlock(block).build());
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
