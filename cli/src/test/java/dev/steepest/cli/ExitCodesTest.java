package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit-code contract of every command: bad input exits 2 with one line on stderr, nothing on
 * stdout and nothing written; a run that fails on valid input exits 3 with one line saying what
 * and what to try. Special files and links are made inside a temporary folder.
 */
class ExitCodesTest {
    @TempDir
    Path dir;

    private Path file;
    private Path link;
    private Path fifo;
    private Path big;

    private static final byte[] OLD = "previous contents".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void specialFiles() throws Exception {
        file = Files.write(dir.resolve("file"), OLD);
        link = Files.createSymbolicLink(dir.resolve("link"), file);
        fifo = dir.resolve("fifo");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(p.waitFor() == 0, "mkfifo failed");
        big = dir.resolve("big.txt");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(GradientInput.MAX_FILE_BYTES + 1); // sparse: no data written
        }
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private List<String[]> badInputs() {
        String f = file.toString();
        String l = link.toString();
        String q = fifo.toString();
        String missing = dir.resolve("no/such/folder/x").toString();
        List<String[]> cases = new ArrayList<>();
        // derive
        cases.add(new String[] {"derive"});
        cases.add(new String[] {"derive", "--norm", "nope", "--radius", "1", "--grad", "1"});
        cases.add(new String[] {"derive", "--norm", "l2", "--radius", "-1", "--grad", "1"});
        cases.add(new String[] {"derive", "--norm", "l2", "--radius", "1", "--grad", "1,nan"});
        cases.add(new String[] {"derive", "--norm", "l2", "--penalty", "1e-300", "--grad", "1e10", "--json"});
        cases.add(new String[] {"derive", "--norm", "l2", "--penalty", "1", "--grad", "1e155,1e155"});
        cases.add(new String[] {"derive", "--norm", "l2", "--penalty", "1", "--grad", "1e155,1e155", "--json"});
        cases.add(new String[] {"derive", "--norm", "linf", "--radius", "1", "--grad", "1e308,1e308", "--json"});
        cases.add(new String[] {"derive", "--norm", "wlinf:1e-310", "--radius", "1", "--grad", "1"});
        cases.add(new String[] {"derive", "--norm", "linf", "--penalty", "0.5", "--alpha", "2", "--grad", "1"});
        cases.add(new String[] {"derive", "--norm", "linf", "--penalty", "1+".repeat(10_000) + "1", "--grad", "1"});
        cases.add(new String[] {"derive", "--norm", "linf", "--penalty", "(".repeat(4000) + "1" + ")".repeat(4000),
            "--grad", "1"});
        cases.add(new String[] {"derive", "--norm", "linf", "--penalty", "-".repeat(400) + "1", "--grad", "1"});
        cases.add(new String[] {"derive", "--norm", "linf", "--penalty", "(".repeat(150) + "1" + ")".repeat(150),
            "--grad", "1"});
        cases.add(new String[] {"derive", "--norm", "linf", "--radius", "1", "--grad-file", q});
        cases.add(new String[] {"derive", "--norm", "linf", "--radius", "1", "--grad-file", "/dev/zero"});
        cases.add(new String[] {"derive", "--norm", "linf", "--radius", "1", "--grad-file", big.toString()});
        cases.add(new String[] {"derive", "--norm", "linf", "--radius", "1", "--grad-file", dir.toString()});
        cases.add(new String[] {"derive", "--norm", "mahalanobis:" + q, "--radius", "1", "--grad", "1"});
        cases.add(new String[] {"derive", "--norm", "spectral", "--radius", "1", "--random", "300x300"});
        cases.add(new String[] {"derive", "--norm", "rms", "--radius", "1", "--random", "64x2000"});
        cases.add(new String[] {"derive", "--norm", "nuclear", "--radius", "1", "--random", "1000x1000"});
        // optimize
        cases.add(new String[] {"optimize", "--preset", "nope", "--problem", "quadratic"});
        cases.add(new String[] {"optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "0"});
        cases.add(new String[] {"optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "99999999999"});
        cases.add(new String[] {"optimize", "--preset", "sgd", "--problem", "quadratic", "--lr", "Infinity"});
        cases.add(new String[] {"optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "5", "--checkpoint", q});
        cases.add(new String[] {"optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "5", "--checkpoint", l});
        cases.add(new String[] {"optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "5", "--checkpoint",
            missing});
        cases.add(new String[] {"optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "5", "--checkpoint",
            dir.toString()});
        cases.add(new String[] {"optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "5", "--resume", q});
        cases.add(new String[] {"optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "5", "--resume", f});
        // compare (every check comes before training)
        String[] small = {"--train-limit", "100", "--test-limit", "10", "--batch", "10", "--epochs", "1",
            "--optimizers", "sgd", "--no-progress"};
        cases.add(concat(new String[] {"compare", "--out", f}, small));
        cases.add(concat(new String[] {"compare", "--out", l}, small));
        cases.add(concat(new String[] {"compare", "--out", f + "/sub"}, small));
        cases.add(new String[] {"compare", "--optimizers", "sgd,sgd", "--out", dir.resolve("r").toString()});
        cases.add(new String[] {"compare", "--batch", "2147483647", "--out", dir.resolve("r").toString()});
        cases.add(new String[] {"compare", "--epochs", "2000000000", "--out", dir.resolve("r").toString()});
        cases.add(new String[] {"compare", "--dataset", q, "--out", dir.resolve("r").toString()});
        return cases;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = new String[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void everyBadInputExitsTwoWithOneLineEmptyStdoutAndNothingWritten() throws IOException {
        List<String> before = listing();
        for (String[] args : badInputs()) {
            String cmd = String.join(" ", args);
            String shown = cmd.length() > 160 ? cmd.substring(0, 160) + "…" : cmd;
            Cli.Outcome o = Cli.run(args);
            assertEquals(2, o.code(), shown + "\n" + o.err());
            assertEquals("", o.out(), "stdout must be empty: " + shown);
            assertEquals(1, o.errLines().length, "one line on stderr: " + shown + "\n" + o.err());
            assertTrue(o.err().startsWith("steepest"), o.err());
            assertFalse(o.err().contains("Exception"), o.err());
            assertEquals(before, listing(), "nothing written: " + shown);
            assertArrayEquals(OLD, Files.readAllBytes(file), shown);
            assertTrue(Files.isSymbolicLink(link), shown);
            assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS), shown);
        }
    }

    @Test
    void aDivergedRunExitsThreeWithOneLineSayingWhatToTry() {
        for (boolean json : new boolean[] {true, false}) {
            List<String> args = new ArrayList<>(List.of("optimize", "--preset", "sgd", "--problem", "quadratic",
                    "--lr", "1e30"));
            if (json) {
                args.add("--json");
            }
            Cli.Outcome o = Cli.run(args.toArray(String[]::new));
            assertEquals(3, o.code(), o.err());
            assertEquals(1, o.errLines().length, o.err());
            assertTrue(o.err().contains("diverged") && o.err().contains("smaller --lr"), o.err());
            assertFalse(o.out().contains("Infinity") || o.out().contains("NaN"), o.out());
            if (json) {
                assertEquals("", o.out(), "no JSON for a failed run");
            }
        }
    }

    @Test
    void aRateBeyondAFloatIsBadInput() {
        Cli.Outcome o = Cli.run("optimize", "--preset", "signsgd", "--problem", "quadratic", "--lr", "1e39", "--json");
        assertEquals(2, o.code(), o.err());
        assertEquals("", o.out());
        assertTrue(o.err().contains("--lr"), o.err());
    }

    @Test
    void aFailedCheckpointWriteExitsThreeAndKeepsThePreviousFile() throws IOException {
        // a name the file system allows, whose temporary name it does not: the write itself fails
        Path target = Files.write(dir.resolve("k".repeat(250)), OLD);
        Cli.Outcome o = Cli.run("optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "3",
                "--checkpoint", target.toString());
        assertEquals(3, o.code(), o.err());
        assertEquals(1, o.errLines().length, o.err());
        assertTrue(o.err().contains("write failed"), o.err());
        assertArrayEquals(OLD, Files.readAllBytes(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    @Test
    void aCheckpointReplacesAPreviousRegularFile() throws IOException {
        Cli.Outcome o = Cli.run("optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "3",
                "--checkpoint", file.toString());
        assertEquals(0, o.code(), o.err());
        assertFalse(java.util.Arrays.equals(OLD, Files.readAllBytes(file)));
        Cli.Outcome resumed = Cli.run("optimize", "--preset", "sgd", "--problem", "quadratic", "--steps", "4",
                "--resume", file.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("step 4 loss "), resumed.out());
    }

    @Test
    void everyHelpDocumentsTheExitCodes() {
        for (String cmd : new String[] {"derive", "optimize", "compare"}) {
            Cli.Outcome o = Cli.run(cmd, "--help");
            assertEquals(0, o.code());
            String help = o.out().replaceAll("\\s+", " ");
            assertTrue(help.contains("2 bad input") && help.contains("3 the run failed"), cmd + ": " + o.out());
        }
        assertTrue(Cli.run("--help").out().replaceAll("\\s+", " ").contains("3 the run failed"));
    }
}
