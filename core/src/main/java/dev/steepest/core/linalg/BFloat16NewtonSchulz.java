package dev.steepest.core.linalg;

import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;

/**
 * torch.optim.Muon's Newton–Schulz iteration in bfloat16, as torch runs it: the input is rounded to bfloat16, and so
 * is the result of every tensor operation, each computed in float from bfloat16 operands:
 *
 * <pre>
 *   X ← bf16(G)                       (transposed when tall)
 *   X ← bf16(X / max(bf16(‖X‖_F), eps))
 *   ns_steps times:  A ← bf16(XXᵀ);  B ← bf16(bA + c·AA);  X ← bf16(aX + BX)
 * </pre>
 * (torch's {@code addmm} rounds once after the product and the sum). Plain loops, for the small matrices where a
 * user wants torch's rounding rather than speed; {@link NewtonSchulz#of} runs the same iteration in float through
 * BLAS. Rounding is to nearest, ties to even, as torch's conversion. The coefficients are the caller's (Muon's are
 * {@link PolarSchedules#QUINTIC}).
 */
public final class BFloat16NewtonSchulz implements Orthogonalizer {
    private final double[] abc;
    private final int steps;
    private final double eps;

    /** The iteration with coefficients {@code abc} = (a, b, c), {@code steps} steps and the floor {@code eps}. */
    public BFloat16NewtonSchulz(double[] abc, int steps, double eps) {
        NewtonSchulz.of(abc, steps, eps); // the same checks
        this.abc = abc.clone();
        this.steps = steps;
        this.eps = eps;
    }

    /** {@code x} rounded to the nearest bfloat16 (ties to even), as a float; NaN and ±∞ stay. */
    public static float round(float x) {
        if (Float.isNaN(x)) {
            return x;
        }
        int bits = Float.floatToRawIntBits(x);
        bits += 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(bits & 0xFFFF0000);
    }

    @Override
    public String spec() {
        return "ns(" + abc[0] + "," + abc[1] + "," + abc[2] + ")x" + steps + (eps > 0 ? "[eps=" + eps + "]" : "")
                + "[bfloat16]";
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public Polar orthogonalize(Tensor g) {
        if (!g.isMatrix()) {
            throw new IllegalArgumentException("orthogonalization needs a matrix, got a vector of length " + g.size());
        }
        if (!g.isFinite()) {
            throw new IllegalArgumentException("orthogonalization needs finite entries");
        }
        double[] d = g.toArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        orthogonalizeInPlace(f, Shape.matrix(g.rows(), g.cols()));
        double[] o = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            o[i] = f[i];
        }
        Tensor t = Tensor.matrix(g.rows(), g.cols(), o);
        return new Polar(t, Orthogonalizer.orthogonalityError(t));
    }

    @Override
    public double orthogonalizeInPlace(float[] g, Shape shape) {
        Orthogonalizer.checkFloat(g, shape);
        int rows = shape.rows();
        int cols = shape.cols();
        boolean tall = rows > cols;
        int k = tall ? cols : rows;
        int n = tall ? rows : cols;
        float[] x = new float[k * n];
        double sq = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = g[r * cols + c];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("orthogonalization needs finite entries");
                }
                float h = round(v);
                x[tall ? c * n + r : r * n + c] = h;
                sq += (double) h * h;
            }
        }
        if (sq == 0) {
            java.util.Arrays.fill(g, 0f);
            return 0;
        }
        float norm = round((float) Math.sqrt(sq));
        float div = round(Math.max(norm, (float) eps));
        for (int i = 0; i < x.length; i++) {
            x[i] = round(x[i] / div);
        }
        float a = (float) abc[0];
        float b = (float) abc[1];
        float c = (float) abc[2];
        float[] gram = new float[k * k];
        float[] poly = new float[k * k];
        float[] next = new float[k * n];
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    float acc = 0;
                    for (int l = 0; l < n; l++) {
                        acc += x[i * n + l] * x[j * n + l];
                    }
                    gram[i * k + j] = round(acc);
                }
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    float acc = 0;
                    for (int l = 0; l < k; l++) {
                        acc += gram[i * k + l] * gram[l * k + j];
                    }
                    poly[i * k + j] = round(b * gram[i * k + j] + c * acc);
                }
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < n; j++) {
                    float acc = 0;
                    for (int l = 0; l < k; l++) {
                        acc += poly[i * k + l] * x[l * n + j];
                    }
                    next[i * n + j] = round(a * x[i * n + j] + acc);
                }
            }
            float[] t = x;
            x = next;
            next = t;
        }
        double dot = 0;
        for (int r = 0; r < rows; r++) {
            for (int c2 = 0; c2 < cols; c2++) {
                float o = x[tall ? c2 * n + r : r * n + c2];
                dot += (double) g[r * cols + c2] * o;
                g[r * cols + c2] = o;
            }
        }
        return dot;
    }
}
