package dev.steepest.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MLP's gradient against central finite differences of an independent double-precision
 * forward pass written here from the definition (affine, ReLU, affine, log-softmax).
 */
class MlpTest {

    /** Σᵢ cross-entropy of the examples, in double, with entry {@code (t, j)} of the parameters replaced by {@code v}. */
    private static double loss(float[][] p, float[] x, int[] y, int n, int t, int j, double v) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] h = new double[Mlp.HIDDEN];
            for (int a = 0; a < Mlp.HIDDEN; a++) {
                double s = at(p, 1, a, t, j, v);
                for (int k = 0; k < Mlp.INPUTS; k++) {
                    s += at(p, 0, a * Mlp.INPUTS + k, t, j, v) * x[i * Mlp.INPUTS + k];
                }
                h[a] = Math.max(0, s);
            }
            double[] z = new double[Mlp.CLASSES];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < Mlp.CLASSES; c++) {
                double s = at(p, 3, c, t, j, v);
                for (int a = 0; a < Mlp.HIDDEN; a++) {
                    s += at(p, 2, c * Mlp.HIDDEN + a, t, j, v) * h[a];
                }
                z[c] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (double zc : z) {
                sum += Math.exp(zc - max);
            }
            total += max + Math.log(sum) - z[y[i]];
        }
        return total;
    }

    private static double at(float[][] p, int tensor, int index, int t, int j, double v) {
        return tensor == t && index == j ? v : p[tensor][index];
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void gradientMatchesFiniteDifferences(long seed) {
        Random r = new Random(seed);
        int n = 3;
        float[] x = new float[n * Mlp.INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() < 0.5 ? 0 : r.nextFloat();
        }
        int[] y = {r.nextInt(10), r.nextInt(10), r.nextInt(10)};
        float[][] p = Mlp.init(seed);
        for (int c = 0; c < Mlp.HIDDEN; c++) {
            p[1][c] = (float) (0.1 * r.nextGaussian());
        }
        float[][] g = Mlp.zeros();
        double l = Mlp.lossAndGradient(p, x, y, n, g);
        assertEquals(loss(p, x, y, n, -1, -1, 0), l, 1e-4, "loss, seed " + seed);
        double h = 1e-4;
        for (int t = 0; t < 4; t++) {
            double scale = 0;
            for (float v : g[t]) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 0, "tensor " + t + " has a zero gradient, seed " + seed);
            for (int trial = 0; trial < 12; trial++) {
                // half the probes on the largest entries' neighbourhood would be nicer; random entries suffice here
                int j = r.nextInt(g[t].length);
                double fd = (loss(p, x, y, n, t, j, p[t][j] + h) - loss(p, x, y, n, t, j, p[t][j] - h)) / (2 * h);
                assertEquals(fd, g[t][j], 1e-3 * scale + 1e-6,
                        "tensor " + Mlp.NAMES.get(t) + " entry " + j + ", seed " + seed);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void evaluateAgreesWithTheLoss(long seed) {
        Random r = new Random(seed);
        int n = 5;
        float[] x = new float[n * Mlp.INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(10);
        }
        float[][] p = Mlp.init(seed);
        double[] ev = Mlp.evaluate(p, x, y, n);
        assertEquals(loss(p, x, y, n, -1, -1, 0) / n, ev[0], 1e-4, "seed " + seed);
        assertTrue(ev[1] >= 0 && ev[1] <= 1);
    }
}
