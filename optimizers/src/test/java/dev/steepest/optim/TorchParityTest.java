package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.optim.schedule.Schedules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code muon} and {@code adamw} presets, given torch.optim.Muon's and torch.optim.AdamW's options, against
 * those optimizers' documented algorithms, written out here in double with plain loops (nothing of this module).
 */
class TorchParityTest {

    // ---------------------------------------------------------------- torch.optim.Muon, as documented

    /**
     * torch.optim.Muon on one 2-D parameter: buf ← μ·buf + (1−μ)g (buf.lerp_(g, 1−μ)); update = (1−μ)g + μ·buf
     * (g.lerp(buf, μ)) with Nesterov, buf without; X = update (transposed when rows > cols) / max(‖X‖_F, eps);
     * ns_steps times X ← aX + (bA + cA²)X with A = XXᵀ; transposed back; θ ← θ(1 − lr·wd); θ ← θ − lr·r·X with
     * r = √max(1, rows/cols) (original) or 0.2·√max(rows, cols) (match_rms_adamw). Returns θ after every step.
     */
    static List<double[]> torchMuon(double[] theta0, int rows, int cols, List<double[]> grads, double lr, double wd,
                                    double mu, boolean nesterov, double[] abc, double eps, int nsSteps, String adjust) {
        double[] theta = theta0.clone();
        double[] buf = new double[theta.length];
        List<double[]> out = new ArrayList<>();
        for (double[] g : grads) {
            double[] upd = new double[theta.length];
            for (int i = 0; i < theta.length; i++) {
                buf[i] = buf[i] + (1 - mu) * (g[i] - buf[i]);
                upd[i] = nesterov ? g[i] + mu * (buf[i] - g[i]) : buf[i];
            }
            double[] o = newtonSchulz(upd, rows, cols, abc, eps, nsSteps);
            double ratio = adjust.equals("original") ? Math.sqrt(Math.max(1, (double) rows / cols))
                    : 0.2 * Math.sqrt(Math.max(rows, cols));
            for (int i = 0; i < theta.length; i++) {
                theta[i] *= 1 - lr * wd;
                theta[i] -= lr * ratio * o[i];
            }
            out.add(theta.clone());
        }
        return out;
    }

