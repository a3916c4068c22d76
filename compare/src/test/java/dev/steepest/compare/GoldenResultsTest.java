package dev.steepest.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code results.json} schema, pinned by a committed file ({@code src/test/resources/golden/results.json}):
 * this build's writer must produce the same field names, types and nesting, and the golden file must still give
 * a reader the fields scripts use.
 *
 * <p>Regenerate deliberately, after an intended schema change (and say so to the file's users), with
 * {@value #REGENERATE}.
 */
class GoldenResultsTest {

    static final String REGENERATE = "mvn -B -pl compare -am test -Dtest=GoldenResultsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dsteepest.golden.write=true";
    static final Path GOLDEN = Path.of("src/test/resources/golden/results.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A small made-up comparison: two optimizers, two epochs, a sweep on one of them. */
    static List<RunResult> runs() {
        List<RunResult> runs = new ArrayList<>();
        for (String name : List.of("muon", "adamw")) {
            List<RunResult.StepPoint> steps = new ArrayList<>();
            for (int s = 1; s <= 4; s++) {
                steps.add(new RunResult.StepPoint(s, 0.25 * s, 2.0 / s));
            }
            List<RunResult.EpochPoint> epochs = List.of(new RunResult.EpochPoint(1, 2, 0.5, 1.5, 1.25, 0.625, 1.375, 0.5),
                    new RunResult.EpochPoint(2, 4, 1.0, 0.75, 0.875, 0.75, 1.0, 0.625));
            List<RunResult.SweepPoint> sweep = name.equals("muon")
                    ? List.of(new RunResult.SweepPoint(0.01, 0.5, 1.25, false), new RunResult.SweepPoint(0.1, 0.125, 2.5, true))
                    : List.of();
            runs.add(new RunResult(name, 0.01, sweep, 0.75, 0.75, 0.75, 1.0, 0.25, epochs, steps,
                    List.of(new RunResult.LocalLinearPoint(2, -0.5, -0.375)), false, 1, 0.875, 1.0, 0.625));
        }
        return runs;
    }

    static final Report.Settings SETTINGS = new Report.Settings("fashion-mnist", 8, 4, "mlp-784-256-10", 2, 4, 1, true);

    /** The file this build writes for {@link #runs()}, with the machine-dependent environment values replaced. */
    static JsonNode written(Path dir) throws IOException {
        Path file = dir.resolve("results.json");
        Report.writeJson(file, SETTINGS, runs());
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode env = (ObjectNode) root.get("environment");
        for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                e.setValue(env.textNode("(the machine's " + e.getKey() + ")"));
            } else if (e.getValue().isBoolean()) {
                e.setValue(env.booleanNode(true));
            }
        }
        return root;
    }

    /** Field names, value types and nesting of a JSON tree; an array by the union of its elements' schemas. */
    static Object schema(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new TreeMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), schema(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> kinds = new ArrayList<>();
            for (JsonNode e : n) {
                Object s = schema(e);
                if (!kinds.contains(s)) {
                    kinds.add(s);
                }
            }
            return kinds;
        }
        if (n.isNumber()) {
            return "number";
        }
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void theWriterKeepsTheGoldenSchema() throws IOException {
        JsonNode now = written(dir);
        if (Boolean.getBoolean("steepest.golden.write")) {
            Files.createDirectories(GOLDEN.getParent());
            JSON.writer(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()).writeValue(GOLDEN.toFile(), now);
            System.out.println("wrote " + GOLDEN.toAbsolutePath());
            return;
        }
        assertTrue(Files.isRegularFile(GOLDEN), GOLDEN.toAbsolutePath() + " is missing; regenerate with " + REGENERATE);
        JsonNode golden = JSON.readTree(GOLDEN.toFile());
        assertEquals(schema(golden), schema(now), "results.json's field names, types or nesting changed against "
                + GOLDEN + "; scripts that read it may break. If the change is intended, regenerate with "
                + REGENERATE);
        assertEquals(golden, now, "same schema, other values for the same input: if intended, regenerate with "
                + REGENERATE);
    }

    @Test
    void aReaderFindsTheFieldsUsersRelyOn() throws IOException {
        if (Boolean.getBoolean("steepest.golden.write")) {
            return;
        }
        JsonNode root = JSON.readTree(GOLDEN.toFile());
        JsonNode settings = root.path("settings");
        assertEquals("fashion-mnist", settings.path("dataset").asText());
        assertEquals(2, settings.path("epochs").asInt());
        assertTrue(settings.path("lrSweep").isBoolean());
        assertTrue(root.path("environment").path("blas").isTextual());
        assertTrue(root.path("environment").path("blasNative").isBoolean());

        JsonNode results = root.path("results");
        assertEquals(2, results.size());
        JsonNode muon = results.get(0);
        assertEquals("muon", muon.path("name").asText());
        for (String field : List.of("learningRate", "testAccuracy", "bestTestAccuracy", "trainLoss", "seconds",
                "optimizerSeconds")) {
            assertTrue(muon.path(field).isNumber(), field + " in " + muon);
        }
        assertFalse(muon.path("diverged").asBoolean(true));
        assertEquals(0.75, muon.path("epochs").get(1).path("testAccuracy").asDouble());
        assertEquals(4, muon.path("steps").get(3).path("step").asInt());
        assertEquals(0.1, muon.path("sweep").get(1).path("learningRate").asDouble());
        assertTrue(muon.path("sweep").get(1).path("diverged").asBoolean());
        assertEquals(-0.375, muon.path("localLinear").get(0).path("observed").asDouble());

        // and the records read it back whole, as a Java user of the module would
        RunResult[] typed = JSON.treeToValue(results, RunResult[].class);
        assertEquals("adamw", typed[1].name());
        assertEquals(2, typed[1].epochs().size());
        assertEquals(0.875, typed[1].epochs().get(1).testLoss());
    }
}
