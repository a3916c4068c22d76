package dev.steepest.optim;

import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.core.linalg.Orthogonalizer;
import dev.steepest.core.linalg.Orthogonalizers;
import dev.steepest.optim.schedule.Schedule;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.stage.adam.Adam;
import dev.steepest.optim.stage.momentum.Momentum;
import dev.steepest.optim.stage.normstep.NormStep;
import dev.steepest.optim.stage.scaling.ShapeScale;
import dev.steepest.optim.stage.weightdecay.WeightDecay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named optimizers, each only a composition of stages. lr is the (scheduled) learning rate;
 * every update is applied as θ ← θ − lr·(chain output).
 *
 * <table>
 *   <caption>presets</caption>
 *   <tr><th>name</th><th>update</th></tr>
 *   <tr><td>sgd</td><td>θ ← θ − lr·g</td></tr>
 *   <tr><td>sgd-momentum</td><td>m ← 0.9m + g;  θ ← θ − lr·m</td></tr>
 *   <tr><td>signsgd</td><td>θ ← θ − lr·sign(g)  (constrained ℓ∞, radius lr)</td></tr>
 *   <tr><td>sign-dual</td><td>θ ← θ − lr·‖g‖₁·sign(g) per tensor (penalized ℓ∞, c = 1/(2lr))</td></tr>
 *   <tr><td>muon</td><td>hidden W: m ← 0.95m + G;  θ ← θ − lr·(0.2√max(m,n)·NS5(G + 0.95m) + 0.01θ);
 *       the rest: AdamW(β = 0.9, 0.95, ε = 1e-8, λ = 0.01) at the same lr</td></tr>
 *   <tr><td>polargrad</td><td>matrices: θ ← θ − lr·⟨G,O⟩·O, O = U Vᵀ (penalized spectral);
 *       vectors: θ ← θ − lr·g (penalized ℓ2)</td></tr>
 *   <tr><td>scion</td><td>m ← 0.9m + 0.1g;  θ ← θ − lr·t*(m) with t* by role: ColNorm on embeddings,
 *       spectral (NS5) on hidden matrices, sign on the output layer and vectors (constrained)</td></tr>
 *   <tr><td>adamw</td><td>θ ← θ − lr·(m̂/(√v̂ + 1e-8) + 0.01θ), β = (0.9, 0.999)</td></tr>
 * </table>
 * Muon's shape scale 0.2·√max(m,n) makes the spectral step's RMS match AdamW's, which is why one
 * learning rate serves both of its groups.
 */
public final class Presets {
    private Presets() {
    }

    /** Every preset name, in the order of the table above. */
    public static final List<String> NAMES = List.of(
            "sgd", "sgd-momentum", "signsgd", "sign-dual", "muon", "polargrad", "scion", "adamw");

    private static final Map<String, String> FORMULAS = new LinkedHashMap<>();

    static {
        FORMULAS.put("sgd", "θ ← θ − lr·g");
        FORMULAS.put("sgd-momentum", "m ← 0.9m + g; θ ← θ − lr·m");
        FORMULAS.put("signsgd", "θ ← θ − lr·sign(g)   (constrained ℓ∞)");
        FORMULAS.put("sign-dual", "θ ← θ − lr·‖g‖₁·sign(g)   (penalized ℓ∞, per tensor)");
        FORMULAS.put("muon", "hidden: m ← 0.95m + G; θ ← θ − lr·(0.2√max(m,n)·NS5(G + 0.95m) + 0.01θ); rest: AdamW");
        FORMULAS.put("polargrad", "matrices: θ ← θ − lr·⟨G,O⟩·O, O = UVᵀ (penalized spectral); vectors: θ ← θ − lr·g");
        FORMULAS.put("scion", "m ← 0.9m + 0.1g; θ ← θ − lr·t*(m), t* = ColNorm | spectral(NS5) | sign by role");
        FORMULAS.put("adamw", "θ ← θ − lr·(m̂/(√v̂ + ε) + 0.01θ), β = (0.9, 0.999), ε = 1e-8");
    }

    /** The default learning rate of each preset, for the small built-in problems. */
    public static double defaultLearningRate(String name) {
        return switch (check(name)) {
            case "sgd", "sgd-momentum", "signsgd", "polargrad" -> 0.01;
            case "sign-dual" -> 0.003;
            default -> 0.03;
        };
    }

    /** The update of {@code name} in one line. */
    public static String formula(String name) {
        return FORMULAS.get(check(name));
    }

    /** The preset {@code name} at its default learning rate. */
    public static OptimizerSpec get(String name) {
        return get(name, defaultLearningRate(name));
    }

    /** The preset {@code name} at constant learning rate {@code lr}. */
    public static OptimizerSpec get(String name, double lr) {
        return get(name, Schedules.constant(lr));
    }

