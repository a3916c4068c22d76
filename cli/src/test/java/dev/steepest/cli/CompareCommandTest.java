package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        for (String[] args : new String[][] {
                {"compare", "--optimizers", "sgd,nope"},
                {"compare", "--dataset", "/no/such/dir"},
                {"compare", "--epochs", "0"},
                {"compare", "--model", "resnet"},
                {"compare", "--epochs", "abc"}}) {
            Outcome o = run(args);
            assertEquals(2, o.code(), String.join(" ", args));
            assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
            assertFalse(o.err().contains("Exception"), o.err());
        }
        assertTrue(run("compare", "--optimizers", "nope").err().contains("unknown optimizer 'nope'"));
    }

    @Test
    void badSeedsBaselineAndGptOptionsExitTwoBeforeAnyWork(@TempDir Path dir) {
        String out = dir.resolve("r").toString();
        for (String[] args : new String[][] {
                {"compare", "--seeds", "0", "--out", out},
                {"compare", "--seeds", "101", "--out", out},
                {"compare", "--seeds", "x", "--out", out},
                {"compare", "--optimizers", "sgd,adamw", "--baseline", "muon", "--out", out},
                {"compare", "--model", "gpt", "--epochs", "2", "--out", out},
                {"compare", "--model", "gpt", "--dataset", "fashion-mnist", "--out", out},
                {"compare", "--model", "gpt", "--steps", "0", "--out", out},
                {"compare", "--model", "gpt", "--width", "30", "--heads", "4", "--out", out},
                {"compare", "--model", "gpt", "--layers", "65", "--out", out},
                {"compare", "--model", "gpt", "--optimizers", "muon,nope", "--out", out},
                {"compare", "--model", "mlp", "--steps", "10", "--out", out},
                {"compare", "--width", "64", "--out", out},
                {"compare", "--schedule", "step", "--out", out},
                {"compare", "--schedule", "cosine", "--optimizers", "sgd,djl-adamw", "--out", out}}) {
            Outcome o = run(args);
            assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
            assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
            assertTrue(o.err().startsWith("steepest compare:") || o.err().contains("Invalid value"), o.err());
            assertEquals("", o.out(), "nothing on stdout for " + String.join(" ", args));
            assertFalse(Files.exists(dir.resolve("r")), "nothing written");
        }
        assertTrue(run("compare", "--model", "gpt", "--width", "30", "--heads", "4").err().contains("must divide"));
    }

    @Test
    void tinyGptRunWithSeedsWritesTheVerdict(@TempDir Path dir) throws Exception {
        Outcome o = run("compare", "--model", "gpt", "--optimizers", "adamw,muon", "--baseline", "adamw", "--seeds", "2",
                "--steps", "4", "--eval-every", "2", "--layers", "1", "--width", "16", "--heads", "2", "--context", "16",
                "--batch", "4", "--no-progress", "--out", dir.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("val loss (nats)"), o.out());
        assertTrue(o.out().contains("baseline adamw"), o.out());
        String json = Files.readString(dir.resolve("results.json"));
        assertTrue(json.contains("\"verdict\"") && json.contains("\"seeds\" : [ 1, 2 ]"), json.substring(0, 400));
    }

    @Test
    void tinyRunWritesTheReport(@TempDir Path dir) {
        Outcome o = run("compare", "--train-limit", "200", "--test-limit", "50", "--epochs", "1", "--batch", "50",
                "--optimizers", "sgd", "--no-progress", "--out", dir.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("test acc"), o.out());
        assertTrue(Files.exists(dir.resolve("report.html")));
        assertTrue(Files.exists(dir.resolve("results.json")));
        assertTrue(Files.exists(dir.resolve("curves.csv")));
    }
}
