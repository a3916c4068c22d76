package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Steps over the whole double range: a finite true result comes back finite and right; a norm
 * or objective that overflows is ±∞ (never NaN); a direction or step that does not fit in a
 * double is an {@link ArithmeticException}.
 */
class StepsRangeTest {

    private static final String[] NORMS = {"l2", "l1", "linf", "lp:3", "diag:0.5,2,3", "wlinf:1,0.25,4", "frobenius",
        "spectral", "nuclear", "rms", "colnorm", "rownorm", "maxabs"};

    private static Tensor randomLike(String norm, SplittableRandom rng) {
        boolean matrix = !norm.matches("l2|l1|linf|lp:3|diag.*|wlinf.*");
        double[] v = new double[matrix ? 6 : 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble(-1, 1);
        }
        return matrix ? Tensor.matrix(2, 3, v) : Tensor.vector(v);
    }

    private static Tensor scalb(Tensor t, int e) {
        double[] v = t.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.scalb(v[i], e);
        }
        return Tensor.like(t, v);
    }

    /**
     * g·2^e has the same dualizer as g, and a dual norm, radius (penalized, c = 2^j) and objective
     * scaled by exact powers of two, at every e where those fit; beyond, an ArithmeticException.
     */
    @ParameterizedTest
    @ValueSource(ints = {-1060, -1000, -700, -500, -300, -60, 0, 60, 300, 500, 700, 1000, 1020})
    void aPowerOfTwoScaleScalesTheStepExactly(int e) {
        long seed = 7919L * (e + 2000);
        SplittableRandom rng = new SplittableRandom(seed);
        for (String spec : NORMS) {
            Norm norm = Norms.parse(spec);
            Tensor g = randomLike(spec, rng);
            Step base = Steps.constrained(norm, g, 1);
            Tensor big = scalb(g, e);
            String where = spec + " at 2^" + e + " (seed " + seed + ")";
            double dual = Math.scalb(base.dualNorm(), e); // +∞ where the true value overflows
            Step s = Steps.constrained(norm, big, 1);
            if (e > -1000) { // far down, entries below the largest lose bits to subnormal rounding
                assertArrayEquals(base.direction().toArray(), s.direction().toArray(), where);
                assertEquals(dual, s.dualNorm(), where);
                assertEquals(Math.scalb(base.objective(), e), s.objective(), Math.ulp(dual) * 4, where);
            }
            // penalized with c = 2^j: radius = ‖g‖_*/(2c) and objective −‖g‖_*²/(4c) scale by 2^(e−j) and 2^(2e−j)
            for (int j : new int[] {-1000, -300, 0, 300, 1000}) {
                double c = Math.scalb(1.0, j);
                Step p0 = Steps.penalized(norm, g, 1);
                double radius = Math.scalb(p0.radius(), e - j);
                double objective = Math.scalb(p0.objective(), 2 * e - j);
                if (!Double.isFinite(radius)) { // then u = −radius·t* does not fit either
                    assertThrows(ArithmeticException.class, () -> Steps.penalized(norm, big, c), where + ", c = 2^" + j);
                    continue;
                }
                Step p = Steps.penalized(norm, big, c);
                assertFalse(Double.isNaN(p.objective()), where + ", c = 2^" + j);
                if (e > -1000 && radius >= Double.MIN_NORMAL && Math.abs(objective) >= Double.MIN_NORMAL) {
                    assertEquals(radius, p.radius(), Math.ulp(radius) * 2, where + ", c = 2^" + j);
                    assertEquals(objective, p.objective(), Math.abs(objective) * 1e-12, where + ", c = 2^" + j);
                }
            }
        }
    }

    @Test
    void closedFormsFromTheMathAtTheEdgesOfTheRange() {
        // ℓ2, g = (3,4)·2^500, c = 2^-20: ‖g‖ = 5·2^500, radius 5·2^519, objective −25·2^1000/2^-18 = −25·2^1018
        Step p = Steps.penalized(Norms.parse("l2"), Tensor.vector(Math.scalb(3.0, 500), Math.scalb(4.0, 500)),
                Math.scalb(1.0, -20));
        assertEquals(Math.scalb(5.0, 500), p.dualNorm());
        assertEquals(Math.scalb(5.0, 519), p.radius());
        assertEquals(-Math.scalb(25.0, 1018), p.objective(), Math.scalb(25.0, 1018) * 1e-15);
        // diag:1e-300 with g = 1e10: ‖g‖_* = √(g²/d) = 1e160, t* = (g/d)/‖g‖_* = 1e150
        Step d = Steps.constrained(Norms.parse("diag:1e-300"), Tensor.vector(1e10), 1);
        assertEquals(1e160, d.dualNorm(), 1e160 * 1e-15);
        assertEquals(1e150, d.direction().at(0), 1e150 * 1e-15);
        assertEquals(-1e160, d.objective(), 1e160 * 1e-15);
        // diag:1e-310 (subnormal weight), g = 1: ‖g‖_* = 1/√1e-310 ≈ 1e155, t* = 1/(d‖g‖_*) = ‖g‖_*
        Step sub = Steps.constrained(Norms.parse("diag:1e-310"), Tensor.vector(1), 1);
        assertEquals(1 / Math.sqrt(1e-310), sub.dualNorm(), 1e155 * 1e-12);
        assertEquals(sub.dualNorm(), sub.direction().at(0), 1e155 * 1e-12);
    }

    @Test
    void resultsBeyondTheRangeAreInfiniteOrRefused() {
        // ℓ∞'s dual is Σ|gᵢ| = 2e308: +∞, while t* and u are finite
        Step linf = Steps.constrained(Norms.parse("linf"), Tensor.vector(1e308, -1e308), 1);
        assertEquals(Double.POSITIVE_INFINITY, linf.dualNorm());
        assertEquals(Double.NEGATIVE_INFINITY, linf.objective());
        assertArrayEquals(new double[] {-1, 1}, linf.update().toArray());
        // wlinf: t*ᵢ = sign(gᵢ)/wᵢ = 1e310
        assertThrows(ArithmeticException.class, () -> Steps.constrained(Norms.parse("wlinf:1e-310"), Tensor.vector(1), 1));
        // ℓ2 penalized: radius 1e10/(2e-300)
        assertThrows(ArithmeticException.class, () -> Steps.penalized(Norms.parse("l2"), Tensor.vector(1e10), 1e-300));
        // objective −‖g‖²/(4c) = −2e310/4: −∞ (not NaN), u = −g/2 finite
        Step big = Steps.penalized(Norms.parse("l2"), Tensor.vector(1e155, 1e155), 1);
        assertEquals(Double.NEGATIVE_INFINITY, big.objective());
        assertEquals(-5e154, big.update().at(0), 5e154 * 1e-15);
        // an objective that underflows is 0, not NaN
        Step tiny = Steps.penalized(Norms.parse("l2"), Tensor.vector(1e-300, 1e-300), 1e300);
        assertEquals(0, tiny.objective(), 0);
        assertEquals(0, tiny.radius(), 0);
    }
}
