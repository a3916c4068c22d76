package dev.steepest.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MLlib anchors through the command line, on local[2] and a few hundred images: they learn. */
class MllibAnchorTest {

    @ParameterizedTest
    @ValueSource(strings = {"mllib-logreg", "mllib-mlp"})
    void anAnchorLearnsAboveChance(String model) throws Exception {
        SparkMainTest.Outcome o = SparkMainTest.run("--master", "local[2]", "--model", model, "--train-limit", "512",
                "--test-limit", "200", "--max-iter", "30", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode j = new ObjectMapper().readTree(o.out());
        for (String key : List.of("model", "workers", "maxIter", "iterations", "objective", "testLoss", "testAccuracy",
                "seconds", "blas")) {
            assertTrue(j.has(key), key + " in " + o.out());
        }
        assertEquals(model, j.get("model").asText());
        assertEquals(2, j.get("workers").asInt());
        assertTrue(j.get("iterations").asInt() >= 1 && j.get("iterations").asInt() <= 31, o.out());
        assertTrue(j.get("objective").asDouble() < Math.log(10), "it fits the training set: " + o.out());
        assertTrue(j.get("testAccuracy").asDouble() > 0.3, "10 classes, chance 0.1: " + o.out());
        assertTrue(j.get("seconds").asDouble() > 0, o.out());
    }
}
