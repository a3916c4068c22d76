package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.testing.Gen;
import dev.steepest.testing.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PenaltyTest {

    @Test
    void textbookConventions() {
        assertEquals(1 / 0.25, Penalty.parse("1/alpha").coefficient(0.25));
        assertEquals(0.125, Penalty.parse("alpha/2").coefficient(0.25));
        assertEquals(2.0, Penalty.parse("1/(2*alpha)").coefficient(0.25));
        assertEquals(0.25, Penalty.parse("0.25").coefficient(123));
        assertEquals(0.5, Penalty.parse("  1 / ( 2 * α ) ").coefficient(1));
        assertEquals(3.5e-3, Penalty.parse("3.5e-3").coefficient(1));
        assertEquals(7.0, Penalty.parse("1 + 2 * 3").coefficient(1));
        assertEquals(9.0, Penalty.parse("(1 + 2) * 3").coefficient(1));
        assertEquals(1.0, Penalty.parse("-alpha + 2").coefficient(1));
        assertEquals(0.5, Penalty.parse("8/2/8").coefficient(1));
    }

    @Test
    void knowsWhetherAlphaIsUsed() {
        assertTrue(Penalty.parse("1/(2*ALPHA)").usesAlpha());
        assertFalse(Penalty.parse("0.5").usesAlpha());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "1/", "(1", "1)", "beta", "1//2", "2 alpha", "1..2", "*3", "alpha^2"})
    void malformedExpressionsAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Penalty.parse(text).coefficient(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1-alpha", "1/0", "0/0", "alpha-alpha"})
    void nonPositiveOrNonFiniteCoefficientsAreRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Penalty.parse(text).coefficient(1));
        assertTrue(e.getMessage().contains("c must be"), e.getMessage());
    }

    @Test
    void nonFiniteAlphaIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Penalty.parse("1/alpha").coefficient(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> Penalty.parse("alpha").coefficient(Double.POSITIVE_INFINITY));
    }

    @Test
    void conventionsAreTheSameProblemRenamed() {
        Property.forAll("conventionsAreTheSameProblemRenamed", 300, r -> Gen.logUniform(r, 1e-6, 1e6), alpha -> {
            double half = Penalty.parse("1/(2*alpha)").coefficient(alpha);
            double full = Penalty.parse("1/alpha").coefficient(alpha);
            assertEquals(2 * half, full, 1e-15 * full);
            assertEquals(1 / alpha, full, 1e-15 * full);
            assertEquals(alpha / 2, Penalty.parse("alpha/2").coefficient(alpha), 1e-15 * alpha);
        });
    }
}
