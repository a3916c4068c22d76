package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
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
                {"compare", "--epochs", "abc"},
                {"compare", "--optimizers", "muon,adamw", "--option", "adjust_lr_fn=original"},
                {"compare", "--optimizers", "muon", "--option", "muon.betas=0.9,0.9"},
                {"compare", "--optimizers", "muon", "--option", "adamw.eps=1e-6"},
                {"compare", "--optimizers", "djl-sgd", "--option", "lr=0.1"},
                {"compare", "--optimizers", "muon", "--option", "weight_decay"}}) {
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
                {"compare", "--model", "gpt", "--sweep-epochs", "3", "--out", out},
                {"compare", "--model", "gpt", "--qk-clip", "0", "--out", out},
                {"compare", "--model", "gpt", "--qk-clip", "NaN", "--out", out},
                {"compare", "--qk-clip", "50", "--out", out},
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

    @Test
    void presetOptionsReachTheirOptimizers(@TempDir Path dir) {
        assertEquals(java.util.Map.of("muon", java.util.Map.of("weight_decay", "0.1", "adjust_lr_fn", "original"),
                        "adamw", java.util.Map.of("weight_decay", "0.1")),
                CompareCommand.perOptimizer(java.util.List.of("muon", "adamw"),
                        java.util.List.of("muon.adjust_lr_fn=original", "weight_decay=0.1")));
        Outcome o = run("compare", "--train-limit", "200", "--test-limit", "50", "--epochs", "1", "--batch", "50",
                "--optimizers", "normuon,adamuon,muon", "--option", "muon.adjust_lr_fn=original",
                "--option", "weight_decay=0.1", "--no-progress", "--out", dir.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("Options of muon: {weight_decay=0.1, adjust_lr_fn=original}"), o.out());
        assertTrue(o.out().contains("normuon") && o.out().contains("adamuon"), o.out());
        assertTrue(o.out().contains("Parameter groups of normuon, adamuon, muon:"), o.out());
        Outcome list = run("compare", "--list");
        assertTrue(list.out().lines().anyMatch("normuon"::equals) && list.out().lines().anyMatch("adamuon"::equals),
                list.out());
    }

    @Test
    void aCnnsConvKernelsGetTheMatrixStepAndTheTableSaysSo(@TempDir Path dir) {
        Outcome o = run("compare", "--model", "cnn", "--train-limit", "100", "--test-limit", "20", "--epochs", "1",
                "--batch", "50", "--optimizers", "muon", "--no-progress", "--out", dir.toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("Parameter groups of muon:")).findFirst()
                .orElseThrow(() -> new AssertionError(o.out())));
        // the two conv kernels [16, 1, 3, 3] and [32, 16, 3, 3] are stepped as 16x9 and 32x144 hidden matrices
        assertTrue(lines.stream().anyMatch(l -> l.contains("[16, 1, 3, 3]") && l.contains("16x9")
                && l.matches(".*hidden\\s+hidden\\s*")), o.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("[32, 16, 3, 3]") && l.contains("32x144")
                && l.matches(".*hidden\\s+hidden\\s*")), o.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("output/") && l.contains("rest")), o.out());
        assertTrue(header >= 0);
    }
}
