package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./steepest trace}: the issue's command against torch.optim.Muon's and torch.optim.AdamW's documented
 * algorithms, written out here in double (nothing of the optimizers module), and its handling of bad input.
 */
class TraceCommandTest {
    @TempDir
    Path dir;

    private static final double[] QUINTIC = {3.4445, -4.7750, 2.0315};

    /** torch.optim.Muon on one rows×cols parameter from θ = 0 (see the optimizers module's TorchParityTest). */
    static List<double[]> torchMuon(int rows, int cols, List<double[]> grads, double lr, double wd, double mu,
                                    boolean nesterov, String adjust) {
        double[] theta = new double[rows * cols];
        double[] buf = new double[theta.length];
        List<double[]> out = new ArrayList<>();
        boolean tall = rows > cols;
        int k = Math.min(rows, cols);
        int n = Math.max(rows, cols);
        for (double[] g : grads) {
            double[][] x = new double[k][n];
            double sq = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    buf[i] = buf[i] + (1 - mu) * (g[i] - buf[i]);
                    double u = nesterov ? g[i] + mu * (buf[i] - g[i]) : buf[i];
                    x[tall ? c : r][tall ? r : c] = u;
                    sq += u * u;
                }
            }
            double norm = Math.max(Math.sqrt(sq), 1e-7);
            for (double[] row : x) {
                for (int j = 0; j < n; j++) {
                    row[j] /= norm;
                }
            }
            for (int s = 0; s < 5; s++) {
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
                        b[i][j] = QUINTIC[1] * a[i][j] + QUINTIC[2] * a2;
                    }
                }
                double[][] next = new double[k][n];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < n; j++) {
                        double bx = 0;
                        for (int l = 0; l < k; l++) {
                            bx += b[i][l] * x[l][j];
                        }
                        next[i][j] = QUINTIC[0] * x[i][j] + bx;
                    }
                }
                x = next;
            }
            double ratio = adjust.equals("original") ? Math.sqrt(Math.max(1, (double) rows / cols))
                    : 0.2 * Math.sqrt(Math.max(rows, cols));
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    theta[i] *= 1 - lr * wd;
                    theta[i] -= lr * ratio * x[tall ? c : r][tall ? r : c];
                }
            }
            out.add(theta.clone());
        }
        return out;
    }

    /** torch.optim.AdamW from θ = 0: decay first, bias-corrected moments, ε added to √v̂. */
    static List<double[]> torchAdamW(int size, List<double[]> grads, double lr, double b1, double b2, double eps,
                                     double wd) {
        double[] theta = new double[size];
        double[] m = new double[size];
        double[] v = new double[size];
        List<double[]> out = new ArrayList<>();
        for (int t = 1; t <= grads.size(); t++) {
            double[] g = grads.get(t - 1);
            for (int i = 0; i < size; i++) {
                theta[i] *= 1 - lr * wd;
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                theta[i] -= lr * (m[i] / (1 - Math.pow(b1, t))) / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps);
            }
            out.add(theta.clone());
        }
        return out;
    }

    /** Writes {@code count} random rows×cols gradients (exact in float), one per line, and returns them. */
    private List<double[]> writeGrads(Path file, int rows, int cols, int count, long seed) throws Exception {
        Random rng = new Random(seed);
        List<double[]> gs = new ArrayList<>();
        StringBuilder sb = new StringBuilder("# one gradient per line\n");
        for (int t = 0; t < count; t++) {
            double[] g = new double[rows * cols];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) rng.nextGaussian();
                sb.append(i == 0 ? "" : i % cols == 0 ? ";" : ",").append((float) g[i]);
            }
            sb.append('\n');
            gs.add(g);
        }
        Files.writeString(file, sb.toString());
        return gs;
    }

    private static List<double[]> params(JsonNode json) {
        List<double[]> out = new ArrayList<>();
        for (JsonNode step : json.get("params")) {
            List<Double> flat = new ArrayList<>();
            for (JsonNode row : step) {
                if (row.isArray()) {
                    row.forEach(v -> flat.add(v.asDouble()));
                } else {
                    flat.add(row.asDouble());
                }
            }
            out.add(flat.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    private static void assertClose(List<double[]> ref, List<double[]> got) {
        assertEquals(ref.size(), got.size());
        for (int t = 0; t < ref.size(); t++) {
            double max = 0;
            for (double v : ref.get(t)) {
                max = Math.max(max, Math.abs(v));
            }
            for (int i = 0; i < ref.get(t).length; i++) {
                assertEquals(ref.get(t)[i], got.get(t)[i], 1e-4 * max, "step " + (t + 1) + " entry " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1} adjust_lr_fn={2} nesterov={3}")
    @CsvSource({"4, 3, original, true", "4, 3, match_rms_adamw, true", "4, 3, original, false",
        "3, 4, original, true", "3, 4, match_rms_adamw, false"})
    void traceJsonOfMuonMatchesTorchMuon(int rows, int cols, String adjust, boolean nesterov) throws Exception {
        Path g = dir.resolve("G");
        List<double[]> gs = writeGrads(g, rows, cols, 5, 17 + rows);
        Cli.Outcome r = Cli.run("trace", "--preset", "muon", "--shape", rows + "x" + cols, "--lr", "0.02",
                "--option", "adjust_lr_fn=" + adjust, "--option", "weight_decay=0.1", "--option", "nesterov=" + nesterov,
                "--grads", g.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("muon", json.get("preset").asText());
        assertEquals(rows, json.get("shape").get(0).asInt());
        assertEquals(cols, json.get("shape").get(1).asInt());
        assertEquals(adjust, json.get("options").get("adjust_lr_fn").asText());
        assertEquals("0.1", json.get("options").get("weight_decay").asText());
        assertEquals(rows, json.get("params").get(0).size());
        assertClose(torchMuon(rows, cols, gs, 0.02, 0.1, 0.95, nesterov, adjust), params(json));
    }

    @Test
    void traceJsonOfAdamwMatchesTorchAdamW() throws Exception {
        Path g = dir.resolve("G");
        List<double[]> gs = writeGrads(g, 1, 5, 6, 3);
        Cli.Outcome r = Cli.run("trace", "--preset", "adamw", "--shape", "5", "--option", "lr=0.01",
                "--option", "betas=0.8,0.99", "--option", "eps=1e-6", "--option", "weight_decay=0.05",
                "--grads", g.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertClose(torchAdamW(5, gs, 0.01, 0.8, 0.99, 1e-6, 0.05), params(new ObjectMapper().readTree(r.out())));
    }

    @Test
    void textPrintsTheParameterAfterEachStepInDerivesSyntax() {
        Cli.Outcome r = Cli.run("trace", "--preset", "sgd", "--shape", "2x2", "--lr", "0.5", "--init", "1,2;3,4",
                "--random-grads", "2", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("step 1: [^,;]+,[^,;]+;[^,;]+,[^,;]+"), lines[0]);
        Cli.Outcome again = Cli.run("trace", "--preset", "sgd", "--shape", "2x2", "--lr", "0.5", "--init", "1,2;3,4",
                "--random-grads", "2", "--seed", "3");
        assertEquals(r.out(), again.out(), "the same seed gives the same trace");
    }

    @Test
    void everyPresetTraces() {
        for (String preset : List.of("sgd", "sgd-momentum", "signsgd", "sign-dual", "muon", "polargrad", "scion",
                "adamw", "normuon", "adamuon")) {
            Cli.Outcome r = Cli.run("trace", "--preset", preset, "--shape", "3x4", "--random-grads", "3", "--json");
            assertEquals(0, r.code(), preset + ": " + r.err());
            assertTrue(r.out().startsWith("{\"preset\":\"" + preset + "\""), r.out());
        }
    }

    @Test
    void badInputIsOneLineExitTwoAndNothingOnStdout() throws Exception {
        Path g = dir.resolve("G");
        Files.writeString(g, "1,2;3,4\n1,2,3\n");
        Path huge = dir.resolve("huge");
        Files.writeString(huge, "1,2\n1e20,1\n");
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "# nothing\n\n");
        String[][] cases = {
            {"--preset", "muon", "--shape", "4x3", "--option", "betas=0.9,0.9", "--random-grads", "2"},
            {"--preset", "muon", "--shape", "4x3", "--option", "adjust_lr_fn=moonshot", "--random-grads", "2"},
            {"--preset", "muon", "--shape", "4x3", "--option", "momentum", "--random-grads", "2"},
            {"--preset", "muon", "--shape", "4x3", "--lr", "0.1", "--option", "lr=0.2", "--random-grads", "2"},
            {"--preset", "nope", "--shape", "4x3", "--random-grads", "2"},
            {"--preset", "muon", "--shape", "4y3", "--random-grads", "2"},
            {"--preset", "muon", "--shape", "0x3", "--random-grads", "2"},
            {"--preset", "muon", "--shape", "2000x2000", "--random-grads", "2"},
            {"--preset", "muon", "--shape", "2x2", "--random-grads", "0"},
            {"--preset", "muon", "--shape", "2x2", "--grads", g.toString()},
            {"--preset", "muon", "--shape", "2x2", "--grads", empty.toString()},
            {"--preset", "muon", "--shape", "2x2", "--grads", dir.resolve("missing").toString()},
            {"--preset", "muon", "--shape", "2x2", "--init", "1,2,3,4", "--random-grads", "2"},
            {"--preset", "muon", "--shape", "2x2", "--init", "1,nan;3,4", "--random-grads", "2"},
            {"--preset", "muon", "--shape", "2x2", "--lr", "-1", "--random-grads", "2"},
            {"--preset", "muon", "--shape", "2x2"},
            {"--preset", "muon", "--shape", "2x2", "--grads", g.toString(), "--random-grads", "2"},
            {"--preset", "adamw", "--shape", "2", "--grads", huge.toString()}, // g² would overflow Adam's float state
            {"--preset", "sgd", "--shape", "2", "--lr", "1e39", "--random-grads", "1"},
            {"--preset", "sgd", "--shape", "2", "--option", "lr=1e39", "--random-grads", "1"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 1];
            args[0] = "trace";
            System.arraycopy(c, 0, args, 1, c.length);
            Cli.Outcome r = Cli.run(args);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertEquals("", r.out(), String.join(" ", c));
            assertEquals(1, r.errLines().length, String.join(" ", c) + " -> " + r.err());
        }
        Cli.Outcome r = Cli.run("trace", "--preset", "muon", "--shape", "2x2", "--option", "betas=0.9,0.9",
                "--random-grads", "1");
        assertTrue(r.err().contains("'betas'"), r.err());
    }

    @Test
    void aParameterThatOverflowsIsExitThree() throws Exception {
        Path g = dir.resolve("G");
        Files.writeString(g, "3e38,1\n3e38,1\n");
        Cli.Outcome r = Cli.run("trace", "--preset", "sgd", "--shape", "2", "--lr", "10", "--grads", g.toString(),
                "--json");
        assertEquals(3, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().length, r.err());
    }

    @Test
    void optimizeTakesPresetOptions() {
        Cli.Outcome r = Cli.run("optimize", "--preset", "muon", "--problem", "least-squares", "--steps", "5",
                "--option", "adjust_lr_fn=original", "--option", "weight_decay=0.1", "--json");
        assertEquals(0, r.code(), r.err());
        Cli.Outcome bad = Cli.run("optimize", "--preset", "adamw", "--problem", "logreg", "--steps", "5",
                "--option", "nesterov=true");
        assertEquals(2, bad.code());
        assertEquals("", bad.out());
        assertTrue(bad.err().contains("'nesterov'"), bad.err());
        Cli.Outcome both = Cli.run("optimize", "--preset", "adamw", "--problem", "logreg", "--steps", "5",
                "--lr", "0.1", "--option", "lr=0.2");
        assertEquals(2, both.code());
        for (String preset : List.of("normuon", "adamuon")) {
            Cli.Outcome ok = Cli.run("optimize", "--preset", preset, "--problem", "least-squares", "--steps", "5");
            assertEquals(0, ok.code(), ok.err());
        }
    }
}
