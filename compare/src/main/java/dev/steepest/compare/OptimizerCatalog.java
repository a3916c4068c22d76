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
    private static final Map<String, Description> DESCRIPTIONS = new LinkedHashMap<>();

    /**
     * What an optimizer is, for the report's table of presets.
     *
     * @param norm the norm of the step, by parameter role
     * @param form penalized (argmin ⟨g,Δ⟩ + c‖Δ‖², step length follows the gradient's dual norm) or constrained
     *             (argmin ⟨g,Δ⟩ over ‖Δ‖ ≤ lr, fixed step length)
     * @param momentum the momentum or moment estimates
     * @param weightDecay the decoupled weight decay λ (applied as θ ← θ − lr·λθ)
     */
    public record Description(String norm, String form, String momentum, String weightDecay) {
    }

    static {
        describe("sgd", "ℓ2 (Euclidean)", "penalized", "none", "0");
        describe("sgd-momentum", "ℓ2 (Euclidean)", "penalized", "heavy ball, μ = 0.9", "0");
        describe("signsgd", "ℓ∞", "constrained (radius lr)", "none", "0");
        describe("sign-dual", "ℓ∞ per tensor", "penalized (c = 1/(2·lr); the step is lr·‖g‖₁·sign g, so its lr is "
                + "small: ‖g‖₁ sums every entry of the tensor)", "none", "0");
        describe("muon", "spectral (Newton–Schulz, 5 steps) on hidden matrices, scaled 0.2·√max(m,n); AdamW on "
                + "embeddings, output layer, biases and gains", "constrained", "Nesterov on an EMA, μ = 0.95 "
                + "(torch.optim.Muon's form); AdamW β = (0.9, 0.95)", "0.01");
        describe("normuon", "spectral (Newton–Schulz) on hidden matrices, each row then divided by the root of its "
                + "second-moment EMA and the update rescaled to RMS 0.2; AdamW on the rest", "constrained",
                "EMA β₁ = 0.95, per-row second moment β₂ = 0.95; AdamW β = (0.9, 0.95)", "0.01");
        describe("adamuon", "spectral (Newton–Schulz of sign(M)) on hidden matrices, then an element-wise "
                + "second-moment EMA and the update rescaled to RMS 0.2; AdamW on the rest", "constrained",
                "EMA β₁ = 0.95, element-wise second moment β₂ = 0.95; AdamW β = (0.9, 0.95)", "0.01");
        describe("polargrad", "spectral (exact polar factor by SVD) on matrices; ℓ2 on vectors", "penalized", "none", "0");
        describe("scion", "ColNorm on embeddings, spectral (Newton–Schulz) on hidden matrices, ℓ∞ (sign) on the "
                + "output layer and vectors", "constrained", "EMA β = 0.9", "0");
        describe("adamw", "none fixed: diagonal, per-coordinate scaling m̂/(√v̂ + ε)", "(adaptive)",
                "β = (0.9, 0.999)", "0.01");
        describe("muon-torch", "as muon, Newton–Schulz run by PyTorch", "constrained",
                "Nesterov μ = 0.95; AdamW β = (0.9, 0.95)", "0.01");
        describe("scion-torch", "as scion, Newton–Schulz run by PyTorch", "constrained", "EMA β = 0.9", "0");
        describe("djl-sgd", "ℓ2 (Euclidean), DJL's own SGD", "penalized", "none", "0");
        describe("djl-adamw", "none fixed: DJL's own AdamW", "(adaptive)", "DJL's defaults", "DJL's default");
    }

    private static void describe(String name, String norm, String form, String momentum, String weightDecay) {
        DESCRIPTIONS.put(name, new Description(norm, form, momentum, weightDecay));
    }

    /** The description of {@code name} for the report. */
    public static Description description(String name) {
        Description d = DESCRIPTIONS.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no description for optimizer '" + name + "'");
        }
        return d;
    }

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
                        .optBlock(block).build(), (schedule, block) ->
                SteepestOptimizer.builder().spec(Presets.muon(schedule, new TorchNewtonSchulz()))
                        .optBlock(block).build()));
        add(new OptimizerChoice("scion-torch", 0.03f, List.of(0.01f, 0.03f, 0.1f), (rate, block) ->
                SteepestOptimizer.builder().spec(Presets.scion(Schedules.constant(rate), new TorchNewtonSchulz()))
                        .optBlock(block).build(), (schedule, block) ->
                SteepestOptimizer.builder().spec(Presets.scion(schedule, new TorchNewtonSchulz()))
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
                .optLearningRate(rate).optBlock(block).build(), (schedule, block) -> SteepestOptimizer.builder()
                .preset(name).optLearningRateSchedule(schedule).optBlock(block).build()));
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
     * The choice called {@code name} for {@code model}: for {@code gpt}, the AdamW variants default to 3e-3 and
     * sweep {1e-3, 3e-3, 1e-2, 3e-2} (small transformers train best with AdamW above the image models' 1e-3; the grid
     * reaches 3e-2 because with a cosine schedule 1e-2, the top of a three-point grid, was chosen); every
     * other choice as {@link #get(String)}.
     */
    public static OptimizerChoice get(String name, String model) {
        OptimizerChoice c = get(name);
        if ("gpt".equals(model) && (c.name().equals("adamw") || c.name().equals("djl-adamw"))) {
            return new OptimizerChoice(c.name(), 3e-3f, List.of(1e-3f, 3e-3f, 1e-2f, 3e-2f), c.factory(), c.scheduled());
        }
        return c;
    }

    /**
     * The choice called {@code name} for {@code model} with preset {@code options} (by their PyTorch names, see
     * {@link Presets#options}): the options go to the preset's every run, and an option {@code lr} replaces the
     * default learning rate (the sweep keeps its grid). Options for an optimizer that is not a preset, or that its
     * preset does not take, are an {@link IllegalArgumentException} naming the key; checked here, before training.
     */
    public static OptimizerChoice get(String name, String model, Map<String, String> options) {
        OptimizerChoice c = get(name, model);
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
                .optLearningRate(r).options(fixed).optBlock(block).build(), (schedule, block) -> SteepestOptimizer
                .builder().preset(c.name()).optLearningRateSchedule(schedule).options(fixed).optBlock(block).build());
    }

    /** As {@link #get(String, String, Map)} for the image models. */
    public static OptimizerChoice get(String name, Map<String, String> options) {
        return get(name, "mlp", options);
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
