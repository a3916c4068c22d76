package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The human-readable solution: every part of the argument is there, with the right numbers. */
class DeriveTextTest {

    private static String solve(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "derive";
        System.arraycopy(args, 0, full, 1, args.length);
        Cli.Outcome o = Cli.run(full);
        assertEquals(0, o.code(), o::err);
        assertEquals("", o.err());
        return o.out();
    }

    private static void assertHas(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), () -> "missing '" + p + "' in:\n" + text);
        }
    }

    @Test
    void penalizedLinfReadsLikeAWorkedSolution() {
        String t = solve("--norm", "linf", "--penalty", "1/(2*alpha)", "--alpha", "0.5", "--grad", "3,-1,2");
        assertHas(t,
                "u = argmin_Δ ⟨g, Δ⟩ + c·‖Δ‖²",
                "g = [3, -1, 2]",
                "c = 1/(2*alpha) with α = 0.5  ⇒  c = 1",
                "‖g‖_* = ℓ1",
                "= 6",
                "t* = sign(g)",
                "= [1, -1, 1]",
                "r = ⟨g, t*⟩/(2c) = 6/(2·1) = 3",
                "= [-3, 3, -3]",
                "objective ⟨g, u⟩ + c·‖u‖² = -9",
                "sign descent scaled by ‖g‖₁",
                "NOT SignSGD",
                "Constrained counterpart",
                "SignSGD (sign descent with a fixed step η)",
                "Reference solver",
                "agrees");
    }

    @Test
    void constrainedLinfIsSignSgdAndShowsItsPenalizedCounterpart() {
        String t = solve("--norm", "linf", "--radius", "0.1", "--grad", "3,-1,2");
        assertHas(t, "u = argmin_{‖Δ‖ ≤ η} ⟨g, Δ⟩", "η = 0.1", "r = η = 0.1", "= [-0.1, 0.1, -0.1]",
                "Optimizer recovered\n  SignSGD", "Penalized counterpart", "c = ‖g‖_*/(2η) = 30", "agrees");
    }

    @Test
    void anAlphaThePenaltyDoesNotUseIsRefused() {
        Cli.Outcome o = Cli.run("derive", "--norm", "l2", "--penalty", "0.25", "--alpha", "3", "--grad", "1,2");
        assertEquals(2, o.code());
        assertEquals("", o.out());
        assertTrue(o.err().contains("does not use alpha"), o.err());
    }

    @Test
    void constantPenaltyNeedsNoAlpha() {
        String t = solve("--norm", "l2", "--penalty", "0.25", "--grad", "1,2");
        assertHas(t, "c = 0.25", "gradient descent");
    }

    @Test
    void matrixRowsLineUp() {
        String t = solve("--norm", "linf", "--penalty", "1", "--grad", "1,-20;0.5,4");
        assertHas(t, "g = [[  1, -20],\n       [0.5,   4]]   (2x2)");
    }

    @Test
    void zeroGradientGivesZeroStep() {
        String t = solve("--norm", "l1", "--penalty", "1", "--grad", "0,0");
        assertHas(t, "= [0, 0]", "objective ⟨g, u⟩ + c·‖u‖² = 0");
        assertFalse(t.contains("NaN"), t);
    }

    @Test
    void textShowsSixSignificantDigitsAndTheAnswerInAlpha() {
        // u = −g/(2c) with c = 3: −1/6 and −2/6, which have no short exact form
        String t = solve("--norm", "l2", "--penalty", "3", "--grad", "1,2");
        assertHas(t, "= [-0.166667, -0.333333]", "Answer in closed form\n  u = −(1/6)·g");
        String a = solve("--norm", "linf", "--penalty", "1/(2alpha)", "--alpha", "0.3", "--grad", "3,-1,2");
        assertHas(a, "Answer in α  (1/(2c) = α)\n  u = −α·‖g‖₁·sign(g)", "= [-1.8, 1.8, -1.8]");
    }
}
