package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptimizeCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        List<String> lines() {
            return Arrays.asList(out.strip().split("\n"));
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd-momentum", "adamw", "muon", "scion"})
    void savingAndResumingPrintsExactlyTheLossesOfAStraightRun(String preset) {
        Result straight = run("optimize", "--preset", preset, "--problem", "logreg", "--steps", "20");
        assertEquals(0, straight.code(), straight.err());
        Path ck = dir.resolve(preset + ".ckpt");
        Result first = run("optimize", "--preset", preset, "--problem", "logreg", "--steps", "20",
                "--checkpoint", ck.toString(), "--checkpoint-at", "8");
        assertEquals(straight.out(), first.out(), "saving must not change the run");
        Result resumed = run("optimize", "--preset", preset, "--problem", "logreg", "--steps", "20",
                "--resume", ck.toString());
        assertEquals(0, resumed.code(), resumed.err());
        List<String> all = straight.lines();
        assertEquals(all.subList(8, all.size()), resumed.lines());
        assertTrue(resumed.lines().get(0).startsWith("step 9 loss "), resumed.lines().get(0));
    }

    @Test
    void jsonHoldsPresetProblemLossesAndFinal() {
        Result r = run("optimize", "--preset", "signsgd", "--problem", "quadratic", "--steps", "5", "--json");
        assertEquals(0, r.code(), r.err());
        String s = r.out().strip();
        assertTrue(s.startsWith("{\"preset\":\"signsgd\",\"problem\":\"quadratic\",\"losses\":["), s);
        assertTrue(s.contains("],\"final\":"), s);
        assertEquals(5, s.substring(s.indexOf('[') + 1, s.indexOf(']')).split(",").length);
    }

    @Test
    void lossFallsOnEveryProblem() {
        for (String problem : List.of("quadratic", "rosenbrock", "logreg", "least-squares")) {
            Result r = run("optimize", "--preset", "adamw", "--problem", problem, "--steps", "200");
            assertEquals(0, r.code(), r.err());
            double firstLoss = Double.parseDouble(r.lines().get(0).replaceAll(".* loss ", ""));
            double finalLoss = Double.parseDouble(r.lines().get(r.lines().size() - 1).replace("final loss ", ""));
            assertTrue(finalLoss < firstLoss, problem + ": " + firstLoss + " → " + finalLoss);
        }
    }

    private void assertBadInput(String expected, String... args) {
        Result r = run(args);
        assertEquals(2, r.code(), "exit code for " + String.join(" ", args));
        assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertTrue(!r.err().contains("Exception") || r.err().contains("steepest"), r.err());
    }

    @Test
    void badInputExitsTwoWithOneClearLine() throws IOException {
        assertBadInput("unknown preset 'adam'", "optimize", "--preset", "adam", "--problem", "quadratic");
        assertBadInput("unknown problem 'beale'", "optimize", "--preset", "sgd", "--problem", "beale");
        assertBadInput("--steps", "optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "x");
        assertBadInput("--lr must be positive", "optimize", "--preset", "sgd", "--problem", "quadratic", "--lr", "-1");
        assertBadInput("--checkpoint-at needs --checkpoint", "optimize", "--preset", "sgd", "--problem", "quadratic",
                "--checkpoint-at", "3");
        Path ck = dir.resolve("a.ckpt");
        assertEquals(0, run("optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "4", "--checkpoint",
                ck.toString()).code());
        assertBadInput("is for preset sgd, not adamw", "optimize", "--preset", "adamw", "--problem", "quadratic",
                "--resume", ck.toString());
        assertBadInput("is for problem quadratic, not rosenbrock", "optimize", "--preset", "sgd", "--problem",
                "rosenbrock", "--resume", ck.toString());
        assertBadInput("already at step 4", "optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "4",
                "--resume", ck.toString());
        byte[] bytes = Files.readAllBytes(ck);
        bytes[bytes.length / 2] ^= 1;
        Files.write(ck, bytes);
        assertBadInput("checksum mismatch", "optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "8",
                "--resume", ck.toString());
        assertBadInput("file not found", "optimize", "--preset", "sgd", "--problem", "quadratic", "--resume",
                dir.resolve("none.ckpt").toString());
    }

    @Test
    void divergenceIsReportedInOneLine() {
        Result r = run("optimize", "--preset", "sgd", "--problem", "quadratic", "--lr", "1", "--steps", "500");
        assertEquals(3, r.code());
        assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
        assertTrue(r.err().contains("diverged at step"), r.err());
    }
}
