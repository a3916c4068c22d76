package dev.steepest.cli.explain;

import dev.steepest.core.linalg.Orthogonalizer;
import java.util.Locale;

/**
 * How a norm is explained to a person: its names, its dual, its dualizer as a formula and the
 * optimizers its two step forms recover. The text lives here, beside the commands that print it,
 * so that the core stays math only; it is looked up by the norm's specification.
 *
 * @param title the norm, e.g. "ℓ∞ (max |xᵢ|)"
 * @param dualTitle the dual norm, e.g. "ℓ1 (Σ |gᵢ|)"
 * @param dualizerFormula t* as a formula, e.g. "sign(g)"
 * @param penalizedName the optimizer the penalized step recovers
 * @param constrainedName the optimizer the constrained step recovers
 * @param note a remark worth reading (may be empty), e.g. that penalized ℓ∞ is not SignSGD
 */
public record NormInfo(String title, String dualTitle, String dualizerFormula,
                       String penalizedName, String constrainedName, String note) {

    /**
     * The explanation of the norm with specification {@code spec} (as {@link dev.steepest.core.Norm#spec()}
     * gives it, e.g. {@code "lp:3"}). {@code orthogonalizer} is the one the spectral family (spectral, rms)
     * computes U Vᵀ with; {@code null} means exact SVD. A specification outside the registry gets a
     * generic explanation naming it.
     */
    public static NormInfo of(String spec, Orthogonalizer orthogonalizer) {
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? "" : spec.substring(colon + 1);
        switch (name) {
            case "l2":
                return new NormInfo("ℓ2 (√Σ xᵢ²)", "ℓ2 (self-dual)", "g / ‖g‖₂",
                        "gradient descent with learning rate 1/(2c)",
                        "normalized gradient descent (step of fixed length η)", "");
            case "l1":
                return new NormInfo("ℓ1 (Σ |xᵢ|)", "ℓ∞ (max |gᵢ|)",
                        "sign(g_k)·e_k, k = argmax |g_k|  (lowest index on ties)",
                        "greedy (Gauss–Southwell) coordinate descent with step ‖g‖∞/(2c)",
                        "greedy coordinate descent with a fixed step η", "");
            case "linf":
                return new NormInfo("ℓ∞ (max |xᵢ|)", "ℓ1 (Σ |gᵢ|)", "sign(g)  (0 where gᵢ = 0)",
                        "sign descent scaled by ‖g‖₁: step ‖g‖₁/(2c) along −sign(g)",
                        "SignSGD (sign descent with a fixed step η)",
                        "The penalized ℓ∞ step is NOT SignSGD: SignSGD's step is fixed (that is the constrained form), "
                                + "while this step grows with ‖g‖₁.");
            case "lp": {
                double p = Double.parseDouble(arg);
                return new NormInfo("ℓp, p = " + fmt(p) + " ((Σ |xᵢ|^p)^(1/p))",
                        "ℓq, q = p/(p−1) = " + fmt(p / (p - 1)),
                        "sign(gᵢ)·|gᵢ|^(q−1) / ‖g‖_q^(q−1)",
                        "p-norm descent with step ‖g‖_q/(2c)", "p-norm descent with a fixed step η", "");
            }
            case "diag":
                return new NormInfo("diagonal ℓ2 (√Σ dᵢxᵢ²)", "√(Σ gᵢ²/dᵢ)",
                        "D⁻¹g / ‖g‖_*", "diagonally preconditioned gradient descent, u = −D⁻¹g/(2c)",
                        "diagonally preconditioned gradient descent with a fixed step η", "");
            case "wlinf":
                return new NormInfo("weighted ℓ∞ (max wᵢ|xᵢ|)", "Σ |gᵢ|/wᵢ",
                        "sign(gᵢ)/wᵢ  (0 where gᵢ = 0)", "weighted sign descent with step Σ|gᵢ|/wᵢ/(2c)",
                        "weighted SignSGD (fixed step η)", "");
            case "mahalanobis":
                return new NormInfo("Mahalanobis (√xᵀAx, A ≻ 0)", "√(gᵀA⁻¹g)",
                        "A⁻¹g / ‖g‖_*  (Cholesky solve)",
                        "preconditioned gradient descent u = −A⁻¹g/(2c) (Newton's step when A = ∇²f and c = 1/2)",
                        "preconditioned gradient descent with a fixed step η", "");
            case "frobenius":
                return new NormInfo("Frobenius (√Σ Wᵢⱼ²)", "Frobenius (self-dual)", "G / ‖G‖_F",
                        "gradient descent with learning rate 1/(2c)",
                        "normalized gradient descent (step of Frobenius length η)", "");
            case "spectral":
                return new NormInfo("spectral (σ₁, ℓ2→ℓ2)", "nuclear (Σ σᵢ)", "U Vᵀ  (reduced SVD, zero σ dropped)",
                        "nuclear-norm-scaled orthogonal step (PolarGrad): −(Σσᵢ/(2c))·U Vᵀ",
                        "Muon without momentum: −η·U Vᵀ", how(orthogonalizer, "⟨G, O⟩"));
            case "nuclear":
                return new NormInfo("nuclear (Σ σᵢ)", "spectral (σ₁)", "u₁ v₁ᵀ  (top singular pair)",
                        "rank-one top-singular step −(σ₁/(2c))·u₁v₁ᵀ", "rank-one top-singular step −η·u₁v₁ᵀ",
                        "Not unique when σ₁ = σ₂; the first top pair is chosen.");
            case "schatten": {
                double p = Double.parseDouble(arg);
                return new NormInfo("Schatten-p, p = " + fmt(p) + " (‖σ‖_p)",
                        "Schatten-q, q = p/(p−1) = " + fmt(p / (p - 1)),
                        "U diag(σᵢ^(q−1) / ‖σ‖_q^(q−1)) Vᵀ",
                        "Schatten-p descent with step ‖σ(G)‖_q/(2c) (between GD at p = 2 and the orthogonal step at p = ∞)",
                        "Schatten-p descent with a fixed step η", "");
            }
            case "colnorm":
                return new NormInfo("max column ℓ2 (maxⱼ ‖W_{:,j}‖₂, ℓ1→ℓ2)",
                        "sum of column ℓ2 norms (Σⱼ ‖G_{:,j}‖₂)",
                        "G_{:,j} / ‖G_{:,j}‖₂ for each column  (0 for a zero column)",
                        "column-normalized descent with step Σⱼ‖G_{:,j}‖₂/(2c)",
                        "column normalization with a fixed step η (Scion ColNorm)", "");
            case "rownorm":
                return new NormInfo("max row ℓ2 (maxᵢ ‖W_{i,:}‖₂, ℓ2→ℓ∞)",
                        "sum of row ℓ2 norms (Σᵢ ‖G_{i,:}‖₂)", "G_{i,:} / ‖G_{i,:}‖₂ for each row  (0 for a zero row)",
                        "row-normalized descent with step Σᵢ‖G_{i,:}‖₂/(2c)",
                        "row normalization with a fixed step η (Scion RowNorm)", "");
            case "maxabs":
                return new NormInfo("max-abs (max |Wᵢⱼ|, ℓ1→ℓ∞)", "entrywise ℓ1 (Σ |Gᵢⱼ|)",
                        "sign(G)  (0 where Gᵢⱼ = 0)",
                        "matrix sign descent scaled by Σ|Gᵢⱼ|: step Σ|Gᵢⱼ|/(2c) along −sign(G)",
                        "SignSGD on a matrix (fixed step η)",
                        "The penalized step is not SignSGD: its size grows with Σ|Gᵢⱼ|; SignSGD is the constrained form.");
            case "rms":
                return new NormInfo("RMS→RMS (√(n/m)·σ₁ for W m×n)", "√(m/n)·Σσᵢ", "√(m/n)·U Vᵀ",
                        "shape-scaled orthogonal step −(√(m/n)·Σσᵢ/(2c))·√(m/n)·U Vᵀ",
                        "Muon with shape scaling (modula Linear): −η·√(m/n)·U Vᵀ", how(orthogonalizer, "⟨G, t*⟩"));
            default:
                return new NormInfo(spec, "dual of " + spec, "t*", "steepest descent under " + spec,
                        "steepest descent under " + spec + " with a fixed step η", "");
        }
    }

    /** How U Vᵀ is computed, and what an inexact orthogonalizer changes. */
    private static String how(Orthogonalizer orthogonalizer, String scale) {
        if (orthogonalizer == null || orthogonalizer.exact()) {
            return "U Vᵀ computed exactly by SVD.";
        }
        return "U Vᵀ approximated by " + orthogonalizer.spec() + "; the penalized scale is " + scale
                + " and the orthogonality error is reported.";
    }

    /** An exponent as the specification writes it: integers without a decimal point. */
    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
