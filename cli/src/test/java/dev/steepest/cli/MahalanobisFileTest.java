package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mahalanobis:FILE}: the command line reads A from the file; the core builds the norm from it. */
class MahalanobisFileTest {

    @Test
    void readsTheMatrixWithCommentsCommasAndSpacesAndSolves(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "# A\n4, 1\n\n1 3   # second row\n");
        Cli.Outcome o = Cli.run("derive", "--norm", "mahalanobis:" + f, "--penalty", "0.5", "--grad", "1,2", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode j = new ObjectMapper().readTree(o.out());
        assertEquals("mahalanobis:" + f, j.get("norm").asText());
        // A⁻¹ = [[3, −1], [−1, 4]] / 11; A⁻¹g = [1, 7]/11; gᵀA⁻¹g = 15/11; u = −A⁻¹g/(2c) with c = 1/2.
        assertEquals(Math.sqrt(15.0 / 11), j.get("dualNorm").asDouble(), 1e-15);
        assertEquals(-1.0 / 11, j.get("step").get(0).asDouble(), 1e-15);
        assertEquals(-7.0 / 11, j.get("step").get(1).asDouble(), 1e-15);
    }

    @Test
    void badFilesAreOneLineNamingTheFileAndTheProblem(@TempDir Path dir) throws Exception {
        Path words = dir.resolve("words.txt");
        Files.writeString(words, "4 1\n1 three\n");
        DeriveErrorsTest.assertOneLineError(run(words), "mahalanobis " + words + " line 2: entry 2 'three' is not a number");
        Path wide = dir.resolve("wide.txt");
        Files.writeString(wide, "1 0 0\n0 1 0\n");
        DeriveErrorsTest.assertOneLineError(run(wide), "mahalanobis: " + wide + " must hold a square matrix; it holds a 2×3 matrix");
        Path ragged = dir.resolve("ragged.txt");
        Files.writeString(ragged, "1 0\n0\n");
        DeriveErrorsTest.assertOneLineError(run(ragged), "ragged");
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing\n");
        DeriveErrorsTest.assertOneLineError(run(empty), "mahalanobis: " + empty + " holds no numbers");
        Path notSpd = dir.resolve("notspd.txt");
        Files.writeString(notSpd, "1 2\n2 1\n");
        DeriveErrorsTest.assertOneLineError(run(notSpd), "positive definite");
        Path infinite = dir.resolve("inf.txt");
        Files.writeString(infinite, "1 0\n0 Infinity\n");
        DeriveErrorsTest.assertOneLineError(run(infinite), "finite");
        DeriveErrorsTest.assertOneLineError(run(dir.resolve("missing.txt")), "mahalanobis: file not found: " + dir.resolve("missing.txt"));
    }

    private static Cli.Outcome run(Path file) {
        return Cli.run("derive", "--norm", "mahalanobis:" + file, "--radius", "1", "--grad", "1,2");
    }
}