    /** The preset {@code name} with learning-rate schedule {@code lr}; throws naming the choices for an unknown name. */
    public static OptimizerSpec get(String name, Schedule lr) {
        return switch (check(name)) {
            case "sgd" -> sgd(lr);
            case "sgd-momentum" -> sgdMomentum(lr, 0.9);
            case "signsgd" -> signSgd(lr);
            case "sign-dual" -> signDual(lr);
            case "muon" -> muon(lr, Orthogonalizers.parse("ns5"));
            case "polargrad" -> polarGrad(lr);
            case "scion" -> scion(lr, Orthogonalizers.parse("ns5"));
            case "adamw" -> adamW(lr, 0.9, 0.999, 1e-8, 0.01);
            default -> throw new IllegalStateException(name);
        };
    }

    private static String check(String name) {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; choose one of " + String.join(", ", NAMES));
        }
        return name;
    }

    /** θ ← θ − lr·g: the empty chain. */
    public static OptimizerSpec sgd(Schedule lr) {
        return OptimizerSpec.single("sgd", lr, Chain.of());
    }

    /** m ← μm + g; θ ← θ − lr·m. */
    public static OptimizerSpec sgdMomentum(Schedule lr, double mu) {
        return OptimizerSpec.single("sgd-momentum", lr, Chain.of(Momentum.heavyBall(mu)));
    }

    /** θ ← θ − lr·sign(g): constrained ℓ∞ with radius lr. */
    public static OptimizerSpec signSgd(Schedule lr) {
        return OptimizerSpec.single("signsgd", lr, Chain.of(NormStep.constrained(Norms.parse("linf"))));
    }

    /** θ ← θ − lr·‖g‖₁·sign(g) per tensor: penalized ℓ∞ with c = 1/(2lr) (the homework's part (b) with α = lr). */
    public static OptimizerSpec signDual(Schedule lr) {
        return OptimizerSpec.single("sign-dual", lr, Chain.of(NormStep.penalized(Norms.parse("linf"))));
    }

    /** The {@code muon} preset with {@code orthogonalizer} computing the spectral step (ns5 in the preset). */
    public static OptimizerSpec muon(Schedule lr, Orthogonalizer orthogonalizer) {
        return muon(lr, 0.95, 0.01, orthogonalizer);
    }

    /** The {@code muon} composition with Nesterov μ and decay λ, spectral step by ns5. */
    public static OptimizerSpec muon(Schedule lr, double mu, double weightDecay) {
        return muon(lr, mu, weightDecay, Orthogonalizers.parse("ns5"));
    }

    /**
     * Muon on hidden matrices (Nesterov μ, constrained spectral step with {@code orthogonalizer}, Moonshot
     * scale, decay λ); AdamW(0.9, 0.95) with decay λ on the rest.
     */
    public static OptimizerSpec muon(Schedule lr, double mu, double weightDecay, Orthogonalizer orthogonalizer) {
        return OptimizerSpec.builder("muon")
                .group("hidden", Rule.role(Role.HIDDEN), lr, Chain.of(Momentum.nesterov(mu),
                        NormStep.constrained(Norms.parse("spectral", orthogonalizer)), ShapeScale.moonshot(),
                        new WeightDecay(weightDecay)))
                .group("rest", Rule.any(), lr, Adam.adamW(0.9, 0.95, 1e-8, weightDecay))
                .build();
    }

    /** Penalized spectral on matrices (exact polar factor), penalized ℓ2 on vectors. */
    public static OptimizerSpec polarGrad(Schedule lr) {
        return OptimizerSpec.single("polargrad", lr, Chain.of(NormStep.of(Step.Form.PENALIZED, List.of(
                new NormStep.NormRule(Rule.matrix(), Norms.parse("spectral", Orthogonalizers.parse("svd"))),
                new NormStep.NormRule(Rule.any(), Norms.parse("l2"))))));
    }

    /** The {@code scion} preset with {@code orthogonalizer} computing the spectral step (ns5 in the preset). */
    public static OptimizerSpec scion(Schedule lr, Orthogonalizer orthogonalizer) {
        return scion(lr, 0.9, orthogonalizer);
    }

    /** The {@code scion} composition with EMA momentum β, spectral step by ns5. */
    public static OptimizerSpec scion(Schedule lr, double beta) {
        return scion(lr, beta, Orthogonalizers.parse("ns5"));
    }

    /** Scion: EMA momentum β, then the constrained step with ColNorm / spectral ({@code orthogonalizer}) / sign by role. */
    public static OptimizerSpec scion(Schedule lr, double beta, Orthogonalizer orthogonalizer) {
        return OptimizerSpec.single("scion", lr, Chain.of(Momentum.ema(beta, false),
                NormStep.of(Step.Form.CONSTRAINED, List.of(
                        new NormStep.NormRule(Rule.role(Role.EMBEDDING), Norms.parse("colnorm")),
                        new NormStep.NormRule(Rule.role(Role.HIDDEN), Norms.parse("spectral", orthogonalizer)),
                        new NormStep.NormRule(Rule.any(), Norms.parse("linf"))))));
    }

    /** AdamW: θ ← θ − lr·(m̂/(√v̂ + ε) + λθ). */
    public static OptimizerSpec adamW(Schedule lr, double beta1, double beta2, double eps, double weightDecay) {
        return OptimizerSpec.single("adamw", lr, Adam.adamW(beta1, beta2, eps, weightDecay));
    }
}
