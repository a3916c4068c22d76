package dev.steepest.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steepest.data.Datasets;
import dev.steepest.data.ImageDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A comparison on a tiny slice of the shipped data writes every file with the documented keys. */
@Tag("slow")
class ComparisonReportTest {

    @Test
    void tinyComparisonWritesReportJsonAndCsv(@TempDir Path dir) throws Exception {
        ImageDataset data = Datasets.shipped().head(400, 100);
        List<String> names = List.of("sgd", "adamw");
        Comparison.Options options = new Comparison.Options(new Training.Setup("mlp", 2, 50, 3, 2), names, false, 1, false);
        List<RunResult> runs = Comparison.run(data, options);
        assertEquals(2, runs.size());
        Path html = Report.write(dir, new Report.Settings("default", 400, 100, "mlp", 2, 50, 3, false), runs);

        String page = Files.readString(html);
        assertTrue(page.contains("data:image/png;base64,"), "charts are embedded");
        assertFalse(page.contains("src=\"http"), "nothing is loaded from the network");
        assertFalse(page.contains("<script"), "no scripts");
        for (String name : names) {
            assertTrue(page.contains(name));
            assertTrue(Files.size(dir.resolve("local_linear_" + name + ".png")) > 1000);
        }
        assertTrue(Files.exists(dir.resolve("loss_vs_time.png")));
        assertTrue(Files.exists(dir.resolve("norm_rosenbrock_linf.png")));

        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("results");
        assertEquals(2, results.size());
        for (JsonNode r : results) {
            for (String key : List.of("name", "testAccuracy", "bestTestAccuracy", "trainLoss", "seconds",
                    "optimizerSeconds", "epochs", "steps", "localLinear")) {
                assertTrue(r.has(key), "results.json entry has " + key);
            }
            assertEquals(2, r.get("epochs").size());
            JsonNode chosen = r.get("epochs").get(0);
            for (JsonNode e : r.get("epochs")) {
                if (e.get("valAccuracy").asDouble() > chosen.get("valAccuracy").asDouble()) {
                    chosen = e;
                }
            }
            assertEquals(chosen.get("testAccuracy").asDouble(), r.get("bestTestAccuracy").asDouble(), 0.0,
                    "the best epoch is chosen on the held-out split, not the test set");
            assertTrue(r.get("optimizerSeconds").asDouble() <= r.get("seconds").asDouble());
            assertTrue(r.get("localLinear").size() > 0, "local-linear checks were sampled");
            // 400 examples, 10 classes: learning happened if test accuracy beats chance clearly
            assertTrue(r.get("bestTestAccuracy").asDouble() > 0.3, r.get("name") + " learns");
        }
        List<String> csv = Files.readAllLines(dir.resolve("curves.csv"));
        assertEquals("optimizer,seed,learning_rate,epoch,step,seconds,train_loss,test_loss,test_accuracy,val_loss,"
                + "val_accuracy", csv.get(0));
        assertEquals(1 + 2 * 2, csv.size());
        assertEquals(1 + 2 * 2 * 8, Files.readAllLines(dir.resolve("steps.csv")).size());
    }

    @Test
    void sameInitialWeightsAndOrderGiveTheSameRun() {
        ImageDataset data = Datasets.shipped().head(200, 50);
        Comparison.Options options = new Comparison.Options(new Training.Setup("mlp", 1, 50, 5, 0), List.of("sgd", "sgd"),
                false, 1, false);
        List<RunResult> runs = Comparison.run(data, options);
        assertEquals(runs.get(0).trainLoss(), runs.get(1).trainLoss(), 1e-6);
        assertEquals(runs.get(0).testAccuracy(), runs.get(1).testAccuracy(), 1e-12);
    }

    @Test
    void sweepTriesTheWholeGridOnAHeldOutSplitAndTrainsWithTheBest() {
        ImageDataset data = Datasets.shipped().head(300, 50);
        Comparison.Options options = new Comparison.Options(new Training.Setup("mlp", 1, 50, 2, 0), List.of("sgd"),
                true, 1, false);
        RunResult r = Comparison.run(data, options).get(0);
        List<Float> grid = OptimizerCatalog.get("sgd").sweep();
        assertEquals(grid.size(), r.sweep().size());
        double best = r.sweep().stream().filter(p -> !p.diverged())
                .mapToDouble(RunResult.SweepPoint::validationAccuracy).max().orElseThrow();
        RunResult.SweepPoint chosen = r.sweep().stream().filter(p -> p.learningRate() == r.learningRate())
                .findFirst().orElseThrow();
        assertEquals(best, chosen.validationAccuracy(), 0.0);
    }

