package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Matrix norms through {@code derive}: arrays of rows, orthogonalizers, and the reference check. */
class DeriveMatrixTest {

    @Test
    void spectralStepOnAKnownPolarFactor() throws Exception {
        // G = [[1,2],[2,1]] has U Vᵀ = [[0,1],[1,0]] and nuclear norm 4; c = 1: u = −2·U Vᵀ
        JsonNode j = DeriveJsonTest.json("derive", "--norm", "spectral", "--penalty", "1", "--grad", "1,2;2,1", "--json");
        assertEquals(4, j.get("dualNorm").asDouble(), 1e-12);
        double[][] u = DeriveJsonTest.matrix(j.get("step"));
        assertEquals(0, u[0][0], 1e-12);
        assertEquals(-2, u[0][1], 1e-12);
        assertEquals(-2, u[1][0], 1e-12);
        assertEquals(0, u[1][1], 1e-12);
        assertEquals(-4, j.get("objective").asDouble(), 1e-12);
        assertEquals(-4, j.get("reference").get("objective").asDouble(), 1e-7);
    }

    @Test
    @Tag("slow") // numeric reference solves of matrix norms
    void everyMatrixNormAgreesWithTheReferenceOnARandomGradient() throws Exception {
        for (String norm : List.of("frobenius", "spectral", "nuclear", "schatten:3", "colnorm", "rownorm", "maxabs", "rms",
                "l2", "linf")) {
            for (String form : List.of("--penalty", "--radius")) {
                JsonNode j = DeriveJsonTest.json("derive", "--norm", norm, form, "0.8", "--random", "3x4", "--seed", "11",
                        "--json");
                double obj = j.get("objective").asDouble();
                double ref = j.get("reference").get("objective").asDouble();
                assertEquals(obj, ref, 1e-8 * Math.max(1, Math.abs(obj)), norm + " " + form);
                assertEquals(3, DeriveJsonTest.matrix(j.get("step")).length);
            }
        }
    }

    @Test
    @Tag("slow") // numeric reference solves of matrix norms
    void anInexactOrthogonalizerReportsItsErrorAndCostsObjective() throws Exception {
        JsonNode exact = DeriveJsonTest.json("derive", "--norm", "spectral", "--penalty", "1", "--random", "3x4", "--json");
        JsonNode ns5 = DeriveJsonTest.json("derive", "--norm", "spectral", "--penalty", "1", "--random", "3x4",
                "--orthogonalizer", "ns5", "--json");
        // the exact step is optimal; the quintic Newton–Schulz step cannot do better
        assertTrue(ns5.get("objective").asDouble() >= exact.get("objective").asDouble() - 1e-12);
        // the reference solver finds the true minimum either way
        assertEquals(exact.get("objective").asDouble(), ns5.get("reference").get("objective").asDouble(), 1e-7);
        String text = Cli.run("derive", "--norm", "spectral", "--penalty", "1", "--random", "3x4", "--orthogonalizer", "ns5").out();
        assertTrue(text.contains("orthogonalizer ns5 (approximate): orthogonality error ‖O Oᵀ − I‖_F (wide G: the smaller, left Gram side) = "), text);
        assertTrue(text.contains("the step's scale is ⟨g, O⟩"), text);
        String svd = Cli.run("derive", "--norm", "spectral", "--penalty", "1", "--random", "3x4", "--orthogonalizer", "svd").out();
        assertTrue(svd.contains("orthogonalizer svd (exact)"), svd);
        assertTrue(svd.contains("agrees"), svd);
    }

    @Test
    void convergentOrthogonalizersAgreeWithTheReference() throws Exception {
        for (String o : List.of("svd", "polar-express", "cubic:60")) {
            JsonNode j = DeriveJsonTest.json("derive", "--norm", "spectral", "--radius", "1", "--grad", "2,1,0;1,3,1",
                    "--orthogonalizer", o, "--json");
            assertEquals(j.get("reference").get("objective").asDouble(), j.get("objective").asDouble(), 1e-6, o);
        }
    }

    @Test
    void matrixNormsRejectVectorsAndBadOrthogonalizers() {
        DeriveErrorsTest.assertOneLineError(Cli.run("derive", "--norm", "spectral", "--radius", "1", "--grad", "1,2"), "spectral");
        DeriveErrorsTest.assertOneLineError(Cli.run("derive", "--norm", "spectral", "--radius", "1", "--grad", "1,2;3,4",
                "--orthogonalizer", "cubic:0"), "cubic");
        DeriveErrorsTest.assertOneLineError(Cli.run("derive", "--norm", "schatten:1", "--radius", "1", "--grad", "1,2;3,4"),
                "schatten");
    }
}
