package dev.steepest.core.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins each matrix norm's float step ({@code dualizeInPlace}) to its double reference ({@code dualize}) at float
 * tolerance, on seeded Gaussian matrices of several shapes: same direction, same scale. A failing case names its
 * seed.
 */
class MatrixNormFloatStepTest {

    static Stream<Arguments> cases() {
        String[] norms = {"spectral", "rms", "nuclear", "schatten:3", "schatten:1.5"};
        String[] orthogonalizers = {"svd", "ns5", "polar-express"};
        int[][] shapes = {{5, 3}, {3, 7}, {6, 6}, {20, 4}};
        Stream.Builder<Arguments> b = Stream.builder();
        long seed = 4242;
        for (String norm : norms) {
            boolean orth = norm.equals("spectral") || norm.equals("rms");
            for (String o : orth ? orthogonalizers : new String[] {null}) {
                for (int[] s : shapes) {
                    b.add(Arguments.of(norm, o, s[0], s[1], seed++));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3} seed {4}")
    @MethodSource("cases")
    void floatStepMatchesTheDoubleReference(String spec, String orthogonalizer, int m, int n, long seed) {
        Norm norm = orthogonalizer == null ? Norms.parse(spec)
                : Norms.parse(spec, dev.steepest.core.linalg.Orthogonalizers.parse(orthogonalizer));
        Random r = new Random(seed);
        float[] g = new float[m * n];
        double[] d = new double[m * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) r.nextGaussian();
            d[i] = g[i];
        }
        Dualized want = norm.dualize(Tensor.matrix(m, n, d));
        double scale = norm.dualizeInPlace(g, Shape.matrix(m, n));
        String what = spec + " " + orthogonalizer + " " + m + "x" + n + " seed " + seed;
        assertEquals(want.dualNorm(), scale, 1e-4 * Math.abs(want.dualNorm()), what + ": scale");
        double max = want.direction().maxAbs();
        for (int i = 0; i < g.length; i++) {
            assertEquals(want.direction().at(i), g[i], 2e-4 * Math.max(max, 1e-30), what + ": entry " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void refusesVectorShapes(String spec) {
        Norm norm = Norms.parse(spec);
        assertThrows(IllegalArgumentException.class, () -> norm.checkShape(Shape.vector(4)));
        assertThrows(IllegalArgumentException.class, () -> norm.dualizeInPlace(new float[4], Shape.vector(4)));
        norm.checkShape(Shape.matrix(2, 3));
    }

    static Stream<String> names() {
        return Stream.of("spectral", "rms", "nuclear", "schatten:3");
    }
}
