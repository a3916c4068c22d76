package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.optim.checkpoint.Checkpoint;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.stage.momentum.Momentum;
import dev.steepest.optim.stage.normstep.NormStep;
import dev.steepest.core.Norms;
import dev.steepest.optim.stage.adam.Adam;
import dev.steepest.problems.Problem;
import dev.steepest.problems.Problems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact round trips mid-schedule, and every way a checkpoint can be unusable. */
class CheckpointTest {
    @TempDir
    Path dir;

    /** Two groups, three stateful stage kinds, a schedule still warming up at the save point. */
    static OptimizerSpec spec() {
        var lr = Schedules.linearWarmup(Schedules.cosineDecay(0.05, 40, 0.0), 10);
        return OptimizerSpec.builder("test")
                .group("matrix", Rule.matrix(), lr, Chain.of(Momentum.ema(0.9, true),
                        NormStep.constrained(Norms.parse("linf"))))
                .group("rest", Rule.any(), lr, Adam.adamW(0.9, 0.99, 1e-8, 0.01))
                .build();
    }

    static float[][] train(Problem p, Optimizer opt, int steps) {
        for (int t = 0; t < steps; t++) {
            p.lossAndGradient();
            opt.step();
        }
        return p.variables().stream().map(x -> x.values().clone()).toArray(float[][]::new);
    }

    @Test
    void resumedTrainingMatchesUninterruptedTrainingBitForBit() {
        Problem straight = Problems.logisticRegression(3);
        float[][] expected = train(straight, spec().build(straight.params(Param::wrap)), 30);

        Problem first = Problems.logisticRegression(3);
        Optimizer a = spec().build(first.params(Param::wrap));
        train(first, a, 7);
        Path file = dir.resolve("opt.ckpt");
        a.checkpoint(Map.of("k", "v"), true).write(file);

        Problem second = Problems.logisticRegression(3);
        Optimizer b = spec().build(second.params(Param::wrap));
        Checkpoint cp = b.restore(file);
        assertEquals("v", cp.metadata().get("k"));
        assertEquals(7, b.stepCount());
        float[][] resumed = train(second, b, 23);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], resumed[i], "parameter " + i);
        }
    }

    @Test
    void saveWithoutValuesRestoresStateOnly() {
        Problem p = Problems.logisticRegression(3);
        Optimizer a = spec().build(p.params(Param::wrap));
        train(p, a, 5);
        Path file = dir.resolve("state.ckpt");
        a.save(file);
        Problem q = Problems.logisticRegression(3);
        Optimizer b = spec().build(q.params(Param::wrap));
        b.restore(file);
        assertEquals(5, b.stepCount());
        assertArrayEquals(a.state("weight", 0).buffer(0), b.state("weight", 0).buffer(0));
        assertArrayEquals(new float[5], q.variables().get(0).values(), "values were not saved, so not restored");
    }

    // ---- failures: each must throw a clear message and change nothing ----

    private Optimizer trained;
    private Problem trainedProblem;

    private Path goodFile() {
        trainedProblem = Problems.logisticRegression(3);
        trained = spec().build(trainedProblem.params(Param::wrap));
        train(trainedProblem, trained, 4);
        Path file = dir.resolve("good.ckpt");
        trained.checkpoint(Map.of(), true).write(file);
        return file;
    }

    /** A fresh optimizer a few steps in, whose state and values must survive a failed restore untouched. */
    private void assertRestoreFailsAndChangesNothing(Path file, String expectedText) {
        Problem p = Problems.logisticRegression(3);
        Optimizer opt = spec().build(p.params(Param::wrap));
        train(p, opt, 2);
        float[] values = p.variables().get(0).values().clone();
        float[] state = opt.state("weight", 0).buffer(0).clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.restore(file));
        assertTrue(e.getMessage().contains(expectedText), e.getMessage());
        assertArrayEquals(values, p.variables().get(0).values());
        assertArrayEquals(state, opt.state("weight", 0).buffer(0));
        assertEquals(2, opt.stepCount());
    }

    @Test
    void corruptByteIsDetectedByTheChecksum() throws IOException {
        Path file = goodFile();
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x10;
        Files.write(file, b);
        assertRestoreFailsAndChangesNothing(file, "checksum mismatch");
    }

    @Test
    void everyTruncationIsDetected() throws IOException {
        byte[] b = Files.readAllBytes(goodFile());
        Path cut = dir.resolve("cut.ckpt");
        for (int len : new int[] {0, 5, 8, 19, 24, b.length / 2, b.length - 1}) {
            Files.write(cut, java.util.Arrays.copyOf(b, len));
            assertRestoreFailsAndChangesNothing(cut, "truncated");
        }
    }

    @Test
    void newerFormatVersionIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(goodFile());
        ByteBuffer.wrap(b).putInt(8, Checkpoint.VERSION + 1);
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
        Path file = dir.resolve("newer.ckpt");
        Files.write(file, b);
        assertRestoreFailsAndChangesNothing(file, "newer than this build");
    }

    @Test
    void otherFilesAreNotCheckpoints() throws IOException {
        Path file = dir.resolve("text.ckpt");
        Files.writeString(file, "hello, this is not a checkpoint at all");
        assertRestoreFailsAndChangesNothing(file, "not a steepest optimizer checkpoint");
        assertRestoreFailsAndChangesNothing(dir.resolve("missing.ckpt"), "file not found");
    }

    @Test
    void otherConfigurationIsRefused() {
        Problem p = Problems.logisticRegression(3);
        Optimizer sgd = Presets.get("sgd").build(p.params(Param::wrap));
        Path file = dir.resolve("sgd.ckpt");
        sgd.save(file);
        assertRestoreFailsAndChangesNothing(file, "another optimizer configuration");
    }

    @Test
    void otherParameterNamesOrShapesAreRefused() {
        OptimizerSpec s = spec();
        Param w = Param.matrix("weight", 1, 5, new float[5]);
        Path names = dir.resolve("names.ckpt");
        s.build(List.of(w, Param.vector("offset", 0f))).save(names);
        assertRestoreFailsAndChangesNothing(names, "'offset' but this optimizer's is 'bias'");
        Path shapes = dir.resolve("shapes.ckpt");
        s.build(List.of(Param.matrix("weight", 5, 1, new float[5]), Param.vector("bias", 0f))).save(shapes);
        assertRestoreFailsAndChangesNothing(shapes, "has shape [5, 1] but this one has [1, 5]");
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFile() throws IOException {
        Path file = goodFile();
        byte[] before = Files.readAllBytes(file);
        train(trainedProblem, trained, 1);
        trained.save(file);
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(file)));
        try (var list = Files.list(dir)) {
            assertEquals(List.of(file), list.toList());
        }
        Checkpoint.read(file);
    }
}
