package dev.steepest.compare;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.djl.SteepestOptimizer;
import dev.steepest.djl.TorchNewtonSchulz;
import dev.steepest.optim.Chain;
import dev.steepest.optim.OptimizerSpec;
import dev.steepest.optim.Role;
import dev.steepest.optim.Rule;
import dev.steepest.optim.schedule.Schedule;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.stage.adam.Adam;
import dev.steepest.optim.stage.momentum.Momentum;
import dev.steepest.optim.stage.normstep.NormStep;
import dev.steepest.optim.stage.scaling.ShapeScale;
import dev.steepest.optim.stage.weightdecay.WeightDecay;
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
        add(new OptimizerChoice("muon-torch", 1e-2f, List.of(3e-3f, 1e-2f, 3e-2f), (rate, block) ->
                SteepestOptimizer.builder().spec(muonWithTorchNewtonSchulz(rate)).optBlock(block).build()));
        add(new OptimizerChoice("scion-torch", 0.03f, List.of(0.01f, 0.03f, 0.1f), (rate, block) ->
                SteepestOptimizer.builder().spec(scionWithTorchNewtonSchulz(rate)).optBlock(block).build()));
        add(new OptimizerChoice("djl-sgd", 0.1f, List.of(0.03f, 0.1f, 0.3f),
                (lr, block) -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).build()));
        add(new OptimizerChoice("djl-adamw", 1e-3f, List.of(3e-4f, 1e-3f, 3e-3f),
                (lr, block) -> Optimizer.adamW().optLearningRateTracker(Tracker.fixed(lr)).build()));
    }

    /** Every steepest preset. */
    public static final List<String> PRESETS = Presets.NAMES;

    /** The optimizers a plain {@code compare} runs: every preset. */
    public static final List<String> DEFAULT = PRESETS;

    /**
     * The {@code muon} preset's composition (Nesterov 0.95, constrained spectral step, Moonshot
     * shape scale, decoupled decay 0.01 on hidden matrices; AdamW(0.9, 0.95) on the rest), built
     * from the optimizers module's stages with the spectral dualizer's Newton–Schulz run by
     * PyTorch ({@link TorchNewtonSchulz}) instead of the core's Java loop: a user-built
     * composition passed through {@code SteepestOptimizer.builder().spec(…)}.
     */
    static OptimizerSpec muonWithTorchNewtonSchulz(float lr) {
        Schedule rate = Schedules.constant(lr);
        return OptimizerSpec.builder("muon-torch")
                .group("hidden", Rule.role(Role.HIDDEN), rate, Chain.of(Momentum.nesterov(0.95),
                        NormStep.constrained(Norms.parse("spectral", new TorchNewtonSchulz())), ShapeScale.moonshot(),
                        new WeightDecay(0.01)))
                .group("rest", Rule.any(), rate, Adam.adamW(0.9, 0.95, 1e-8, 0.01))
                .build();
    }

    /**
     * The {@code scion} preset's composition (EMA momentum 0.9, then the constrained step with
     * ColNorm on embeddings, spectral on hidden matrices, sign on the rest) with the spectral
     * dualizer's Newton–Schulz run by PyTorch.
     */
    static OptimizerSpec scionWithTorchNewtonSchulz(float lr) {
        return OptimizerSpec.single("scion-torch", Schedules.constant(lr), Chain.of(Momentum.ema(0.9, false),
                NormStep.of(Step.Form.CONSTRAINED, List.of(
                        new NormStep.NormRule(Rule.role(Role.EMBEDDING), Norms.parse("colnorm")),
                        new NormStep.NormRule(Rule.role(Role.HIDDEN), Norms.parse("spectral", new TorchNewtonSchulz())),
                        new NormStep.NormRule(Rule.any(), Norms.parse("linf"))))));
    }

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
