package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.testing.Gen;
import dev.steepest.testing.Property;
import java.util.SplittableRandom;
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
    @ValueSource(strings = {"", "  ", "1/", "(1", "1)", "beta", "1//2", "1..2", "*3", "alpha^", "1/2alpha", "alpha*lambda", "2 3", "alpha2"})
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

    @Test
    void writtenAsPeopleWriteIt() {
        double a = 0.3;
        assertEquals(1 / (2 * a), Penalty.parse("1/(2alpha)").coefficient(a), 1e-15);
        assertEquals(1 / (2 * a), Penalty.parse("1/(2α)").coefficient(a), 1e-15);
        assertEquals(1 / (2 * a), Penalty.parse("1/(2 λ)").coefficient(a), 1e-15);
        assertEquals(1 / (2 * a), Penalty.parse("1/(2·lambda)").coefficient(a), 1e-15);
        assertEquals(2 * a, Penalty.parse("2alpha").coefficient(a), 1e-15);
        assertEquals(a * a, Penalty.parse("alpha^2").coefficient(a), 1e-15);
        assertEquals(a * a, Penalty.parse("α²").coefficient(a), 1e-15);
        assertEquals(3 * a * a * a, Penalty.parse("3α³").coefficient(a), 1e-15);
        assertEquals(Math.pow(2, 9), Penalty.parse("2^3^2").coefficient(a), 0, "^ groups to the right");
        assertEquals(-a * a + 1, Penalty.parse("-alpha^2 + 1").coefficient(a), 1e-15, "^ before unary minus");
        assertEquals(1 / a, Penalty.parse("alpha^-1").coefficient(a), 1e-15);
        assertEquals(2 * (1 + a), Penalty.parse("2(1+alpha)").coefficient(a), 1e-15);
        assertEquals(2 * (1 + a) * a, Penalty.parse("(2)(1+alpha)alpha").coefficient(a), 1e-15);
        assertEquals("λ", Penalty.parse("λ/2").parameterName());
    }

    @Test
    void errorsNameThePosition() {
        assertMessage("1/(2alpha", "position 10", "missing ')' (the '(' at position 3 is not closed)");
        assertMessage("1/2alpha", "position 4", "ambiguous");
        assertMessage("2*beta", "position 3", "unknown name 'beta'");
        assertMessage("alpha + 1)", "position 10", "')'");
        assertMessage("alpha $ 2", "position 7", "'$'");
        assertMessage("alpha*lambda", "position 7", "both name the parameter");
    }

    private static void assertMessage(String text, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Penalty.parse(text));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing from: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void sizeAndDepthAreBounded() {
        String longSum = "1+".repeat(9_999) + "alpha";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Penalty.parse(longSum));
        assertTrue(e.getMessage().contains("at most " + Penalty.MAX_LENGTH), e.getMessage());
        String deep = "(".repeat(4_000) + "alpha" + ")".repeat(4_000);
        assertThrows(IllegalArgumentException.class, () -> Penalty.parse(deep));
        int n = Penalty.MAX_DEPTH + 1;
        String tooDeep = "(".repeat(n) + "1" + ")".repeat(n);
        e = assertThrows(IllegalArgumentException.class, () -> Penalty.parse(tooDeep));
        assertTrue(e.getMessage().contains("deeper than " + Penalty.MAX_DEPTH), e.getMessage());
        String signs = "-".repeat(n) + "1";
        assertThrows(IllegalArgumentException.class, () -> Penalty.parse(signs));
        String powers = "1" + "^1".repeat(n);
        assertThrows(IllegalArgumentException.class, () -> Penalty.parse(powers));
        int ok = Penalty.MAX_DEPTH;
        assertEquals(1.0, Penalty.parse("(".repeat(ok) + "1" + ")".repeat(ok)).coefficient(1));
        String longest = "1*".repeat((Penalty.MAX_LENGTH - 1) / 2) + "1";
        assertEquals(1.0, Penalty.parse(longest).coefficient(1), longest.length() + " characters");
    }

    /** 1/(2c) as an expression, evaluated at several α, equals 1/(2c(α)). */
    @ParameterizedTest
    @ValueSource(strings = {"1/alpha", "alpha/2", "1/(2alpha)", "1/(2*alpha)", "0.25", "2α", "alpha^2", "3/(4α²)",
            "1/(2α)^3", "(alpha + alpha)/3", "1 + alpha", "alpha^2 + 1/alpha", "0.3α", "λ/2", "1/(2lambda)"})
    void stepCoefficientIsOneOverTwoC(String text) {
        Penalty p = Penalty.parse(text);
        Penalty k = Penalty.parse(p.stepCoefficient());
        SplittableRandom r = new SplittableRandom(text.hashCode());
        for (int i = 0; i < 20; i++) {
            double a = Math.exp(r.nextDouble(-3, 3));
            double want = 1 / (2 * p.coefficient(a));
            assertEquals(want, k.coefficient(a), 1e-12 * want, () -> text + " → " + p.stepCoefficient() + " at α = " + a);
        }
    }

    @Test
    void textbookConventionsSimplify() {
        assertEquals("α/2", Penalty.parse("1/alpha").stepCoefficient());
        assertEquals("1/α", Penalty.parse("alpha/2").stepCoefficient());
        assertEquals("α", Penalty.parse("1/(2alpha)").stepCoefficient());
        assertEquals("2", Penalty.parse("0.25").stepCoefficient());
        assertEquals("1/(4α)", Penalty.parse("2alpha").stepCoefficient());
        assertEquals("1/(2α^2)", Penalty.parse("alpha^2").stepCoefficient());
        assertEquals("1/λ", Penalty.parse("λ/2").stepCoefficient());
        assertEquals("λ/2", Penalty.parse("1/lambda").stepCoefficient());
    }
}
