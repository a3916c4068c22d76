package dev.steepest.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steepest.data.TextCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny gpt comparison on a slice of the shipped text: validation loss per evaluation and at the end, seeds, verdict. */
class TextComparisonTest {
    @Test
    void shippedTextLoadsAndSplits() {
        TextCorpus c = TextCorpus.shipped();
        assertEquals(999_808, c.train().length + c.validation().length);
        assertEquals(Math.round(999_808 * TextCorpus.VALIDATION_SHARE), c.validation().length);
        assertTrue(c.decode(java.util.Arrays.copyOf(c.train(), 20)).startsWith("In the beginning God"));
        assertTrue(c.vocabularySize() > 50 && c.vocabularySize() < 70, "vocabulary " + c.vocabularySize());
    }

    @Test
    void tinyGptComparisonWritesValidationLoss(@TempDir Path dir) throws Exception {
        TextCorpus text = TextCorpus.shipped().head(20_000, 2_000);
        Gpt.Config config = new Gpt.Config(text.vocabularySize(), 16, 16, 1, 2);
        TextTraining.Setup setup = new TextTraining.Setup(config, 6, 4, 3, 8, 1, 2);
        List<RunResult> runs = Comparison.run(text, new Comparison.TextOptions(setup, List.of("muon", "adamw"), true, 2,
                false, 2));
        assertEquals(4, runs.size());
        for (RunResult r : runs) {
            assertTrue(Double.isFinite(r.valLoss()) && r.valLoss() > 0, r.name() + " " + r.valLoss());
            assertEquals(2, r.epochs().size(), "evaluations after steps 3 and 6");
            assertEquals(r.valLoss(), r.epochs().get(1).valLoss(), 0.0);
            assertEquals("muon".equals(r.name()) ? 3 : 4, r.sweep().size(), "every rate of the grid was tried");
            // an untrained model is near ln(vocabulary); 6 steps must not make it worse by much
            assertTrue(r.valLoss() < Math.log(config.vocabulary()) + 0.5, r.name() + " " + r.valLoss());
        }
        Report.Settings settings = new Report.Settings(text.name(), text.train().length, text.validation().length, "gpt",
                6, 4, 1, true, 2, null, "tiny");
        Report.write(dir, settings, runs);
        JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("valLoss", root.get("metric").get("key").asText());
        assertEquals("muon", root.get("baseline").asText(), "the first optimizer by default");
        assertEquals(2, root.get("summary").get(0).get("values").size());
        assertEquals(1, root.get("verdict").size());
        assertTrue(root.get("environment").has("blas"));
        for (JsonNode r : root.get("results")) {
            assertTrue(r.get("valLoss").isNumber());
            for (JsonNode e : r.get("epochs")) {
                assertTrue(e.get("valLoss").isNumber());
            }
        }
        String page = Files.readString(dir.resolve("report.html"));
        assertTrue(page.contains("bits per char"));
        assertTrue(page.contains("lowest held-out loss of"), "the sweep says how the rate was chosen");
    }
}
