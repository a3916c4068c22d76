package dev.steepest.cli;

import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./steepest derive --demo}: the worked cases of docs/STEEPEST.md §3–4, each derived, checked
 * against the hand formula and against the reference solver.
 */
final class Demo {
    /** The homework's gradient and step size. */
    static final Tensor G = Tensor.vector(3, -1, 2);
    static final double ALPHA = 0.5;
    /** SignSGD's fixed step. */
    static final double DELTA = 0.1;
    /** A small matrix whose polar factor is known by hand: G = V·diag(3, −1)·Vᵀ, so U Vᵀ = [[0,1],[1,0]], ‖G‖_nuc = 4. */
    static final Tensor M = Tensor.matrix(new double[][] {{1, 2}, {2, 1}});
    /** Relative tolerance for closed form versus hand formula (both are exact up to rounding). */
    static final double HAND_TOLERANCE = 1e-12;

    private Demo() {
    }

    /**
     * A worked case.
     *
     * @param label e.g. "(a)"
     * @param title what the case shows
     * @param request the derive request
     * @param handFormula the hand formula of docs/STEEPEST.md, as text
     * @param hand the hand formula evaluated independently of the library
     */
    record Case(String label, String title, Derivation.Request request, String handFormula, Tensor hand) {
    }

    /** The demo's text and whether every case was verified. */
    record Result(String text, boolean verified) {
    }

    /** The cases, each with its hand formula evaluated directly from g, α, δ. */
    static List<Case> cases() {
        double l1 = 6; // ‖g‖₁ for g = [3, -1, 2]
        double[] sign = {1, -1, 1};
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("(a)", "ℓ2 with c = 1/α: gradient descent at rate α/2",
                new Derivation.Request("l2", null, "1/alpha", ALPHA, null, G),
                "u = −(α/2)·g", G.scale(-ALPHA / 2)));
        cases.add(new Case("(b)", "ℓ∞ with c = 1/(2α): sign descent scaled by ‖g‖₁",
                new Derivation.Request("linf", null, "1/(2*alpha)", ALPHA, null, G),
                "u = −α·‖g‖₁·sign(g)", Tensor.vector(sign).scale(-ALPHA * l1)));
        cases.add(new Case("(b′)", "ℓ∞ with c = 1/α: the same direction, half the step",
                new Derivation.Request("linf", null, "1/alpha", ALPHA, null, G),
                "u = −(α/2)·‖g‖₁·sign(g)", Tensor.vector(sign).scale(-ALPHA / 2 * l1)));
        cases.add(new Case("(c)", "constrained ℓ∞ with radius δ: SignSGD",
                new Derivation.Request("linf", null, null, null, DELTA, G),
                "u = −δ·sign(g)", Tensor.vector(sign).scale(-DELTA)));
        cases.add(new Case("(c′)", "one dimension, ℓ∞ with c = 1/(2α): ℓ∞ = ℓ2 there, so this is gradient descent",
                new Derivation.Request("linf", null, "1/(2*alpha)", ALPHA, null, Tensor.vector(-2.5)),
                "u = −α·g", Tensor.vector(ALPHA * 2.5)));
        cases.add(new Case("(d)", "spectral norm with c = 1/α on a 2×2 matrix: nuclear-norm-scaled orthogonal step",
                new Derivation.Request("spectral", null, "1/alpha", ALPHA, null, M),
                "u = −(α/2)·‖G‖_nuc·U Vᵀ = −(α/2)·4·[[0,1],[1,0]]",
                Tensor.matrix(new double[][] {{0, 1}, {1, 0}}).scale(-ALPHA / 2 * 4)));
        return cases;
    }

    /** Runs every case; a case that cannot run (e.g. a norm missing from this build) is reported, not hidden. */
    static Result run() {
        StringBuilder out = new StringBuilder();
        StringBuilder summary = new StringBuilder();
        boolean all = true;
        out.append("steepest derive --demo: the worked cases of docs/STEEPEST.md, g = ").append(Fmt.row(G.toArray()))
                .append(", α = ").append(Fmt.num(ALPHA)).append(", δ = ").append(Fmt.num(DELTA)).append('\n');
        for (Case c : cases()) {
            out.append("\n══════ ").append(c.label()).append(' ').append(c.title()).append(" ══════\n\n");
            Derivation d;
            try {
                d = Derivation.of(c.request());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                out.append("  could not run: ").append(e.getMessage()).append('\n');
                summary.append(String.format("  %-5s NOT RUN                        %s%n", c.label(), c.title()));
                all = false;
                continue;
            }
            out.append(Report.text(d));
            double diff = d.step().update().maxAbsDiff(c.hand());
            boolean handOk = diff <= HAND_TOLERANCE * Math.max(1, c.hand().maxAbs());
            out.append("\nHand formula (docs/STEEPEST.md)\n");
            out.append("  ").append(c.handFormula()).append('\n');
            out.append("  = ").append(Fmt.tensor(c.hand(), 4)).append('\n');
            out.append("  max |u − u_hand| = ").append(Fmt.small(diff)).append(handOk ? "   agrees" : "   DISAGREES")
                    .append('\n');
            boolean refOk = d.agrees();
            all &= handOk && refOk;
            summary.append(String.format("  %-5s hand formula %-4s reference %-4s  %s%n", c.label(),
                    handOk ? "ok" : "FAIL", refOk ? "ok" : "FAIL", c.title()));
        }
        out.append("\n══════ Summary ══════\n").append(summary);
        out.append(all ? "all cases verified\n" : "NOT all cases verified\n");
        return new Result(out.toString(), all);
    }
}
