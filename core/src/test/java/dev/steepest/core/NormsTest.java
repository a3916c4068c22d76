package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void mahalanobisReadsAnSpdMatrixAndSolves(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "# A\n4, 1\n1 3\n");
        Norm n = Norms.parse("mahalanobis:" + f);
        Tensor g = Tensor.vector(1, 2);
        // A⁻¹ = [[3, −1], [−1, 4]] / 11; A⁻¹g = [1, 7]/11; gᵀA⁻¹g = 15/11.
        Step s = Steps.penalized(n, g, 0.5);
        assertEquals(Math.sqrt(15.0 / 11), s.dualNorm(), 1e-15);
        assertEquals(-1.0 / 11, s.update().at(0), 1e-15);
        assertEquals(-7.0 / 11, s.update().at(1), 1e-15);
    }

    @Test
    void mahalanobisRejectsNonSpd(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "1 2\n2 1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Norms.parse("mahalanobis:" + f));
        assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
        Files.writeString(f, "1 2\n0 1\n");
        e = assertThrows(IllegalArgumentException.class, () -> Norms.parse("mahalanobis:" + f));
        assertTrue(e.getMessage().contains("symmetric"), e.getMessage());
    }
}
