package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.testing.Gen;
import dev.steepest.testing.Property;
import org.junit.jupiter.api.Test;

/** Numbers print with six significant digits (exact() with every digit needed); gradients parse as documented. */
class FormattingTest {

    /** Finite doubles: edge values (±0, extremes of double and float, subnormals), any bit pattern, Gaussians. */
    @Test
    void exactNumbersReadBackExactly() {
        Property.forAll("exactNumbersReadBackExactly", 2000, Gen::finite,
                v -> assertEquals(v == 0 ? 0.0 : v, Double.parseDouble(Fmt.exact(v))));
    }

    /** Six significant digits: within half a unit of the sixth digit, and no more digits than that. */
    @Test
    void printedNumbersHaveSixSignificantDigits() {
        Property.forAll("printedNumbersHaveSixSignificantDigits", 2000, Gen::finite, v -> {
            String s = Fmt.num(v);
            assertEquals(v, Double.parseDouble(s), 5e-6 * Math.abs(v), s);
            String mantissa = s.split("e")[0].replace("-", "").replace(".", "").replaceFirst("^0+", "");
            assertTrue(mantissa.length() <= 6 || v == Math.rint(v) && Math.abs(v) < 1e6, s);
        });
        assertEquals("0.25", Fmt.num(0.24999999999999997));
        assertEquals("-1.75", Fmt.num(-1.7500000000000004));
        assertEquals("0.333333", Fmt.num(1.0 / 3));
        assertEquals("1.23457e8", Fmt.num(123456789.0));
        assertEquals("123456", Fmt.num(123456.0));
    }

    @Test
    void printedVectorsParseBackToTheSameGradient() {
        Property.forAll("printedVectorsParseBackToTheSameGradient", 500,
                r -> new double[] {Gen.finite(r), Gen.finite(r), Gen.finite(r)}, v -> {
                    String row = Fmt.row(v);
                    Tensor t = GradientInput.parseValues(row.substring(1, row.length() - 1));
                    // −0 prints as 0 (see integersHaveNoFractionAndExponentsAreShort)
                    assertEquals(false, t.isMatrix());
                    assertEquals(v.length, t.size());
                    for (int i = 0; i < v.length; i++) {
                        assertEquals(v[i], t.at(i), 5e-6 * Math.abs(v[i]), "entry " + i);
                    }
                });
    }

    @Test
    void integersHaveNoFractionAndExponentsAreShort() {
        assertEquals("3", Fmt.num(3.0));
        assertEquals("-3", Fmt.num(-3.0));
        assertEquals("0", Fmt.num(-0.0));
        assertEquals("0.1", Fmt.num(0.1));
        assertEquals("1e-5", Fmt.num(1e-5));
        assertEquals("1.5e20", Fmt.num(1.5e20));
        assertEquals("1.23e-9", Fmt.small(1.23456e-9));
        assertEquals("0.5", Fmt.small(0.5));
    }

    @Test
    void valuesWithoutSemicolonAreAVectorAndRowsMakeAMatrix() {
        Tensor v = GradientInput.parseValues(" 3, -1 ,2 ");
        assertEquals(Tensor.vector(3, -1, 2), v);
        Tensor m = GradientInput.parseValues("1,2;3,4");
        assertEquals(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}), m);
        Tensor column = GradientInput.parseValues("1;2;3");
        assertEquals(3, column.rows());
        assertEquals(1, column.cols());
        assertEquals(true, column.isMatrix());
        assertEquals(Tensor.vector(2.5e-3, 1e2), GradientInput.parseValues("2.5e-3, +1E2"));
    }
}
