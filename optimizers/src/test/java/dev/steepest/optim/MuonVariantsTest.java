package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The {@code normuon} and {@code adamuon} presets against their papers' update equations, written out here in
 * double with plain loops; the Newton–Schulz iteration is {@link TorchParityTest#newtonSchulz} (Muon's quintic,
 * five steps, X₀ = M/‖M‖_F).
 */
class MuonVariantsTest {
    static final double[] QUINTIC = TorchParityTest.QUINTIC;

    /**
     * NorMuon (arXiv:2510.05491, Algorithm 1): M ← β₁M + (1−β₁)G; O = NS5(M); v ← β₂v + (1−β₂)·mean_cols(O⊙O);
     * Ô = O ⊘ (√v + ε) row by row; η̂ = 0.2·η·√(mn)/‖Ô‖_F; θ ← θ − ηλθ − η̂·Ô.
     */
    static List<double[]> norMuon(double[] theta0, int m, int n, List<double[]> grads, double lr, double b1,
                                  double b2, double eps, double wd) {
        double[] theta = theta0.clone();
        double[] mom = new double[m * n];
        double[] v = new double[m];
        List<double[]> out = new ArrayList<>();
        for (double[] g : grads) {
            for (int i = 0; i < mom.length; i++) {
                mom[i] = b1 * mom[i] + (1 - b1) * g[i];
            }
            double[] o = TorchParityTest.newtonSchulz(mom, m, n, QUINTIC, 0, 5);
            double[] oh = new double[m * n];
            for (int r = 0; r < m; r++) {
                double mean = 0;
                for (int c = 0; c < n; c++) {
                    mean += o[r * n + c] * o[r * n + c];
                }
                v[r] = b2 * v[r] + (1 - b2) * mean / n;
                for (int c = 0; c < n; c++) {
                    oh[r * n + c] = o[r * n + c] / (Math.sqrt(v[r]) + eps);
                }
            }
            double fro = 0;
            for (double x : oh) {
                fro += x * x;
            }
            double etaHat = 0.2 * lr * Math.sqrt((double) m * n) / Math.sqrt(fro);
            for (int i = 0; i < theta.length; i++) {
                theta[i] = theta[i] - lr * wd * theta[i] - etaHat * oh[i];
            }
            out.add(theta.clone());
        }
        return out;
    }

    /**
     * AdaMuon (arXiv:2507.11005): M ← β₁M + (1−β₁)G; O = NS5(sign(M)); V ← β₂V + (1−β₂)·O⊙O; Ô = O ⊘ (√V + ε);
     * γ = 0.2·√(mn)/‖Ô‖_F; θ ← θ − η(γ·Ô + λθ).
     */
    static List<double[]> adaMuon(double[] theta0, int m, int n, List<double[]> grads, double lr, double b1,
                                  double b2, double eps, double wd) {
        double[] theta = theta0.clone();
        double[] mom = new double[m * n];
        double[] v = new double[m * n];
        List<double[]> out = new ArrayList<>();
        for (double[] g : grads) {
            double[] s = new double[m * n];
            for (int i = 0; i < mom.length; i++) {
                mom[i] = b1 * mom[i] + (1 - b1) * g[i];
                s[i] = Math.signum(mom[i]);
            }
            double[] o = TorchParityTest.newtonSchulz(s, m, n, QUINTIC, 0, 5);
            double[] oh = new double[m * n];
            double fro = 0;
            for (int i = 0; i < o.length; i++) {
                v[i] = b2 * v[i] + (1 - b2) * o[i] * o[i];
                oh[i] = o[i] / (Math.sqrt(v[i]) + eps);
                fro += oh[i] * oh[i];
            }
            double gamma = 0.2 * Math.sqrt((double) m * n) / Math.sqrt(fro);
            for (int i = 0; i < theta.length; i++) {
                theta[i] = theta[i] - lr * (gamma * oh[i] + wd * theta[i]);
            }
            out.add(theta.clone());
        }
        return out;
    }

