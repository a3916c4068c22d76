package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** With an approximate orthogonalizer every label names what is computed, and a step outside the ball says so. */
class DeriveInexactTest {

    /** σ₁ of a 2×2 matrix from the eigenvalues of AᵀA, written out: an independent spectral norm. */
    static double sigma1(double[][] a) {
        double p = a[0][0] * a[0][0] + a[1][0] * a[1][0];
        double q = a[0][1] * a[0][1] + a[1][1] * a[1][1];
        double r = a[0][0] * a[0][1] + a[1][0] * a[1][1];
        return Math.sqrt((p + q) / 2 + Math.sqrt((p - q) * (p - q) / 4 + r * r));
    }

    @Test
    void ns5StepOutsideTheBallSaysSo() throws Exception {
        String[] args = {"derive", "--norm", "spectral", "--radius", "1", "--grad", "1,0.001;0,1", "--orthogonalizer", "ns5"};
        Cli.Outcome o = Cli.run(args);
        assertEquals(0, o.code(), o.err());
        String t = o.out();
        JsonNode j = DeriveJsonTest.json(concat(args, "--json"));
        double norm = sigma1(DeriveJsonTest.matrix(j.get("direction")));
        assertTrue(norm > 1.01, "this case's O from ns5 is outside the ball: ‖O‖ = " + norm);
        assertTrue(t.contains("‖O‖ = " + Fmt.num(norm) + " > 1: O is OUTSIDE the unit ball"), t);
        assertTrue(t.contains("the constraint ‖Δ‖ ≤ η is broken"), t);
        assertTrue(t.contains("Direction O = ns5(G)"), t);
        assertTrue(t.contains("u = −η·O"), t);
        assertFalse(t.contains("(reduced SVD, zero σ dropped)\n"), "no claim that O is the exact U Vᵀ:\n" + t);
        assertTrue(t.contains("‖Oᵀ O − I‖_F"), t);
        assertEquals("ns5", j.get("orthogonalizer").asText());
        assertFalse(j.get("agrees").asBoolean(), "an inexact step outside the ball cannot agree with the exact one");
    }

    @Test
    void wideMatrixNamesTheLeftGramSideAndTheScale() {
        Cli.Outcome o = Cli.run("derive", "--norm", "spectral", "--penalty", "1", "--grad", "3,1,0;1,2,5",
                "--orthogonalizer", "ns5");
        assertEquals(0, o.code(), o.err());
        String t = o.out();
        assertTrue(t.contains("‖O Oᵀ − I‖_F"), t);
        assertFalse(t.contains("‖Oᵀ O − I‖"), t);
        assertTrue(t.contains("r = ⟨g, O⟩/(2c)"), t);
        assertTrue(t.contains("u = −(⟨g, O⟩/(2c))·O"), t);
    }

    @Test
    void exactSvdKeepsTheDualizerLabelsAndStaysInTheBall() {
        Cli.Outcome o = Cli.run("derive", "--norm", "spectral", "--radius", "1", "--grad", "1,0.001;0,1",
                "--orthogonalizer", "svd");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("Dualizer t*"), o.out());
        assertFalse(o.out().contains("OUTSIDE"), o.out());
    }

    private static String[] concat(String[] a, String b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }
}
