package dev.steepest.optim;

import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.core.linalg.BFloat16NewtonSchulz;
import dev.steepest.core.linalg.NewtonSchulz;
import dev.steepest.core.linalg.Orthogonalizer;
import dev.steepest.core.linalg.Orthogonalizers;
import dev.steepest.core.linalg.PolarSchedules;
import dev.steepest.optim.schedule.Schedule;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.stage.adam.Adam;
import dev.steepest.optim.stage.adaptive.SecondMoment;
import dev.steepest.optim.stage.momentum.Momentum;
import dev.steepest.optim.stage.normstep.NormStep;
import dev.steepest.optim.stage.scaling.RmsScale;
import dev.steepest.optim.stage.scaling.ShapeScale;
import dev.steepest.optim.stage.scaling.TensorScale;
import dev.steepest.optim.stage.weightdecay.WeightDecay;
import java.util.Collections;
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
 *   <tr><td>muon</td><td>hidden W: B ← 0.95B + 0.05G;  θ ← θ − lr·(0.2√max(m,n)·NS5(0.05G + 0.95B) + 0.01θ);
 *       the rest: AdamW(β = 0.9, 0.95, ε = 1e-8, λ = 0.01) at the same lr (torch.optim.Muon's options, see
 *       {@link #options})</td></tr>
 *   <tr><td>polargrad</td><td>matrices: θ ← θ − lr·⟨G,O⟩·O, O = U Vᵀ (penalized spectral);
 *       vectors: θ ← θ − lr·g (penalized ℓ2)</td></tr>
 *   <tr><td>scion</td><td>m ← 0.9m + 0.1g;  θ ← θ − lr·t*(m) with t* by role: ColNorm on embeddings,
 *       spectral (NS5) on hidden matrices, sign on the output layer and vectors (constrained)</td></tr>
 *   <tr><td>adamw</td><td>θ ← θ − lr·(m̂/(√v̂ + 1e-8) + 0.01θ), β = (0.9, 0.999)</td></tr>
 *   <tr><td>normuon</td><td>hidden W: M ← 0.95M + 0.05G; O = NS5(M); v ← 0.95v + 0.05·mean_cols(O⊙O);
 *       Ô = O ⊘ (√v + 1e-8) per row; θ ← θ − lr·(0.2√(mn)·Ô/‖Ô‖_F + 0.01θ); the rest: AdamW</td></tr>
 *   <tr><td>adamuon</td><td>hidden W: M ← 0.95M + 0.05G; O = NS5(sign(M)); V ← 0.95V + 0.05·O⊙O;
 *       Ô = O ⊘ (√V + 1e-8); θ ← θ − lr·(0.2√(mn)·Ô/‖Ô‖_F + 0.01θ); the rest: AdamW</td></tr>
 * </table>
 * Muon's shape scale 0.2·√max(m,n) makes the spectral step's RMS match AdamW's, which is why one
 * learning rate serves both of its groups.
 */
public final class Presets {
    private Presets() {
    }

    /** Every preset name, in the order of the table above. */
    public static final List<String> NAMES = List.of(
            "sgd", "sgd-momentum", "signsgd", "sign-dual", "muon", "polargrad", "scion", "adamw", "normuon", "adamuon");

    private static final Map<String, String> FORMULAS = new LinkedHashMap<>();
    private static final Map<String, Map<String, String>> OPTIONS = new LinkedHashMap<>();

    static {
        FORMULAS.put("sgd", "θ ← θ − lr·g");
        FORMULAS.put("sgd-momentum", "m ← 0.9m + g; θ ← θ − lr·m");
        FORMULAS.put("signsgd", "θ ← θ − lr·sign(g)   (constrained ℓ∞)");
        FORMULAS.put("sign-dual", "θ ← θ − lr·‖g‖₁·sign(g)   (penalized ℓ∞, per tensor)");
        FORMULAS.put("muon", "hidden: B ← 0.95B + 0.05G; θ ← θ − lr·(0.2√max(m,n)·NS5(0.05G + 0.95B) + 0.01θ); rest: AdamW");
        FORMULAS.put("polargrad", "matrices: θ ← θ − lr·⟨G,O⟩·O, O = UVᵀ (penalized spectral); vectors: θ ← θ − lr·g");
        FORMULAS.put("scion", "m ← 0.9m + 0.1g; θ ← θ − lr·t*(m), t* = ColNorm | spectral(NS5) | sign by role");
        FORMULAS.put("adamw", "θ ← θ − lr·(m̂/(√v̂ + ε) + 0.01θ), β = (0.9, 0.999), ε = 1e-8");
        FORMULAS.put("normuon", "hidden: M ← 0.95M + 0.05G; O = NS5(M); v ← 0.95v + 0.05·mean_cols(O⊙O); "
                + "Ô = O/(√v + ε) per row; θ ← θ − lr·(0.2√(mn)·Ô/‖Ô‖_F + 0.01θ); rest: AdamW");
        FORMULAS.put("adamuon", "hidden: M ← 0.95M + 0.05G; O = NS5(sign(M)); V ← 0.95V + 0.05·O⊙O; "
                + "Ô = O/(√V + ε); θ ← θ − lr·(0.2√(mn)·Ô/‖Ô‖_F + 0.01θ); rest: AdamW");
        for (String name : NAMES) {
            Map<String, String> o = new LinkedHashMap<>();
            o.put("lr", Double.toString(defaultLearningRate(name)));
            switch (name) {
                case "muon" -> {
                    o.put("weight_decay", "0.01");
                    o.put("momentum", "0.95");
                    o.put("nesterov", "true");
                    double[] q = PolarSchedules.QUINTIC;
                    o.put("ns_coefficients", q[0] + "," + q[1] + "," + q[2]);
                    o.put("eps", "1e-07");
                    o.put("ns_steps", Integer.toString(PolarSchedules.NS5_STEPS));
                    o.put("adjust_lr_fn", "match_rms_adamw");
                    o.put("ns_precision", "float32");
                }
                case "adamw" -> {
                    o.put("betas", "0.9,0.999");
                    o.put("eps", "1e-08");
                    o.put("weight_decay", "0.01");
                }
                case "normuon", "adamuon" -> {
                    o.put("weight_decay", "0.01");
                    o.put("momentum", "0.95");
                    o.put("beta2", "0.95");
                    o.put("eps", "1e-08");
                }
                default -> {
                }
            }
            OPTIONS.put(name, Collections.unmodifiableMap(o));
        }
    }


    /**
     * The options preset {@code name} takes, each with its default, in order. Every preset takes {@code lr};
     * {@code muon} takes torch.optim.Muon's ({@code weight_decay}, {@code momentum}, {@code nesterov},
     * {@code ns_coefficients} written {@code A,B,C}, {@code eps}, {@code ns_steps}, {@code adjust_lr_fn} =
     * {@code original} | {@code match_rms_adamw}; and steepest's own {@code ns_precision} = {@code float32} |
     * {@code bfloat16}, the latter rounding the iteration as torch's bfloat16 run does), {@code adamw} torch.optim.AdamW's ({@code betas} written
     * {@code B1,B2}, {@code eps}, {@code weight_decay}), {@code normuon} and {@code adamuon} {@code weight_decay},
     * {@code momentum} (β₁), {@code beta2} and {@code eps}.
     */
    public static Map<String, String> options(String name) {
        return OPTIONS.get(check(name));
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
        return get(name, lr, Map.of());
    }

    /**
     * The preset {@code name} with {@code options} (see {@link #options}): its learning rate is the option
     * {@code lr}, else the preset's default. An unknown key or a bad value is an {@link IllegalArgumentException}
     * naming the key.
     */
    public static OptimizerSpec get(String name, Map<String, String> options) {
        return get(name, null, options);
    }

    /**
     * The preset {@code name} with learning-rate schedule {@code lr} ({@code null}: the option {@code lr}, else the
     * default) and {@code options} (see {@link #options}). Every key and value is checked before anything is built:
     * an unknown key, a bad value, or the option {@code lr} together with a schedule is an
     * {@link IllegalArgumentException} naming the key.
     */
    public static OptimizerSpec get(String name, Schedule lr, Map<String, String> options) {
        PresetOptions o = PresetOptions.of(check(name), options, List.copyOf(OPTIONS.get(name).keySet()));
        Schedule rate;
        if (o.has("lr")) {
            if (lr != null) {
                throw new IllegalArgumentException("option 'lr' of preset '" + name
                        + "' is given together with a learning rate; give the learning rate once");
            }
            rate = Schedules.constant(o.positive("lr", 0));
        } else {
            rate = lr != null ? lr : Schedules.constant(defaultLearningRate(name));
        }
        return switch (name) {
            case "sgd" -> sgd(rate);
            case "sgd-momentum" -> sgdMomentum(rate, 0.9);
            case "signsgd" -> signSgd(rate);
            case "sign-dual" -> signDual(rate);
            case "muon" -> {
                double wd = o.number("weight_decay", 0.01, 0, Double.MAX_VALUE, false);
                double mu = o.number("momentum", 0.95, 0, 1, true);
                boolean nesterov = o.bool("nesterov", true);
                double[] abc = o.numbers("ns_coefficients", PolarSchedules.QUINTIC);
                double eps = o.number("eps", MUON_EPS, 0, Double.MAX_VALUE, false);
                int steps = o.integer("ns_steps", PolarSchedules.NS5_STEPS, 1, 99);
                String adjust = o.choice("adjust_lr_fn", "match_rms_adamw", "original", "match_rms_adamw");
                boolean bf16 = o.choice("ns_precision", "float32", "float32", "bfloat16").equals("bfloat16");
                yield muon(rate, mu, nesterov,
                        bf16 ? new BFloat16NewtonSchulz(abc, steps, eps) : NewtonSchulz.of(abc, steps, eps),
                        adjust.equals("original") ? TensorScale.original() : TensorScale.moonshot(), wd);
            }
            case "polargrad" -> polarGrad(rate);
            case "scion" -> scion(rate, Orthogonalizers.parse("ns5"));
            case "adamw" -> {
                double[] betas = o.numbers("betas", new double[] {0.9, 0.999});
                for (double b : betas) {
                    if (!(b >= 0 && b < 1)) {
                        throw new IllegalArgumentException("option 'betas' of preset 'adamw' must be two numbers in"
                                + " [0, 1), got '" + o.values().get("betas") + "'");
                    }
                }
                yield adamW(rate, betas[0], betas[1], o.number("eps", 1e-8, 0, Double.MAX_VALUE, false),
                        o.number("weight_decay", 0.01, 0, Double.MAX_VALUE, false));
            }
            case "normuon", "adamuon" -> {
                double wd = o.number("weight_decay", 0.01, 0, Double.MAX_VALUE, false);
                double beta1 = o.number("momentum", 0.95, 0, 1, true);
                double beta2 = o.number("beta2", 0.95, 0, 1, true);
                double eps = o.number("eps", 1e-8, 0, Double.MAX_VALUE, false);
                yield name.equals("normuon") ? norMuon(rate, beta1, beta2, eps, wd) : adaMuon(rate, beta1, beta2, eps, wd);
            }
            default -> throw new IllegalStateException(name);
        };
    }

    /** torch.optim.Muon's default eps in X₀ = G/max(‖G‖_F, eps), which the {@code muon} preset keeps. */
    public static final double MUON_EPS = 1e-7;

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

    /** The {@code muon} preset with {@code orthogonalizer} computing the spectral step (ns5 with eps 1e-7 in the preset). */
    public static OptimizerSpec muon(Schedule lr, Orthogonalizer orthogonalizer) {
        return muon(lr, 0.95, 0.01, orthogonalizer);
    }

    /** The {@code muon} composition with Nesterov μ and decay λ, spectral step by ns5 (eps 1e-7). */
    public static OptimizerSpec muon(Schedule lr, double mu, double weightDecay) {
        return muon(lr, mu, weightDecay, NewtonSchulz.of(PolarSchedules.QUINTIC, PolarSchedules.NS5_STEPS, MUON_EPS));
    }

    /** The {@code muon} composition with Nesterov μ, decay λ, {@code orthogonalizer} and Moonshot's scale. */
    public static OptimizerSpec muon(Schedule lr, double mu, double weightDecay, Orthogonalizer orthogonalizer) {
        return muon(lr, mu, true, orthogonalizer, TensorScale.moonshot(), weightDecay);
    }

    /**
     * torch.optim.Muon's update on hidden matrices: B ← μB + (1−μ)G; U = (1−μ)G + μB with Nesterov, else B;
     * O = {@code orthogonalizer}(U); θ ← θ − lr·(r·O + λθ) = θ(1 − lr·λ) − lr·r·O with r = {@code adjust} of the
     * shape (√max(1, A/B) for torch's {@code original}, 0.2·√max(A, B) for {@code match_rms_adamw}); AdamW(0.9,
     * 0.95, 1e-8, λ) on the rest, at the same lr.
     */
    public static OptimizerSpec muon(Schedule lr, double mu, boolean nesterov, Orthogonalizer orthogonalizer,
                                     TensorScale adjust, double weightDecay) {
        return OptimizerSpec.builder("muon")
                .group("hidden", Rule.role(Role.HIDDEN), lr, Chain.of(
                        nesterov ? Momentum.emaNesterov(mu) : Momentum.ema(mu, false),
                        NormStep.constrained(Norms.parse("spectral", orthogonalizer)), new ShapeScale(adjust),
                        new WeightDecay(weightDecay)))
                .group("rest", Rule.any(), lr, Adam.adamW(0.9, 0.95, 1e-8, weightDecay))
                .build();
    }

    /**
     * NorMuon (Li et al., 2025, arXiv:2510.05491) on hidden matrices: M ← β₁M + (1−β₁)G; O = NS5(M);
     * v ← β₂v + (1−β₂)·mean_cols(O⊙O) (one entry per row, i.e. per output neuron); Ô = O ⊘ (√v + ε) row-wise;
     * θ ← θ − lr·(0.2√(mn)·Ô/‖Ô‖_F + λθ). AdamW(0.9, 0.95, 1e-8, λ) on the rest.
     */
    public static OptimizerSpec norMuon(Schedule lr, double beta1, double beta2, double eps, double weightDecay) {
        return OptimizerSpec.builder("normuon")
                .group("hidden", Rule.role(Role.HIDDEN), lr, Chain.of(Momentum.ema(beta1, false),
                        NormStep.constrained(Norms.parse("spectral", Orthogonalizers.parse("ns5"))),
                        SecondMoment.perRow(beta2, eps), new RmsScale(0.2), new WeightDecay(weightDecay)))
                .group("rest", Rule.any(), lr, Adam.adamW(0.9, 0.95, 1e-8, weightDecay))
                .build();
    }

    /**
     * AdaMuon (Si, Zhang &amp; Shen, 2025, arXiv:2507.11005) on hidden matrices: M ← β₁M + (1−β₁)G;
     * O = NS5(sign(M)) (the sign-stabilized orthogonal update; sign(M) is the constrained ℓ∞ step);
     * V ← β₂V + (1−β₂)·O⊙O; Ô = O ⊘ (√V + ε); θ ← θ − lr·(0.2√(mn)·Ô/‖Ô‖_F + λθ). AdamW(0.9, 0.95, 1e-8, λ) on
     * the rest.
     */
    public static OptimizerSpec adaMuon(Schedule lr, double beta1, double beta2, double eps, double weightDecay) {
        return OptimizerSpec.builder("adamuon")
                .group("hidden", Rule.role(Role.HIDDEN), lr, Chain.of(Momentum.ema(beta1, false),
                        NormStep.constrained(Norms.parse("linf")),
                        NormStep.constrained(Norms.parse("spectral", Orthogonalizers.parse("ns5"))),
                        SecondMoment.elementwise(beta2, eps), new RmsScale(0.2), new WeightDecay(weightDecay)))
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
