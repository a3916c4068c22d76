package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormsTest {

    @ParameterizedTest
    @ValueSource(strings = {"l2", "l1", "linf", "lp:3", "lp:1.5", "diag:1,2,4", "wlinf:1,0.5"})
    void specsRoundTrip(String spec) {
        assertEquals(spec, Norms.parse(spec).spec());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "lp", "lp:1", "lp:0.5", "lp:abc", "lp:inf", "lp:NaN", "diag:", "diag:1,0",
        "diag:1,-2", "wlinf:x", "l2:3", "mahalanobis:/definitely/missing.txt"})
    void badSpecsFailWithAClearMessage(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Norms.parse(spec));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }

    @Test
    void weightedNormsRejectMismatchedShapes() {
        Norm n = Norms.parse("diag:1,2,3");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Steps.penalized(n, Tensor.vector(1, 2), 1));
        assertTrue(e.getMessage().contains("3 weights"), e.getMessage());
    }

    /** Named matrices held in memory, as a caller of the registry supplies them. */
    private static Function<String, Tensor> matrices(Map<String, Tensor> byName) {
        return name -> {
            Tensor a = byName.get(name);
            if (a == null) {
                throw new IllegalArgumentException("mahalanobis: no matrix named " + name);
            }
            return a;
        };
    }

    @Test
    void mahalanobisTakesItsMatrixFromTheCallersSourceAndSolves() {
        Norm n = Norms.parse("mahalanobis:a", null,
                matrices(Map.of("a", Tensor.matrix(new double[][] {{4, 1}, {1, 3}}))));
        assertEquals("mahalanobis:a", n.spec());
        Tensor g = Tensor.vector(1, 2);
        // A⁻¹ = [[3, −1], [−1, 4]] / 11; A⁻¹g = [1, 7]/11; gᵀA⁻¹g = 15/11.
        Step s = Steps.penalized(n, g, 0.5);
        assertEquals(Math.sqrt(15.0 / 11), s.dualNorm(), 1e-15);
        assertEquals(-1.0 / 11, s.update().at(0), 1e-15);
        assertEquals(-7.0 / 11, s.update().at(1), 1e-15);
        // xᵀAx at x = (1, 1): 4 + 2 + 3 = 9
        assertEquals(3, n.value(Tensor.vector(1, 1)), 1e-15);
    }

    @Test
    void mahalanobisOfOneEntryIsAScaledAbsoluteValue() {
        Norm n = Norms.parse("mahalanobis:a", null, matrices(Map.of("a", Tensor.vector(4))));
        assertEquals(6, n.value(Tensor.vector(-3)), 1e-15);
    }

    @Test
    void mahalanobisRejectsMissingNonSquareAndNonSpdMatrices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Norms.parse("mahalanobis:a"));
        assertTrue(e.getMessage().contains("mahalanobis:a"), e.getMessage());
        Function<String, Tensor> m = matrices(Map.of(
                "notspd", Tensor.matrix(new double[][] {{1, 2}, {2, 1}}),
                "asym", Tensor.matrix(new double[][] {{1, 2}, {0, 1}}),
                "wide", Tensor.matrix(new double[][] {{1, 0, 0}, {0, 1, 0}}),
                "row", Tensor.vector(1, 2)));
        e = assertThrows(IllegalArgumentException.class, () -> Norms.parse("mahalanobis:nope", null, m));
        assertTrue(e.getMessage().contains("no matrix named nope"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Norms.parse("mahalanobis:notspd", null, m));
        assertTrue(e.getMessage().contains("positive definite") && e.getMessage().contains("notspd"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Norms.parse("mahalanobis:asym", null, m));
        assertTrue(e.getMessage().contains("symmetric"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Norms.parse("mahalanobis:wide", null, m));
        assertTrue(e.getMessage().contains("square") && e.getMessage().contains("2×3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Norms.parse("mahalanobis:row", null, m));
        assertTrue(e.getMessage().contains("square"), e.getMessage());
    }
}