    @Test
    void seedsGiveMeanSdAndAVerdict(@TempDir Path dir) throws Exception {
        ImageDataset data = Datasets.shipped().head(300, 100);
        Comparison.Options options = new Comparison.Options(new Training.Setup("mlp", 1, 50, 4, 0),
                List.of("sgd", "adamw"), false, 1, false, 3);
        List<RunResult> runs = Comparison.run(data, options);
        assertEquals(List.of("sgd", "sgd", "sgd", "adamw", "adamw", "adamw"), runs.stream().map(RunResult::name).toList());
        assertEquals(List.of(4L, 5L, 6L), runs.subList(0, 3).stream().map(RunResult::seed).toList());
        assertTrue(runs.get(0).testAccuracy() != runs.get(1).testAccuracy()
                || runs.get(0).trainLoss() != runs.get(1).trainLoss(), "another seed is another run");
        Report.Settings settings = new Report.Settings("default", 300, 100, "mlp", 1, 50, 4, false, 3, "adamw", "");
        Report.write(dir, settings, runs);
        JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("[4,5,6]", root.get("seeds").toString());
        assertEquals("adamw", root.get("baseline").asText());
        JsonNode sgd = root.get("summary").get(0);
        assertEquals("sgd", sgd.get("optimizer").asText());
        assertEquals(3, sgd.get("values").size());
        List<Double> v = List.of(sgd.get("values").get(0).asDouble(), sgd.get("values").get(1).asDouble(),
                sgd.get("values").get(2).asDouble());
        assertEquals(runs.get(0).bestTestAccuracy(), v.get(0), 0.0);
        assertEquals(Verdict.mean(v), sgd.get("mean").asDouble(), 1e-12);
        assertEquals(Verdict.sd(v), sgd.get("sd").asDouble(), 1e-12);
        JsonNode verdict = root.get("verdict");
        assertEquals(1, verdict.size());
        assertEquals("sgd", verdict.get(0).get("optimizer").asText());
        assertEquals("adamw", verdict.get(0).get("baseline").asText());
        for (String key : List.of("difference", "t", "df", "p", "distinguishable", "statement")) {
            assertTrue(verdict.get(0).has(key), key);
        }
        assertEquals(3 * 2, root.get("results").size());
        String page = Files.readString(dir.resolve("report.html"));
        assertTrue(page.indexOf("id=\"verdict\"") < page.indexOf("<h2>Optimizers</h2>"), "the verdict comes first");
        assertTrue(page.contains("Welch"));
        assertTrue(page.contains("±"));
        assertTrue(page.contains("weight decay") && page.contains("how chosen"));
        String table = Report.table(settings, runs);
        assertTrue(table.contains("Verdict") && table.contains("sgd vs adamw") || table.contains("sgd is "), table);
    }

    @Test
    void spectralStepFlattensTheUpdatesSingularValuesAndGradientDescentDoesNot() {
        ImageDataset data = Datasets.shipped().head(300, 50);
        List<RunResult> runs = Comparison.run(data, new Comparison.Options(new Training.Setup("mlp", 1, 50, 2, 2),
                List.of("sgd", "muon"), false, 1, false));
        RunResult.Spectrum sgd = runs.get(0).spectrum();
        RunResult.Spectrum muon = runs.get(1).spectrum();
        assertEquals("02Linear_weight", sgd.parameter(), "the hidden layer (01 is the flatten block)");
        assertEquals(2, sgd.step(), "the first sampled step");
        assertEquals(256, sgd.update().length, "min(256, 784) singular values");
        for (int k = 0; k < 10; k++) {
            assertEquals(sgd.gradient()[k] / sgd.gradient()[0], sgd.update()[k] / sgd.update()[0], 1e-3,
                    "sgd's update is a multiple of the gradient: σ" + k);
        }
        double gradientRatio = muon.gradient()[9] / muon.gradient()[0];
        double updateRatio = muon.update()[9] / muon.update()[0];
        assertTrue(updateRatio > 0.5, "muon's update has nearly equal singular values: σ10/σ1 = " + updateRatio);
        assertTrue(updateRatio > 2 * gradientRatio, updateRatio + " against the gradient's " + gradientRatio);
    }

    @Test
    void sweepPicksTheBestValidationAccuracy() {
        List<RunResult.SweepPoint> pts = List.of(new RunResult.SweepPoint(0.1, 0.5, 1.2, false),
                new RunResult.SweepPoint(0.3, 0.7, 1.5, false), new RunResult.SweepPoint(1.0, 0, Double.NaN, true));
        assertEquals(0.3f, Comparison.best(pts, 0.1f), 1e-7);
        assertEquals(0.1f, Comparison.bestByLoss(pts, 1.0f), 1e-7, "by loss the lowest held-out loss wins");
    }

    @Test
    void normTrajectoriesDescend() {
        for (Teaching.Problem p : List.of(Teaching.quadratic(), Teaching.rosenbrock())) {
            double start = p.value(p.start()[0], p.start()[1]);
            for (String norm : Teaching.NORMS) {
                Teaching.Trajectory t = Teaching.run(p, norm, 60);
                assertTrue(t.finalValue() < start, norm + " on " + p.name() + " descends");
                for (int k = 1; k < t.xs().length; k++) {
                    assertTrue(p.value(t.xs()[k], t.ys()[k]) <= p.value(t.xs()[k - 1], t.ys()[k - 1]),
                            norm + " step " + k + " on " + p.name() + " does not increase f");
                }
            }
        }
    }

    @Test
    void badOptionsAreNamed() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Comparison.Options(new Training.Setup("mlp", 1, 10, 1, 0), List.of("nope"), false, 1, false));
        assertTrue(e.getMessage().contains("unknown optimizer 'nope'"));
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Training.Setup("resnet", 1, 10, 1, 0));
        assertTrue(e.getMessage().contains("unknown model 'resnet'"));
    }
}
