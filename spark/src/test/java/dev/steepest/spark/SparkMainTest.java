package dev.steepest.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Param;
import dev.steepest.optim.Presets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("slow")
class SparkMainTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--master yarn", "--master local[0]", "--master local[x]", "--master spark://127.0.0.1:99999",
        "--workers 0", "--mode local --local-steps 0", "--lr abc", "--lr -1", "--lr NaN", "--epochs 0",
        "--batch 0", "--compress gzip", "--mode async", "--outer adam", "--model cnn", "--optimizer adam",
        "--optimizer adamw", "--dataset /no/such/folder", "--resume /no/such/folder", "--train-limit 1 --workers 2",
        "--checkpoint-every 0", "--seed x", "--unknown-option", "--option nesterov=true",
        "--optimizer muon --lr 0.01 --option betas=0.9,0.9", "--optimizer muon --lr 0.01 --option lr=0.1",
        "--optimizer muon --lr 0.01 --option momentum=2",
        "--max-iter 5", "--model mllib-logreg --max-iter 0",
        "--model mllib-logreg --mode local", "--model mllib-mlp --compress sign", "--model mllib-mlp --epochs 2",
        "--model mllib-logreg --resume /tmp", "--model mllib-logreg --lr 0.1", "--model mllib-logreg --master yarn",
        "--model mllib-mlp --dataset /no/such/folder", "--model mllib-logreg --max-iter x",
        "--model mllib-logreg --option momentum=0.9"})
    void badInputExitsTwoWithOneLineAndNothingOnStdout(String args) {
        Outcome o = run(args.split(" "));
        assertEquals(2, o.code(), args + ": " + o.err());
        assertEquals("", o.out(), args);
        assertEquals(1, o.err().strip().lines().count(), args + ": " + o.err());
        assertTrue(o.err().startsWith("steepest spark: "), o.err());
    }

    @Test
    void presetOptionsReachTheOptimizerInBothModesAndAResumeChecksThem(@TempDir Path dir) throws Exception {
        for (String mode : List.of("sync", "local")) {
            Outcome o = run("--master", "local[2]", "--train-limit", "256", "--test-limit", "50", "--epochs", "1",
                    "--optimizer", "muon", "--lr", "0.01", "--option", "adjust_lr_fn=original", "--option",
                    "weight_decay=0.1", "--mode", mode, "--json");
            assertEquals(0, o.code(), mode + ": " + o.err());
        }
        Path ck = dir.resolve("ck");
        Outcome first = run("--master", "local[1]", "--train-limit", "256", "--test-limit", "50", "--epochs", "1",
                "--optimizer", "adamw", "--lr", "0.001", "--option", "betas=0.8,0.99", "--checkpoint", ck.toString(),
                "--checkpoint-every", "1");
        assertEquals(0, first.code(), first.err());
        Outcome other = run("--master", "local[1]", "--train-limit", "256", "--test-limit", "50", "--epochs", "2",
                "--optimizer", "adamw", "--lr", "0.001", "--resume", ck.toString());
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("options"), other.err());
    }

    @Test
    void aCheckpointOfAnotherModelIsBadInput(@TempDir Path dir) {
        Optimizer other = Presets.get("sgd", 0.1).build(List.of(Param.vector("w", new float[3])));
        other.checkpoint(Map.of("model", "linear-3"), true).write(dir.resolve(SparkTraining.CHECKPOINT_FILE));
        Outcome o = run("--master", "local[1]", "--train-limit", "128", "--resume", dir.toString());
        assertEquals(2, o.code(), o.err());
        assertEquals("", o.out());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("model"), o.err());
    }

    @Test
    void aCheckpointWithoutTheWorkersStateIsBadInput(@TempDir Path dir) {
        Outcome first = run("--master", "local[2]", "--train-limit", "256", "--test-limit", "50", "--batch", "64",
                "--epochs", "1", "--compress", "sign-ef", "--checkpoint", dir.toString(), "--checkpoint-every", "2");
        assertEquals(0, first.code(), first.err());
        SparkTrainingTest.stripWorkerState(dir.resolve(SparkTraining.CHECKPOINT_FILE));
        Outcome o = run("--master", "local[2]", "--train-limit", "256", "--test-limit", "50", "--batch", "64",
                "--epochs", "2", "--compress", "sign-ef", "--resume", dir.toString());
        assertEquals(2, o.code(), o.err());
        assertEquals("", o.out());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("residual"), o.err());
    }

    @Test
    void aRunFailureExitsThreeWithOneLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Outcome o = run("--master", "local[1]", "--train-limit", "128", "--test-limit", "50", "--batch", "64",
                "--epochs", "1", "--checkpoint", file.resolve("sub").toString(), "--checkpoint-every", "1");
        assertEquals(3, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("the run failed"), o.err());
    }

    @Test
    void jsonHasTheFieldsAndSignSendsAboutOneBitPerParameter() throws Exception {
        Outcome o = run("--master", "local[2]", "--train-limit", "256", "--test-limit", "100", "--epochs", "1",
                "--compress", "sign", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode j = new ObjectMapper().readTree(o.out());
        for (String key : List.of("mode", "workers", "compress", "steps", "bytesPerWorkerPerStep", "trainLoss",
                "testAccuracy", "seconds", "curves")) {
            assertTrue(j.has(key), key + " in " + o.out());
        }
        assertEquals("sync", j.get("mode").asText());
        assertEquals(2, j.get("workers").asInt());
        assertEquals("sign", j.get("compress").asText());
        assertEquals(2, j.get("steps").asInt());
        double bytes = j.get("bytesPerWorkerPerStep").asDouble();
        int p = Mlp.parameterCount();
        assertTrue(bytes >= p / 8.0 && bytes <= p / 8.0 + 2048, "bytes " + bytes + " for " + p + " parameters");
        assertEquals(1, j.get("curves").size());
    }
}
