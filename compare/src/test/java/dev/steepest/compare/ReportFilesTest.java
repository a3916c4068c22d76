package dev.steepest.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report folder gets exactly its listed files, replaces only regular files, and is checked before writing. */
class ReportFilesTest {
    @TempDir
    Path dir;

    private static final byte[] OLD = "previous".getBytes(StandardCharsets.UTF_8);
    private static final Report.Settings SETTINGS = new Report.Settings("synthetic", 8, 4, "mlp", 2, 4, 1, false);

    /** A made-up run: two epochs of four steps, a few local-linear points. */
    private static RunResult run(String name) {
        List<RunResult.StepPoint> steps = new ArrayList<>();
        for (int s = 1; s <= 8; s++) {
            steps.add(new RunResult.StepPoint(s, 0.1 * s, 2.0 / s));
        }
        List<RunResult.EpochPoint> epochs = List.of(new RunResult.EpochPoint(1, 4, 0.4, 1.0, 1.1, 0.5, 1.2, 0.45),
                new RunResult.EpochPoint(2, 8, 0.8, 0.5, 0.6, 0.75, 0.7, 0.7));
        List<RunResult.LocalLinearPoint> checks = List.of(new RunResult.LocalLinearPoint(2, -0.1, -0.09),
                new RunResult.LocalLinearPoint(4, -0.05, -0.04));
        return new RunResult(name, 0.1, List.of(), 0.75, 0.75, 0.5, 0.8, 0.2, epochs, steps, checks, false, 1, 0.6, 0.7,
                0.7);
    }

    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Tag("slow") // renders every plot of a report
    void aNewFolderGetsExactlyTheListedFiles() throws IOException {
        Path out = dir.resolve("a/report");
        Path html = Report.write(out, SETTINGS, List.of(run("sgd"), run("adamw")));
        assertEquals(out.resolve("report.html"), html);
        List<String> expected = new ArrayList<>(Report.fileNames(List.of("sgd", "adamw")));
        expected.sort(null);
        assertEquals(expected, listing(out));
        assertEquals(List.of("report"), listing(dir.resolve("a")), "no staging folder is left");
        assertTrue(Files.readString(html).contains("local_linear_adamw.png"));
    }

    @Test
    @Tag("slow") // renders every plot of a report
    void anExistingFolderKeepsOtherFilesAndGetsNewReportFiles() throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        Files.write(out.resolve("results.json"), OLD);
        Files.write(out.resolve("notes.txt"), OLD);
        Report.write(out, SETTINGS, List.of(run("sgd")));
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"synthetic\""));
        assertArrayEquals(OLD, Files.readAllBytes(out.resolve("notes.txt")));
        assertTrue(listing(out).stream().noneMatch(n -> n.startsWith(".")), "no staging folder is left: " + listing(out));
    }

    @Test
    void aLinkOrFolderAmongTheReportFilesIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        Path elsewhere = Files.write(dir.resolve("elsewhere"), OLD);
        Files.createSymbolicLink(out.resolve("report.html"), elsewhere);
        List<String> before = listing(out);
        assertThrows(IllegalArgumentException.class, () -> Report.check(out, List.of("sgd")));
        assertThrows(IllegalArgumentException.class, () -> Report.write(out, SETTINGS, List.of(run("sgd"))));
        assertEquals(before, listing(out));
        assertArrayEquals(OLD, Files.readAllBytes(elsewhere));
        Files.delete(out.resolve("report.html"));
        Files.createDirectory(out.resolve("curves.csv"));
        assertThrows(IllegalArgumentException.class, () -> Report.write(out, SETTINGS, List.of(run("sgd"))));
        assertEquals(List.of("curves.csv"), listing(out));
    }

    @Test
    void localLinearSummaryIsTheMedianRatioAndPanelsShareTheirAxes() throws IOException {
        RunResult r = run("sgd");
        assertEquals(0.85, Plots.medianRatio(r), 1e-12, "ratios 0.9 and 0.8");
        double[] range = Plots.localLinearRange(List.of(r));
        assertTrue(range[0] < -0.1 && range[1] > 0, java.util.Arrays.toString(range));
        Path out = dir.resolve("ll");
        Report.write(out, SETTINGS, List.of(r));
        assertTrue(Files.readString(out.resolve("report.html")).contains("<td>0.85</td>"));
    }

    @Test
    void normPanelsAreDrawnAtEqualScale() {
        for (Teaching.Problem p : List.of(Teaching.quadratic(), Teaching.rosenbrock())) {
            for (String norm : Teaching.NORMS) {
                org.knowm.xchart.XYChart c = Plots.trajectory(p, Teaching.run(p, norm, 5), 0);
                double[] wh = Plots.plotSize(c);
                double sx = (c.getStyler().getXAxisMax() - c.getStyler().getXAxisMin()) / wh[0];
                double sy = (c.getStyler().getYAxisMax() - c.getStyler().getYAxisMin()) / wh[1];
                assertEquals(1.0, sx / sy, 0.02, norm + " on " + p.name() + ": units per pixel in x and y");
            }
        }
    }

    @Test
    void penalizedSettlesWhereConstrainedKeepsJumping() {
        Teaching.Problem q = Teaching.quadratic();
        Teaching.Trajectory[] t = Teaching.penalizedVersusConstrained(q, "linf", 60);
        double fStar = q.value(q.minimum()[0], q.minimum()[1]);
        assertEquals(t[0].firstRadius() / Math.E, t[1].firstRadius(), 1e-12, "η = r₁/e");
        double start = q.value(q.start()[0], q.start()[1]) - fStar;
        double penalized = t[0].finalValue() - fStar;
        double constrained = t[1].finalValue() - fStar;
        assertTrue(penalized < 1e-3 * start, "penalized converges: " + penalized + " of " + start);
        assertTrue(constrained > 10 * penalized, "constrained stalls at its radius: " + constrained + " vs " + penalized);
    }

    @Test
    void twoRunsWithOneNameAreRefused() {
        Path out = dir.resolve("report");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Report.write(out, SETTINGS, List.of(run("sgd"), run("sgd"))));
        assertTrue(e.getMessage().contains("once"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aDivergedRunIsStrictJsonWithNullsWhereNoNumberExists(@TempDir Path dir) throws IOException {
        RunResult ok = run("sgd");
        RunResult diverged = new RunResult("sign-dual", 1.0, List.of(), 0, 0, Double.NaN, 0.1, 0.05,
                List.of(new RunResult.EpochPoint(1, 4, 0.1, Double.POSITIVE_INFINITY, Double.NaN, 0, Double.NaN, 0)),
                List.of(), List.of(), true, 1, Double.NaN, Double.NaN, 0);
        Path file = dir.resolve("results.json");
        Report.writeJson(file, SETTINGS, List.of(ok, diverged));
        String text = Files.readString(file);
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        com.fasterxml.jackson.databind.JsonNode bad = root.get("results").get(1);
        assertTrue(bad.get("diverged").asBoolean());
        assertTrue(bad.get("trainLoss").isNull(), text);
        assertTrue(bad.get("epochs").get(0).get("trainLoss").isNull(), text);
        assertEquals(0.5, root.get("results").get(0).get("trainLoss").asDouble());
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
    }
}