    @ParameterizedTest(name = "normuon {0}x{1}")
    @CsvSource({"4, 3, 0.95, 0.95, 1e-8, 0.01", "3, 4, 0.9, 0.99, 1e-6, 0.1", "5, 5, 0.5, 0.9, 1e-8, 0.0"})
    void norMuonFollowsItsEquations(int m, int n, double b1, double b2, double eps, double wd) {
        List<double[]> gs = TorchParityTest.grads(6, m * n, 40 + m);
        double[] theta0 = TorchParityTest.grads(1, m * n, 41).get(0);
        OptimizerSpec spec = Presets.get("normuon", Map.of("lr", "0.02", "momentum", Double.toString(b1), "beta2",
                Double.toString(b2), "eps", Double.toString(eps), "weight_decay", Double.toString(wd)));
        TorchParityTest.assertAgree(theta0, norMuon(theta0, m, n, gs, 0.02, b1, b2, eps, wd),
                TorchParityTest.ours(spec, theta0, new int[] {m, n}, gs));
    }

    @ParameterizedTest(name = "adamuon {0}x{1}")
    @CsvSource({"4, 3, 0.95, 0.95, 1e-8, 0.01", "3, 4, 0.9, 0.99, 1e-6, 0.1", "5, 5, 0.5, 0.9, 1e-8, 0.0"})
    void adaMuonFollowsItsEquations(int m, int n, double b1, double b2, double eps, double wd) {
        List<double[]> gs = TorchParityTest.grads(6, m * n, 50 + m);
        double[] theta0 = TorchParityTest.grads(1, m * n, 51).get(0);
        OptimizerSpec spec = Presets.get("adamuon", Map.of("lr", "0.02", "momentum", Double.toString(b1), "beta2",
                Double.toString(b2), "eps", Double.toString(eps), "weight_decay", Double.toString(wd)));
        TorchParityTest.assertAgree(theta0, adaMuon(theta0, m, n, gs, 0.02, b1, b2, eps, wd),
                TorchParityTest.ours(spec, theta0, new int[] {m, n}, gs));
    }

    @Test
    void theVariantsSendVectorsEmbeddingsAndTheHeadToAdamW() {
        for (String name : List.of("normuon", "adamuon")) {
            Param hidden = Param.matrix("layer1.weight", 4, 3, new float[12]);
            Param bias = Param.vector("layer1.bias", new float[4]);
            Param head = Param.matrix("head.weight", 2, 4, new float[8]);
            Optimizer opt = Presets.get(name).build(List.of(hidden, bias, head));
            assertEquals("hidden", opt.groupOf("layer1.weight"), name);
            assertEquals("rest", opt.groupOf("layer1.bias"), name);
            assertEquals("rest", opt.groupOf("head.weight"), name);
            assertTrue(opt.spec().spec().contains("rms-scale(0.2)"), opt.spec().spec());
        }
    }

    @Test
    void theUpdateRmsIsPointTwoTimesTheLearningRate() {
        // the RMS alignment: without decay every hidden step has RMS 0.2·lr whatever the gradient's scale
        for (String name : List.of("normuon", "adamuon")) {
            for (double scale : new double[] {1e-3, 1, 1e3}) {
                List<double[]> gs = TorchParityTest.grads(3, 24, 7);
                for (double[] g : gs) {
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= scale;
                    }
                }
                List<double[]> got = TorchParityTest.ours(Presets.get(name, Map.of("lr", "0.1", "weight_decay", "0")),
                        new double[24], new int[] {4, 6}, gs);
                double[] prev = new double[24];
                for (double[] t : got) {
                    double sq = 0;
                    for (int i = 0; i < t.length; i++) {
                        sq += (t[i] - prev[i]) * (t[i] - prev[i]);
                    }
                    assertEquals(0.02, Math.sqrt(sq / 24), 1e-6, name + " scale " + scale);
                    prev = t;
                }
            }
        }
    }
}
