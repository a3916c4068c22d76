package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: exit code 2, one line on stderr naming the problem, nothing on stdout, no stack trace. */
class DeriveErrorsTest {

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("unknown norm", "unknown norm 'foo'", "--norm", "foo", "--radius", "1", "--grad", "1,2"),
                bad("lp with P = 1", "1 < P", "--norm", "lp:1", "--radius", "1", "--grad", "1,2"),
                bad("lp with P < 1", "1 < P", "--norm", "lp:0.5", "--radius", "1", "--grad", "1,2"),
                bad("lp without P", "lp:P", "--norm", "lp", "--radius", "1", "--grad", "1,2"),
                bad("ragged rows", "ragged", "--norm", "linf", "--radius", "1", "--grad", "1,2;3"),
                bad("a non-number", "'x' is not a number", "--norm", "l2", "--radius", "1", "--grad", "1,x"),
                bad("a stray comma", "empty", "--norm", "l2", "--radius", "1", "--grad", "1,,2"),
                bad("a stray semicolon", "empty", "--norm", "l2", "--radius", "1", "--grad", "1,2;"),
                bad("an empty gradient", "empty", "--norm", "l2", "--radius", "1", "--grad", " "),
                bad("NaN entry", "finite", "--norm", "l2", "--radius", "1", "--grad", "1,NaN"),
                bad("infinite entry", "finite", "--norm", "l2", "--radius", "1", "--grad", "-Infinity,2"),
                bad("overflowing entry", "finite", "--norm", "l2", "--radius", "1", "--grad", "1e999,2"),
                bad("negative c", "c must be positive", "--norm", "l2", "--penalty", "-1", "--grad", "1,2"),
                bad("zero c", "c must be positive", "--norm", "l2", "--penalty", "alpha-0.5", "--alpha", "0.5", "--grad", "1,2"),
                bad("infinite c", "positive finite", "--norm", "l2", "--penalty", "1/alpha", "--alpha", "0", "--grad", "1,2"),
                bad("a malformed penalty", "penalty", "--norm", "l2", "--penalty", "1/(2*alpha", "--alpha", "1", "--grad", "1,2"),
                bad("an unknown name in the penalty", "beta", "--norm", "l2", "--penalty", "1/beta", "--grad", "1,2"),
                bad("alpha unused by the penalty", "does not use alpha", "--norm", "l2", "--penalty", "0.25", "--alpha", "3", "--grad", "1,2"),
                bad("a penalty of 10,000 terms", "at most", "--norm", "l2", "--penalty", "1+".repeat(9999) + "alpha", "--alpha", "1", "--grad", "1,2"),
                bad("a penalty nested 4,000 deep", "at most", "--norm", "l2", "--penalty", "(".repeat(4000) + "alpha" + ")".repeat(4000), "--alpha", "1", "--grad", "1,2"),
                bad("alpha missing", "--alpha", "--norm", "l2", "--penalty", "1/alpha", "--grad", "1,2"),
                bad("alpha not a number", "--alpha", "--norm", "l2", "--penalty", "1/alpha", "--alpha", "x", "--grad", "1,2"),
                bad("negative radius", "--radius", "--norm", "l2", "--radius", "-1", "--grad", "1,2"),
                bad("alpha NaN", "finite", "--norm", "l2", "--penalty", "1/alpha", "--alpha", "NaN", "--grad", "1,2"),
                bad("infinite radius", "finite", "--norm", "l2", "--radius", "Infinity", "--grad", "1,2"),
                bad("radius not a number", "--radius", "--norm", "l2", "--radius", "r", "--grad", "1,2"),
                bad("diag weights do not fit", "3 weights", "--norm", "diag:1,2,3", "--radius", "1", "--grad", "1,2"),
                bad("wlinf weights do not fit", "2 weights", "--norm", "wlinf:1,2", "--radius", "1", "--random", "2x2"),
                bad("a non-positive weight", "weight", "--norm", "diag:1,0", "--radius", "1", "--grad", "1,2"),
                bad("missing gradient file", "not found", "--norm", "l2", "--radius", "1", "--grad-file", "/no/such/file.txt"),
                bad("missing mahalanobis file", "not found", "--norm", "mahalanobis:/no/such/a.txt", "--radius", "1", "--grad", "1,2"),
                bad("missing norm", "--norm", "--radius", "1", "--grad", "1,2"),
                bad("missing form", "--penalty", "--norm", "l2", "--grad", "1,2"),
                bad("missing gradient", "--grad", "--norm", "l2", "--radius", "1"),
                bad("nothing at all", "--demo"),
                bad("penalty and radius", "mutually exclusive", "--norm", "l2", "--penalty", "1", "--radius", "1", "--grad", "1,2"),
                bad("radius and penalty", "mutually exclusive", "--radius", "1", "--norm", "l2", "--grad", "1,2", "--penalty=1"),
                bad("two gradient sources", "mutually exclusive", "--norm", "l2", "--radius", "1", "--grad", "1,2", "--random", "2"),
                bad("file and values", "mutually exclusive", "--grad-file", "g.txt", "--norm", "l2", "--radius", "1", "--grad", "1,2"),
                bad("the norm twice", "--norm", "--norm", "l2", "--norm", "l1", "--radius", "1", "--grad", "1,2"),
                bad("--demo with a problem", "--demo takes no other options", "--demo", "--norm", "l2"),
                bad("--alpha with --radius", "--alpha is used only with --penalty", "--norm", "l2", "--radius", "1", "--alpha", "2", "--grad", "1,2"),
                bad("--seed without --random", "--seed is used only with --random", "--norm", "l2", "--radius", "1", "--seed", "2", "--grad", "1,2"),
                bad("a malformed shape", "shape", "--norm", "l2", "--radius", "1", "--random", "3y"),
                bad("a zero dimension", "positive", "--norm", "l2", "--radius", "1", "--random", "0x3"),
                bad("a huge shape", "at most", "--norm", "l2", "--radius", "1", "--random", "100000x100000"),
                bad("an unknown option", "--bogus", "--norm", "l2", "--radius", "1", "--grad", "1,2", "--bogus"),
                bad("an orthogonalizer on a norm without one", "orthogonalizer", "--norm", "l2", "--radius", "1", "--grad", "1,2",
                        "--orthogonalizer", "svd"),
                bad("an unknown orthogonalizer", "orthogonalizer", "--norm", "l2", "--radius", "1", "--grad", "1,2",
                        "--orthogonalizer", "qr"));
    }

    private static Arguments bad(String what, String mustMention, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "derive";
        System.arraycopy(args, 0, full, 1, args.length);
        return Arguments.of(what, mustMention, full);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsOneLineOnStderrAndExitCodeTwo(String what, String mustMention, String[] args) {
        assertOneLineError(Cli.run(args), mustMention);
    }

    @Test
    void raggedAndNonNumericGradientFiles(@TempDir Path dir) throws Exception {
        Path ragged = dir.resolve("ragged.txt");
        Files.writeString(ragged, "1,2\n3\n");
        assertOneLineError(Cli.run("derive", "--norm", "l2", "--radius", "1", "--grad-file", ragged.toString()), "ragged");
        Path words = dir.resolve("words.txt");
        Files.writeString(words, "1 2\n3 four\n");
        assertOneLineError(Cli.run("derive", "--norm", "l2", "--radius", "1", "--grad-file", words.toString()),
                "line 2: entry 2 'four' is not a number");
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing\n\n");
        assertOneLineError(Cli.run("derive", "--norm", "l2", "--radius", "1", "--grad-file", empty.toString()), "no numbers");
        Path notSpd = dir.resolve("a.txt");
        Files.writeString(notSpd, "1 2\n2 1\n");
        assertOneLineError(Cli.run("derive", "--norm", "mahalanobis:" + notSpd, "--radius", "1", "--grad", "1,2"), "mahalanobis");
    }

    @Test
    void missingSubcommandIsAlsoExitCodeTwo() {
        Cli.Outcome o = Cli.run();
        assertEquals(2, o.code());
        assertEquals("", o.out());
        assertEquals(1, o.errLines().length, o.err());
    }

    static void assertOneLineError(Cli.Outcome o, String mustMention) {
        assertEquals(2, o.code(), () -> "exit code; stderr: " + o.err() + " stdout: " + o.out());
        assertEquals("", o.out(), "nothing on stdout");
        String[] lines = o.errLines();
        assertEquals(1, lines.length, () -> "exactly one line on stderr, got:\n" + o.err());
        String line = lines[0];
        assertTrue(line.startsWith("steepest derive: ") || line.startsWith("steepest: "), line);
        assertTrue(line.toLowerCase(Locale.ROOT).contains(mustMention.toLowerCase(Locale.ROOT)),
                () -> "message should mention '" + mustMention + "': " + line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), line);
    }

    /** As {@link #assertOneLineError} for {@code explore}. */
    static void assertOneLineExplore(Cli.Outcome o, String mustMention) {
        assertEquals(2, o.code(), () -> "exit code; stderr: " + o.err() + " stdout: " + o.out());
        assertEquals("", o.out(), "nothing on stdout");
        String[] lines = o.errLines();
        assertEquals(1, lines.length, () -> "exactly one line on stderr, got:\n" + o.err());
        assertTrue(lines[0].startsWith("steepest explore: "), lines[0]);
        assertTrue(lines[0].contains(mustMention), lines[0]);
    }
}
