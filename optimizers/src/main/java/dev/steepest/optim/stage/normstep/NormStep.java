package dev.steepest.optim.stage.normstep;

import dev.steepest.core.Norm;
import dev.steepest.core.Step;
import dev.steepest.core.combine.L2Combination;
import dev.steepest.core.combine.MaxCombination;
import dev.steepest.core.kernels.Elementwise;
import dev.steepest.optim.Param;
import dev.steepest.optim.Phase;
import dev.steepest.optim.Rule;
import dev.steepest.optim.Slot;
import dev.steepest.optim.StageState;
import dev.steepest.optim.Stage;
import dev.steepest.optim.StepContext;
import dev.steepest.optim.stage.scaling.TensorScale;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The steepest-descent step under a norm: each tensor's update g is replaced by its dualizer
 * t*(g) (core {@link Norm#dualize}), scaled so that after the optimizer's θ ← θ − lr_t·update
 * the step is the docs/STEEPEST.md §2 closed form with lr_t = 1/(2c) (penalized) or η = lr_t
 * (constrained). Several tensors combine (§5) by
 *
 * <pre>
 *   form         combination           update for tensor i        joint norm ‖x‖
 *   penalized    L2 (default)          sᵢ · t*ᵢ                   √(Σ ‖xᵢ‖²)
 *   penalized    MAX, weights σᵢ       S · t*ᵢ/σᵢ,  S = Σ sⱼ/σⱼ    maxᵢ σᵢ‖xᵢ‖   (the global scale S couples tensors)
 *   constrained  MAX (default)         t*ᵢ/σᵢ                     maxᵢ σᵢ‖xᵢ‖
 *   constrained  L2                    (sᵢ/S₂) · t*ᵢ, S₂ = √Σ sⱼ²  √(Σ ‖xᵢ‖²)   (the radius is shared)
 * </pre>
 * with sᵢ = ⟨gᵢ, t*ᵢ⟩ = ‖gᵢ‖_*: the factors of {@link L2Combination#factors} and
 * {@link MaxCombination#factors}, the core's own combination arithmetic. Each tensor's t*ᵢ is its norm's float
 * step {@link Norm#dualizeInPlace}. The defaults are the ones where each tensor steps independently; as the only
 * stage of a chain they run fused with the parameter update ({@link Norm#descendInPlace}, one reduction and one
 * pass over θ for the entrywise norms). Each tensor's norm is chosen by the first matching {@link Rule} — one stage
 * can put spectral on hidden matrices and ℓ∞ on the rest (Scion). A penalized step reports its
 * penalty c‖u‖² = lr_t·S²/2 (S the joint dual norm, exact for exact dualizers) for
 * {@link dev.steepest.optim.StepReport#penalizedModel()}.
 */
public final class NormStep implements Stage {
    /** How the tensors of a group combine into one norm (docs/STEEPEST.md §5). */
    public enum Combination {
        /** ‖x‖ = √(Σ‖xᵢ‖²). */
        L2,
        /** ‖x‖ = maxᵢ σᵢ‖xᵢ‖: the modular norm. */
        MAX
    }

    /** A norm for the parameters a rule selects. */
    public record NormRule(Rule rule, Norm norm) {
    }

    private final Step.Form form;
    private final List<NormRule> norms;
    private final Combination combination;
    private final TensorScale weights;

    private NormStep(Step.Form form, List<NormRule> norms, Combination combination, TensorScale weights) {
        if (norms.isEmpty()) {
            throw new IllegalArgumentException("a norm step needs at least one norm");
        }
        this.form = form;
        this.norms = List.copyOf(norms);
        this.combination = combination;
        this.weights = weights;
    }

    /** Penalized step under {@code norm}: update = ‖g‖_*·t*, so θ ← θ − lr_t‖g‖_*·t* (c = 1/(2·lr_t)). */
    public static NormStep penalized(Norm norm) {
        return of(Step.Form.PENALIZED, List.of(new NormRule(Rule.any(), norm)));
    }

    /** Constrained step under {@code norm}: update = t*, so θ ← θ − lr_t·t* (radius η = lr_t). */
    public static NormStep constrained(Norm norm) {
        return of(Step.Form.CONSTRAINED, List.of(new NormRule(Rule.any(), norm)));
    }

    /** A step with a norm per parameter (first matching rule) and the form's default combination. */
    public static NormStep of(Step.Form form, List<NormRule> norms) {
        return new NormStep(form, norms, form == Step.Form.PENALIZED ? Combination.L2 : Combination.MAX,
                TensorScale.unit());
    }

    /** The same step with another combination; {@code weights} gives σᵢ for {@link Combination#MAX}. */
    public NormStep combine(Combination how, TensorScale weights) {
        return new NormStep(form, norms, how, weights);
    }

    public Step.Form form() {
        return form;
    }

    public Combination combination() {
        return combination;
    }

    /** The norm used for {@code p}; throws when no rule matches it. */
    public Norm normFor(Param p) {
        for (NormRule r : norms) {
            if (r.rule().test(p)) {
                return r.norm();
            }
        }
        throw new IllegalArgumentException("norm step has no norm for parameter " + p + " (rules: " + rulesSpec() + ")");
    }

    private String rulesSpec() {
        return norms.stream().map(r -> r.rule().spec() + "->" + describe(r.norm())).collect(Collectors.joining(", "));
    }

    /** The norm's spec, with the orthogonalizer where one is chosen (it changes the step). */
    private static String describe(Norm norm) {
        return norm.describe();
    }

    @Override
    public String spec() {
        String w = combination == Combination.MAX && weights != TensorScale.unit() ? "[" + weights.spec() + "]" : "";
        return "norm-step(" + form.label() + ", " + rulesSpec() + ", combine=" + combination.name().toLowerCase(
                java.util.Locale.ROOT) + w + ")";
    }

    @Override
    public Phase phase() {
        return Phase.DIRECTION;
    }

    /** Stateless; checks here, when the optimizer is built, that the parameter's norm accepts its shape. */
    @Override
    public StageState init(Param param) {
        Norm norm = normFor(param);
        try {
            norm.checkShape(param.layout());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("norm '" + describe(norm) + "' cannot take parameter " + param + ": "
                    + e.getMessage(), e);
        }
        return StageState.NONE;
    }

    @Override
    public void apply(List<Slot> slots, StepContext ctx) {
        int n = slots.size();
        double[] s = new double[n];
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            Slot slot = slots.get(i);
            s[i] = normFor(slot.param()).dualizeInPlace(slot.update(), slot.param().layout());
        }
        double joint;
        if (combination == Combination.MAX) {
            double[] sigma = new double[n];
            for (int i = 0; i < n; i++) {
                sigma[i] = weights.of(slots.get(i).param());
            }
            joint = MaxCombination.factors(s, sigma, f);
        } else {
            joint = L2Combination.factors(s, f);
        }
        double scale = form == Step.Form.PENALIZED ? joint : 1;
        for (int i = 0; i < n; i++) {
            Elementwise.scale(slots.get(i).update(), scale * f[i]);
        }
        if (form == Step.Form.PENALIZED) {
            ctx.addPenaltyTerm(ctx.learningRate() * joint * joint / 2);
        }
    }

    /**
     * Fused with the parameter update where each tensor steps independently (penalized with the ℓ2 combination,
     * constrained with the max combination): θᵢ ← θᵢ − lr·sᵢ·t*ᵢ, resp. θᵢ ← θᵢ − (lr/σᵢ)·t*ᵢ, straight from the
     * gradient by {@link Norm#descendInPlace}; ⟨g, u⟩ follows from the sᵢ without another pass.
     */
    @Override
    public double applyAndDescend(List<Slot> slots, StepContext ctx, float decay) {
        boolean penalized = form == Step.Form.PENALIZED;
        if (decay != 0 || penalized != (combination == Combination.L2)) {
            return Double.NaN;
        }
        double lr = ctx.learningRate();
        double dot = 0;
        double sq = 0;
        for (Slot slot : slots) {
            Param p = slot.param();
            double sigma = penalized ? 1 : weights.of(p);
            double si = normFor(p).descendInPlace(p.values(), p.grad(), slot.update(), p.layout(),
                    lr / sigma, penalized);
            if (Double.isNaN(si)) {
                return Double.POSITIVE_INFINITY; // a non-finite gradient, θ perhaps written; NaN would mean "no fused form"
            }
            dot += penalized ? si * si : si / sigma;
            sq += si * si;
        }
        if (penalized) {
            ctx.addPenaltyTerm(lr * sq / 2);
        }
        return dot;
    }
}
