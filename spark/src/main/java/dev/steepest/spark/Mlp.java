package dev.steepest.spark;

import dev.steepest.optim.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The 784-256-10 ReLU perceptron of {@code compare}, in plain Java: forward pass, softmax
 * cross-entropy and its exact gradient on float arrays.
 *
 * <p>Pure Java rather than DJL on the executors: an executor then needs no native engine
 * (libtorch is some hundred megabytes per machine, loaded per JVM), and what a task carries is
 * only plain float arrays, so closures stay small and serialize with Java serialization.
 *
 * <p>The parameters are four arrays, in the order of {@link #NAMES}: hidden weight
 * (256 × 784, row-major), hidden bias, output weight (10 × 256), output bias. Initialization
 * follows DJL's default for the same blocks: weights uniform in ±√(12 / (fan_in + fan_out))
 * (its Xavier initializer: uniform, average fan, magnitude 6), biases zero.
 */
public final class Mlp {
    public static final int INPUTS = 784;
    public static final int HIDDEN = 256;
    public static final int CLASSES = 10;
    /** Parameter names; "output" gives the read-out layer the output role in the presets. */
    public static final List<String> NAMES = List.of("hidden.weight", "hidden.bias", "output.weight", "output.bias");
    private static final int[][] SHAPES = {{HIDDEN, INPUTS}, {HIDDEN}, {CLASSES, HIDDEN}, {CLASSES}};

    private Mlp() {
    }

    /** The shape of parameter {@code t} (a copy). */
    public static int[] shape(int t) {
        return SHAPES[t].clone();
    }

    /** Entries of parameter {@code t}. */
    public static int size(int t) {
        int n = 1;
        for (int d : SHAPES[t]) {
            n *= d;
        }
        return n;
    }

    /** Entries of all parameters together. */
    public static int parameterCount() {
        int n = 0;
        for (int t = 0; t < SHAPES.length; t++) {
            n += size(t);
        }
        return n;
    }

    /** Zero arrays of the parameters' sizes. */
    public static float[][] zeros() {
        float[][] p = new float[SHAPES.length][];
        for (int t = 0; t < p.length; t++) {
            p[t] = new float[size(t)];
        }
        return p;
    }

    /** The initial parameters drawn from {@code seed}. */
    public static float[][] init(long seed) {
        Random r = new Random(seed);
        float[][] p = zeros();
        float a1 = (float) Math.sqrt(12.0 / (INPUTS + HIDDEN));
        float a2 = (float) Math.sqrt(12.0 / (HIDDEN + CLASSES));
        for (int i = 0; i < p[0].length; i++) {
            p[0][i] = (2 * r.nextFloat() - 1) * a1;
        }
        for (int i = 0; i < p[2].length; i++) {
            p[2][i] = (2 * r.nextFloat() - 1) * a2;
        }
        return p;
    }

    /** A deep copy. */
    public static float[][] copy(float[][] p) {
        float[][] c = new float[p.length][];
        for (int t = 0; t < p.length; t++) {
            c[t] = p[t].clone();
        }
        return c;
    }

    /** Views over {@code values} and {@code grads} as optimizer parameters (nothing copied). */
    public static List<Param> params(float[][] values, float[][] grads) {
        List<Param> ps = new ArrayList<>();
        for (int t = 0; t < values.length; t++) {
            ps.add(Param.wrap(NAMES.get(t), shape(t), values[t], grads[t]));
        }
        return ps;
    }

    /**
     * Adds Σᵢ ∇ℓᵢ over the {@code n} examples {@code x} (row-major, n × 784) with labels {@code y}
     * to {@code gradSum}, where ℓᵢ is the softmax cross-entropy of example i, and returns Σᵢ ℓᵢ.
     * Examples are summed in order, so the same examples in the same order give the same bits.
     */
    public static double lossAndGradient(float[][] p, float[] x, int[] y, int n, float[][] gradSum) {
        float[] w1 = p[0];
        float[] b1 = p[1];
        float[] w2 = p[2];
        float[] b2 = p[3];
        float[] h = new float[HIDDEN];
        float[] z = new float[CLASSES];
        float[] dh = new float[HIDDEN];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int xo = i * INPUTS;
            hidden(w1, b1, x, xo, h);
            loss += logits(w2, b2, h, z, y[i]);
            // z now holds dℓ/dz = softmax − onehot
            for (int c = 0; c < CLASSES; c++) {
                float dz = z[c];
                gradSum[3][c] += dz;
                int o = c * HIDDEN;
                for (int j = 0; j < HIDDEN; j++) {
                    gradSum[2][o + j] += dz * h[j];
                }
            }
            for (int j = 0; j < HIDDEN; j++) {
                float s = 0;
                if (h[j] > 0) {
                    for (int c = 0; c < CLASSES; c++) {
                        s += w2[c * HIDDEN + j] * z[c];
                    }
                }
                dh[j] = s;
            }
            float[] g1 = gradSum[0];
            for (int j = 0; j < HIDDEN; j++) {
                float d = dh[j];
                if (d == 0) {
                    continue;
                }
                gradSum[1][j] += d;
                int o = j * INPUTS;
                for (int k = 0; k < INPUTS; k++) {
                    g1[o + k] += d * x[xo + k];
                }
            }
        }
        return loss;
    }

    /**
     * Mean loss and accuracy over the {@code n} examples: {@code {meanLoss, accuracy}}.
     */
    public static double[] evaluate(float[][] p, float[] x, int[] y, int n) {
        float[] h = new float[HIDDEN];
        float[] z = new float[CLASSES];
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            hidden(p[0], p[1], x, i * INPUTS, h);
            int best = 0;
            for (int c = 0; c < CLASSES; c++) {
                float s = p[3][c];
                int o = c * HIDDEN;
                for (int j = 0; j < HIDDEN; j++) {
                    s += p[2][o + j] * h[j];
                }
                z[c] = s;
                if (s > z[best]) {
                    best = c;
                }
            }
            if (best == y[i]) {
                correct++;
            }
            loss += logits(p[2], p[3], h, z, y[i]);
        }
        return new double[] {loss / n, (double) correct / n};
    }

    private static void hidden(float[] w1, float[] b1, float[] x, int xo, float[] h) {
        for (int j = 0; j < HIDDEN; j++) {
            float s = b1[j];
            int o = j * INPUTS;
            for (int k = 0; k < INPUTS; k++) {
                s += w1[o + k] * x[xo + k];
            }
            h[j] = s > 0 ? s : 0;
        }
    }

    /** Writes softmax(z) − onehot(label) into z and returns the cross-entropy. */
    private static double logits(float[] w2, float[] b2, float[] h, float[] z, int label) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < CLASSES; c++) {
            float s = b2[c];
            int o = c * HIDDEN;
            for (int j = 0; j < HIDDEN; j++) {
                s += w2[o + j] * h[j];
            }
            z[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < CLASSES; c++) {
            sum += Math.exp(z[c] - max);
        }
        double logSum = max + Math.log(sum);
        double loss = logSum - z[label];
        for (int c = 0; c < CLASSES; c++) {
            z[c] = (float) Math.exp(z[c] - logSum) - (c == label ? 1f : 0f);
        }
        return loss;
    }
}
