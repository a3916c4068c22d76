package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
                {"compare", "--epochs", "abc"}}) {
            Outcome o = run(args);
            assertEquals(2, o.code(), String.join(" ", args));
            assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
            assertFalse(o.err().contains("Exception"), o.err());
        }
        assertTrue(run("compare", "--optimizers", "nope").err().contains("unknown optimizer 'nope'"));
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
