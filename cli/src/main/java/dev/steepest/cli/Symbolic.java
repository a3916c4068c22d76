package dev.steepest.cli;

import dev.steepest.core.Step;
import dev.steepest.core.linalg.Orthogonalizer;
import java.util.Locale;

/**
 * The step of a {@link Derivation} in closed form, in the user's own parameter: penalized
 * u = −(1/(2c))·‖g‖_*·t* with 1/(2c) written in α ({@link Penalty#stepCoefficient()}) and
 * ‖g‖_*·t* simplified per norm family (docs/STEEPEST.md §3–4), e.g. {@code "u = −(α/2)·g"} for ℓ2
 * with c = 1/α, {@code "u = −α·‖g‖₁·sign(g)"} for ℓ∞ with c = 1/(2α); constrained u = −η·t*.
 *
 * @param coefficient the scalar in front: 1/(2c) as an expression in α (penalized), or η as a number
 * @param direction what it multiplies, e.g. {@code "g"}, {@code "‖g‖₁·sign(g)"}
 */
record Symbolic(String coefficient, String direction) {

    /** The closed form of d's step. */
    static Symbolic of(Derivation d) {
        boolean penalized = d.form() == Step.Form.PENALIZED;
        if (!penalized) {
            String t = d.info().dualizerFormula().split(" {2}")[0];
            Orthogonalizer o = d.orthogonalizer();
            if (o != null && !o.exact()) {
                t = t.replace("U Vᵀ", "O") + ", O = " + o.spec() + "(G) ≈ U Vᵀ";
            }
            return new Symbolic(Fmt.exact(d.step().radius()), t);
        }
        return new Symbolic(d.penalty().stepCoefficient(), scaledDualizer(d));
    }

    /** The step as one line: {@code "u = −(α/2)·g"}; a single factor is not parenthesized ({@code "u = −α·g"}). */
    String text() {
        boolean single = coefficient.matches("[0-9.]*([αλ](\\^[0-9]+)?)?") || coefficient.matches("[0-9.]+(e-?[0-9]+)?");
        return "u = −" + (single ? coefficient : "(" + coefficient + ")") + "·" + direction;
    }

    /** ‖g‖_*·t* in closed form for the norm's family. */
    private static String scaledDualizer(Derivation d) {
        String spec = d.norm().spec();
        int colon = spec.indexOf(':');
        String family = (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
        Orthogonalizer o = d.orthogonalizer();
        boolean inexact = o != null && !o.exact();
        String ratio = d.gradient().isMatrix() ? "(" + d.gradient().rows() + "/" + d.gradient().cols() + ")" : "(m/n)";
        return switch (family) {
            case "l2" -> "g";
            case "frobenius" -> "G";
            case "linf" -> "‖g‖₁·sign(g)";
            case "maxabs" -> "(Σ|Gᵢⱼ|)·sign(G)";
            case "l1" -> "‖g‖∞·sign(g_k)·e_k, k = argmax |g_k|";
            case "diag" -> "D⁻¹g";
            case "mahalanobis" -> "A⁻¹g";
            case "wlinf" -> "(Σ|gᵢ|/wᵢ)·sign(g)/w";
            case "nuclear" -> "σ₁·u₁v₁ᵀ";
            case "spectral" -> inexact ? "⟨G, O⟩·O, O = " + o.spec() + "(G) ≈ U Vᵀ" : "‖G‖_*·U Vᵀ, ‖G‖_* = Σσᵢ";
            case "rms" -> inexact ? ratio + "·⟨G, O⟩·O, O = " + o.spec() + "(G) ≈ U Vᵀ"
                    : ratio + "·‖G‖_*·U Vᵀ, ‖G‖_* = Σσᵢ";
            default -> "‖g‖_*·t*, ‖g‖_* = " + d.info().dualTitle() + ", t* = " + d.info().dualizerFormula();
        };
    }
}