    static double[] newtonSchulz(double[] g, int rows, int cols, double[] abc, double eps, int steps) {
        boolean tall = rows > cols;
        int k = tall ? cols : rows;
        int n = tall ? rows : cols;
        double[][] x = new double[k][n];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (tall) {
                    x[c][r] = g[r * cols + c];
                } else {
                    x[r][c] = g[r * cols + c];
                }
            }
        }
        double sq = 0;
        for (double[] row : x) {
            for (double v : row) {
                sq += v * v;
            }
        }
        double norm = Math.max(Math.sqrt(sq), eps);
        for (double[] row : x) {
            for (int j = 0; j < n; j++) {
                row[j] /= norm;
            }
        }
        for (int s = 0; s < steps; s++) {
            double[][] a = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    for (int l = 0; l < n; l++) {
                        a[i][j] += x[i][l] * x[j][l];
                    }
                }
            }
            double[][] b = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double a2 = 0;
                    for (int l = 0; l < k; l++) {
                        a2 += a[i][l] * a[l][j];
                    }
                    b[i][j] = abc[1] * a[i][j] + abc[2] * a2;
                }
            }
            double[][] next = new double[k][n];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < n; j++) {
                    double bx = 0;
                    for (int l = 0; l < k; l++) {
                        bx += b[i][l] * x[l][j];
                    }
                    next[i][j] = abc[0] * x[i][j] + bx;
                }
            }
            x = next;
        }
        double[] o = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                o[r * cols + c] = tall ? x[c][r] : x[r][c];
            }
        }
        return o;
    }

    // ---------------------------------------------------------------- torch.optim.AdamW, as documented

    /** θ ← θ(1 − lr·wd); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; m̂ = m/(1−β₁ᵗ); v̂ = v/(1−β₂ᵗ); θ ← θ − lr·m̂/(√v̂ + ε). */
    static List<double[]> torchAdamW(double[] theta0, List<double[]> grads, double lr, double b1, double b2,
                                     double eps, double wd) {
        double[] theta = theta0.clone();
        double[] m = new double[theta.length];
        double[] v = new double[theta.length];
        List<double[]> out = new ArrayList<>();
        int t = 0;
        for (double[] g : grads) {
            t++;
            for (int i = 0; i < theta.length; i++) {
                theta[i] *= 1 - lr * wd;
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                theta[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            out.add(theta.clone());
        }
        return out;
    }

    // ---------------------------------------------------------------- running ours

    static List<double[]> grads(int count, int size, long seed) {
        Random rng = new Random(seed);
        List<double[]> gs = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            double[] g = new double[size];
            for (int i = 0; i < size; i++) {
                g[i] = (float) rng.nextGaussian(); // representable in float, so both sides see the same gradient
            }
            gs.add(g);
        }
        return gs;
    }

    static List<double[]> ours(OptimizerSpec spec, double[] theta0, int[] shape, List<double[]> grads) {
        float[] values = new float[theta0.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) theta0[i];
        }
        Param p = Param.of("w", values, shape);
        Optimizer opt = spec.build(List.of(p));
        List<double[]> out = new ArrayList<>();
        for (double[] g : grads) {
            for (int i = 0; i < g.length; i++) {
                p.grad()[i] = (float) g[i];
            }
            opt.step();
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i];
            }
            out.add(d);
        }
        return out;
    }

    /** Each step's change θ_t − θ_{t−1} and each θ_t agree to 1e-4 of their largest entry. */
    static void assertAgree(double[] theta0, List<double[]> ref, List<double[]> got) {
        assertEquals(ref.size(), got.size());
        double[] prevRef = theta0;
        double[] prevGot = theta0;
        for (int t = 0; t < ref.size(); t++) {
            double[] r = ref.get(t);
            double[] g = got.get(t);
            double maxStep = 0;
            double maxTheta = 0;
            for (int i = 0; i < r.length; i++) {
                maxStep = Math.max(maxStep, Math.abs(r[i] - prevRef[i]));
                maxTheta = Math.max(maxTheta, Math.abs(r[i]));
            }
            for (int i = 0; i < r.length; i++) {
                double stepErr = Math.abs((g[i] - prevGot[i]) - (r[i] - prevRef[i]));
                assertTrue(stepErr <= 1e-4 * maxStep, "step " + (t + 1) + " entry " + i + ": change "
                        + (g[i] - prevGot[i]) + " vs " + (r[i] - prevRef[i]));
                assertTrue(Math.abs(g[i] - r[i]) <= 1e-4 * maxTheta, "step " + (t + 1) + " entry " + i + ": " + g[i]
                        + " vs " + r[i]);
            }
            prevRef = r;
            prevGot = g;
        }
    }

    static final double[] QUINTIC = {3.4445, -4.7750, 2.0315};

    @ParameterizedTest(name = "{0}x{1} adjust_lr_fn={2} nesterov={3} weight_decay={4}")
    @CsvSource({
        "4, 3, original, true, 0.1",
        "4, 3, match_rms_adamw, true, 0.1",
        "4, 3, original, false, 0.1",
        "3, 4, original, true, 0.1",
        "3, 4, match_rms_adamw, false, 0.1",
        "3, 4, original, false, 0.0",
        "6, 6, match_rms_adamw, true, 0.05",
        "16, 4, original, true, 0.1",
        "4, 16, match_rms_adamw, true, 0.1",
    })
    void muonWithTorchOptionsFollowsTorchMuon(int rows, int cols, String adjust, boolean nesterov, double wd) {
        double lr = 0.02;
        List<double[]> gs = grads(6, rows * cols, 11 + rows);
        double[] theta0 = grads(1, rows * cols, 99).get(0);
        OptimizerSpec spec = Presets.get("muon", Map.of("lr", "0.02", "adjust_lr_fn", adjust, "weight_decay",
                Double.toString(wd), "nesterov", Boolean.toString(nesterov)));
        List<double[]> ref = torchMuon(theta0, rows, cols, gs, lr, wd, 0.95, nesterov, QUINTIC, 1e-7, 5, adjust);
        assertAgree(theta0, ref, ours(spec, theta0, new int[] {rows, cols}, gs));
    }

    @Test
    void aConvKernelIsSteppedAsTheOutByInTimesKernelMatrix() {
        // [out, in, kh, kw] = [4, 2, 3, 3], row-major, is the 4×18 matrix Muon's implementations flatten it to
        List<double[]> gs = grads(4, 72, 61);
        double[] theta0 = grads(1, 72, 62).get(0);
        OptimizerSpec spec = Presets.get("muon", Map.of("lr", "0.02", "adjust_lr_fn", "original"));
        List<double[]> ref = torchMuon(theta0, 4, 18, gs, 0.02, 0.01, 0.95, true, QUINTIC, 1e-7, 5, "original");
        assertAgree(theta0, ref, ours(spec, theta0, new int[] {4, 2, 3, 3}, gs));
    }

    /** v rounded to bfloat16 (8 significant bits, ties to even): v/ulp rounded by Math.rint, times ulp. */
    static double bf16(double v) {
        if (v == 0) {
            return 0;
        }
        double ulp = Math.scalb(1.0, Math.getExponent(v) - 7);
        return Math.rint(v / ulp) * ulp;
    }

    /** torch's _zeropower_via_newtonschulz on a bfloat16 tensor: every operation's result rounded to bfloat16. */
    static double[] newtonSchulzBf16(double[] g, int rows, int cols, double[] abc, double eps, int steps) {
        boolean tall = rows > cols;
        int k = tall ? cols : rows;
        int n = tall ? rows : cols;
        double[][] x = new double[k][n];
        double sq = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = bf16(g[r * cols + c]);
                x[tall ? c : r][tall ? r : c] = v;
                sq += v * v;
            }
        }
        double norm = bf16(Math.max(bf16(Math.sqrt(sq)), eps));
        for (double[] row : x) {
            for (int j = 0; j < n; j++) {
                row[j] = bf16(row[j] / norm);
            }
        }
        for (int s = 0; s < steps; s++) {
            double[][] a = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double acc = 0;
                    for (int l = 0; l < n; l++) {
                        acc += x[i][l] * x[j][l];
                    }
                    a[i][j] = bf16(acc);
                }
            }
            double[][] b = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double a2 = 0;
                    for (int l = 0; l < k; l++) {
                        a2 += a[i][l] * a[l][j];
                    }
                    b[i][j] = bf16(abc[1] * a[i][j] + abc[2] * a2);
                }
            }
            double[][] next = new double[k][n];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < n; j++) {
                    double bx = 0;
                    for (int l = 0; l < k; l++) {
                        bx += b[i][l] * x[l][j];
                    }
                    next[i][j] = bf16(abc[0] * x[i][j] + bx);
                }
            }
            x = next;
        }
        double[] o = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                o[r * cols + c] = tall ? x[c][r] : x[r][c];
            }
        }
        return o;
    }

    @Test
    void bfloat16RoundingIsToNearestWithTiesToEven() {
        float ulp = 1f / 128; // bfloat16's spacing in [1, 2)
        assertEquals(1f, dev.steepest.core.linalg.BFloat16NewtonSchulz.round(1f + ulp / 2)); // tie → even (1)
        assertEquals(1f + 2 * ulp, dev.steepest.core.linalg.BFloat16NewtonSchulz.round(1f + 3 * ulp / 2)); // tie → even
        assertEquals(1f + ulp, dev.steepest.core.linalg.BFloat16NewtonSchulz.round(1f + 0.6f * ulp));
        assertEquals(-3.015625f, dev.steepest.core.linalg.BFloat16NewtonSchulz.round(-3.01f)); // spacing 1/64 in [2, 4)
        java.util.Random rng = new java.util.Random(5);
        for (int i = 0; i < 10000; i++) {
            float v = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(20) - 10));
            assertEquals(bf16(v), dev.steepest.core.linalg.BFloat16NewtonSchulz.round(v), 0.0, "" + v);
        }
    }

    @ParameterizedTest(name = "bfloat16 {0}x{1}")
    @CsvSource({"4, 3", "3, 4", "8, 8"})
    void muonInBfloat16FollowsTorchsBfloat16Iteration(int rows, int cols) {
        double[] g = grads(1, rows * cols, 70 + rows).get(0);
        float[] f = new float[g.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) g[i];
        }
        new dev.steepest.core.linalg.BFloat16NewtonSchulz(QUINTIC, 5, 1e-7)
                .orthogonalizeInPlace(f, dev.steepest.core.Shape.matrix(rows, cols));
        double[] ref = newtonSchulzBf16(g, rows, cols, QUINTIC, 1e-7, 5);
        double[] exact = newtonSchulz(g, rows, cols, QUINTIC, 1e-7, 5);
        double max = 0;
        double far = 0;
        for (int i = 0; i < f.length; i++) {
            assertEquals(dev.steepest.core.linalg.BFloat16NewtonSchulz.round(f[i]), f[i], 0.0, "bfloat16 values");
            max = Math.max(max, Math.abs(ref[i]));
            far = Math.max(far, Math.abs(exact[i] - ref[i]));
        }
        int same = 0;
        for (int i = 0; i < f.length; i++) {
            assertEquals(ref[i], f[i], 2e-2 * max, "entry " + i); // a rounding tie decided otherwise moves one ulp
            same += ref[i] == f[i] ? 1 : 0;
        }
        assertTrue(same >= f.length * 3 / 4, same + " of " + f.length + " entries identical");
        assertTrue(far > 1e-4 * max, "bfloat16 differs from float32 by more than float rounding");
        // and through the preset: ns_precision=bfloat16 runs this iteration in the muon step
        OptimizerSpec spec = Presets.get("muon", Map.of("lr", "1", "ns_precision", "bfloat16", "weight_decay", "0",
                "adjust_lr_fn", "original", "momentum", "0"));
        List<double[]> got = ours(spec, new double[g.length], new int[] {rows, cols}, List.of(g));
        double r = Math.sqrt(Math.max(1, (double) rows / cols));
        for (int i = 0; i < f.length; i++) {
            assertEquals(-r * f[i], got.get(0)[i], 1e-6, "entry " + i);
        }
    }

    @Test
    void muonTakesEveryTorchOption() {
        int rows = 4;
        int cols = 3;
        List<double[]> gs = grads(5, rows * cols, 5);
        double[] theta0 = new double[rows * cols];
        double[] abc = {2.0, -1.5, 0.5};
        OptimizerSpec spec = Presets.get("muon", Map.of("lr", "0.05", "weight_decay", "0.2", "momentum", "0.9",
                "nesterov", "True", "ns_coefficients", "2.0,-1.5,0.5", "eps", "1e-6", "ns_steps", "7",
                "adjust_lr_fn", "original"));
        List<double[]> ref = torchMuon(theta0, rows, cols, gs, 0.05, 0.2, 0.9, true, abc, 1e-6, 7, "original");
        assertAgree(theta0, ref, ours(spec, theta0, new int[] {rows, cols}, gs));
    }

    @Test
    void muonEpsFloorsTheNormalizationOfATinyUpdate() {
        // ‖update‖_F far below eps: torch divides by eps, so the step is tiny rather than orthogonal
        List<double[]> gs = List.of(new double[] {1e-9, 0, 0, 2e-9, 0, 0}, new double[] {0, 1e-9, 0, 0, 0, 3e-9});
        double[] theta0 = new double[6];
        OptimizerSpec spec = Presets.get("muon", Map.of("lr", "1", "eps", "1e-3", "weight_decay", "0",
                "adjust_lr_fn", "original"));
        List<double[]> ref = torchMuon(theta0, 2, 3, gs, 1, 0, 0.95, true, QUINTIC, 1e-3, 5, "original");
        assertAgree(theta0, ref, ours(spec, theta0, new int[] {2, 3}, gs));
    }

    @ParameterizedTest(name = "betas={0},{1} eps={2} weight_decay={3}")
    @CsvSource({"0.9, 0.999, 1e-8, 0.01", "0.8, 0.95, 1e-6, 0.1", "0.0, 0.5, 1e-3, 0.0"})
    void adamwWithTorchOptionsFollowsTorchAdamW(double b1, double b2, double eps, double wd) {
        List<double[]> gs = grads(8, 7, 3);
        double[] theta0 = grads(1, 7, 4).get(0);
        OptimizerSpec spec = Presets.get("adamw", Map.of("lr", "0.01", "betas", b1 + "," + b2, "eps",
                Double.toString(eps), "weight_decay", Double.toString(wd)));
        List<double[]> ref = torchAdamW(theta0, gs, 0.01, b1, b2, eps, wd);
        assertAgree(theta0, ref, ours(spec, theta0, new int[] {7}, gs));
        // the same on a matrix: AdamW is entrywise
        List<double[]> ref2 = torchAdamW(new double[6], grads(4, 6, 8), 0.01, b1, b2, eps, wd);
        assertAgree(new double[6], ref2, ours(spec, new double[6], new int[] {2, 3}, grads(4, 6, 8)));
    }

    @Test
    void adamwDefaultsAreTorchAdamWDefaultsApartFromTheLearningRate() {
        List<double[]> gs = grads(5, 4, 21);
        double[] theta0 = grads(1, 4, 22).get(0);
        List<double[]> ref = torchAdamW(theta0, gs, 1e-3, 0.9, 0.999, 1e-8, 0.01);
        assertAgree(theta0, ref, ours(Presets.get("adamw", Map.of("lr", "0.001")), theta0, new int[] {4}, gs));
    }

    @Test
    void theDefaultMuonIsTorchMuonWithSteepestsDefaults() {
        // weight_decay 0.01 and adjust_lr_fn match_rms_adamw; everything else as torch's defaults
        List<double[]> gs = grads(4, 12, 31);
        double[] theta0 = grads(1, 12, 32).get(0);
        List<double[]> ref = torchMuon(theta0, 4, 3, gs, 0.03, 0.01, 0.95, true, QUINTIC, 1e-7, 5, "match_rms_adamw");
        assertAgree(theta0, ref, ours(Presets.get("muon"), theta0, new int[] {4, 3}, gs));
        assertAgree(theta0, ref, ours(Presets.get("muon", Schedules.constant(0.03), Map.of()), theta0,
                new int[] {4, 3}, gs));
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey() {
        String[][] bad = {
            {"muon", "betas", "0.9,0.9"}, {"muon", "momentum", "1"}, {"muon", "nesterov", "yes"},
            {"muon", "ns_coefficients", "1,2"}, {"muon", "ns_coefficients", "1,x,3"}, {"muon", "ns_steps", "0"},
            {"muon", "ns_steps", "100"}, {"muon", "eps", "-1"}, {"muon", "adjust_lr_fn", "moonshot"},
            {"muon", "lr", "0"}, {"muon", "lr", "nan"}, {"muon", "weight_decay", "-0.1"},
            {"adamw", "betas", "0.9"}, {"adamw", "betas", "0.9,1.0"}, {"adamw", "amsgrad", "true"},
            {"adamw", "eps", "inf"}, {"sgd", "momentum", "0.9"}, {"normuon", "beta2", "1.5"},
            {"muon", "ns_precision", "float16"},
        };
        for (String[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Presets.get(b[0], Map.of(b[1], b[2])), String.join(" ", b));
            assertTrue(e.getMessage().contains("'" + b[1] + "'"), e.getMessage());
        }
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Presets.get("muon", Schedules.constant(0.1), Map.of("lr", "0.2")));
        assertTrue(twice.getMessage().contains("'lr'"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PresetOptions.parse(List.of("lr")));
        assertThrows(IllegalArgumentException.class, () -> PresetOptions.parse(List.of("lr=1", "lr=2")));
        assertEquals(Map.of("ns_coefficients", "1,2,3"), PresetOptions.parse(List.of("ns_coefficients=1,2,3")));
    }

    @Test
    void everyPresetListsItsOptionsAndAcceptsItsOwnDefaults() {
        for (String name : Presets.NAMES) {
            Map<String, String> defaults = Presets.options(name);
            assertTrue(defaults.containsKey("lr"), name);
            assertEquals(Presets.get(name).spec(), Presets.get(name, defaults).spec(), name);
        }
    }
}
