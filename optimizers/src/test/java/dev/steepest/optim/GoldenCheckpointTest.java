package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steepest.core.Norms;
import dev.steepest.optim.checkpoint.Checkpoint;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.stage.momentum.Momentum;
import dev.steepest.optim.stage.normstep.NormStep;
import dev.steepest.problems.Problem;
import dev.steepest.problems.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written by an earlier build (committed under {@code src/test/resources/golden/}) must still load
 * and resume bit for bit: 7 steps were saved, 23 more from the file must equal 30 uninterrupted steps computed
 * here.
 *
 * <p>The run uses only arithmetic that gives the same floats on every machine and with either BLAS (least
 * squares from {@code java.util.Random}, whose Gaussians use {@code StrictMath}; Nesterov momentum; the constrained
 * ℓ∞ step, t* = sign; a linear warm-up): no {@code Math.exp/pow/cos}, no BLAS call and no vector reduction
 * enters the saved state.
 *
 * <p>Regenerate, deliberately (a new format version, or an intended change to this run's arithmetic), with
 * {@value #REGENERATE}: it writes {@code checkpoint-v<VERSION>.ckpt} for the current
 * {@link Checkpoint#VERSION}; keep the files of earlier versions, which must go on loading.
 */
class GoldenCheckpointTest {

    static final String REGENERATE = "mvn -B -pl optimizers -am test -Dtest=GoldenCheckpointTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dsteepest.golden.write=true";
    static final Path FOLDER = Path.of("src/test/resources/golden");
    static final int SAVED_AT = 7;
    static final int TOTAL = 30;

    @TempDir
    Path dir;

    /** The optimizer of the golden run: two stateful stages' worth of state, a schedule still warming up at step 7. */
    static OptimizerSpec spec() {
        return OptimizerSpec.builder("golden")
                .group("matrix", Rule.matrix(), Schedules.linearWarmup(Schedules.constant(0.02), 10),
                        Chain.of(Momentum.nesterov(0.9), NormStep.constrained(Norms.parse("linf"))))
                .build();
    }

    static Problem problem() {
        return Problems.leastSquares(11);
    }

    static Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("problem", "least-squares");
        m.put("seed", "11");
        return m;
    }

    static Path golden(int version) {
        return FOLDER.resolve("checkpoint-v" + version + ".ckpt");
    }

    static float[][] train(Problem p, Optimizer opt, int steps) {
        return CheckpointTest.train(p, opt, steps);
    }

    /** The state after {@link #SAVED_AT} steps, as this build computes it. */
    static Checkpoint savedState() {
        Problem p = problem();
        Optimizer opt = spec().build(p.params(Param::wrap));
        train(p, opt, SAVED_AT);
        return opt.checkpoint(metadata(), true);
    }

    @Test
    void theGoldenCheckpointResumesBitForBit() {
        Path file = golden(1);
        if (Boolean.getBoolean("steepest.golden.write")) {
            return; // regenerating: writeGoldenFiles does the work
        }
        assertTrue(Files.isRegularFile(file), file.toAbsolutePath() + " is missing; regenerate with " + REGENERATE);
        Problem straight = problem();
        float[][] expected = train(straight, spec().build(straight.params(Param::wrap)), TOTAL);

        Problem resumedProblem = problem();
        Optimizer resumed = spec().build(resumedProblem.params(Param::wrap));
        Checkpoint cp = resumed.restore(file);
        assertEquals(metadata(), cp.metadata());
        assertEquals(SAVED_AT, resumed.stepCount());
        assertEquals(spec().spec(), cp.config());

        // the saved state against this build's own 7 steps: a difference here is arithmetic, not the format
        Checkpoint now = savedState();
        for (int i = 0; i < now.entries().size(); i++) {
            Checkpoint.Entry a = cp.entries().get(i);
            Checkpoint.Entry b = now.entries().get(i);
            if (!Arrays.deepEquals(a.stageBuffers(), b.stageBuffers()) || !Arrays.equals(a.values(), b.values())) {
                fail("the golden checkpoint loads, but this build's first " + SAVED_AT + " steps of the golden run"
                        + " no longer give the saved state of '" + a.name() + "': the arithmetic of momentum, the ℓ∞"
                        + " step, the warm-up or the least-squares problem changed. If that change is intended,"
                        + " regenerate with " + REGENERATE);
            }
        }

        float[][] got = train(resumedProblem, resumed, TOTAL - SAVED_AT);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], got[i], "parameter " + i + " after resuming from " + file
                    + " differs from an uninterrupted run");
        }
    }

    @Test
    void theCurrentFormatVersionHasItsGoldenFileAndStillWritesItByteForByte() throws IOException {
        if (Boolean.getBoolean("steepest.golden.write")) {
            return;
        }
        Path file = golden(Checkpoint.VERSION);
        assertTrue(Files.isRegularFile(file), "format version " + Checkpoint.VERSION + " has no golden file "
                + file + ": regenerate with " + REGENERATE + " (and keep the older versions' files)");
        Path written = dir.resolve("now.ckpt");
        savedState().write(written);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(written),
                "this build writes the golden run's state differently from " + file + " at the same format version "
                        + Checkpoint.VERSION + ": a format change needs a new VERSION (older files must still load);"
                        + " an intended change of the run's arithmetic needs " + REGENERATE);
    }

    /** The generator: runs only with {@code -Dsteepest.golden.write=true}. */
    @Test
    void writeGoldenFiles() throws IOException {
        if (!Boolean.getBoolean("steepest.golden.write")) {
            return;
        }
        Files.createDirectories(FOLDER);
        Path file = golden(Checkpoint.VERSION);
        savedState().write(file);
        System.out.println("wrote " + file.toAbsolutePath() + " (" + Files.size(file) + " bytes)");
    }
}
