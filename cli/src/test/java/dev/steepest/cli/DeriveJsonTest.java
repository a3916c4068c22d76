package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import dev.steepest.testing.Gen;
import dev.steepest.testing.Property;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code derive --json}: one object with exactly the documented keys and the right numbers. */
class DeriveJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("norm", "form", "c", "radius", "gradient", "dualNorm", "direction",
            "step", "objective", "name", "formula", "symbolic", "stepCoefficient", "orthogonalizer", "agrees", "reference");
    private static final Set<String> REFERENCE_KEYS = Set.of("objective", "stepMaxAbsDiff", "unique");

    static JsonNode json(String... args) throws Exception {
        Cli.Outcome o = Cli.run(args);
        assertEquals(0, o.code(), () -> "exit code; stderr: " + o.err());
        assertEquals("", o.err());
        JsonNode node = MAPPER.readTree(o.out());
        assertTrue(node.isObject());
        assertEquals(new TreeSet<>(KEYS), fieldNames(node));
        assertEquals(new TreeSet<>(REFERENCE_KEYS), fieldNames(node.get("reference")));
        return node;
    }

    static TreeSet<String> fieldNames(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static double[] vector(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            assertTrue(array.get(i).isNumber(), "entry " + i + " of " + array + " is a number");
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    static double[][] matrix(JsonNode array) {
        double[][] m = new double[array.size()][];
        for (int i = 0; i < m.length; i++) {
            assertTrue(array.get(i).isArray(), "row " + i + " is an array");
            m[i] = vector(array.get(i));
        }
        return m;
    }

    @Test
    void doneWhen_linfWithOneOverTwoAlphaIsSignDescentScaledByL1() throws Exception {
        JsonNode j = json("derive", "--norm", "linf", "--penalty", "1/(2*alpha)", "--alpha", "0.5", "--grad", "3,-1,2",
                "--json");
        assertEquals("linf", j.get("norm").asText());
        assertEquals("penalized", j.get("form").asText());
        assertEquals(1.0, j.get("c").asDouble(), 0);
        assertEquals(3.0, j.get("radius").asDouble(), 0);
        assertEquals(List.of(3.0, -1.0, 2.0), boxed(vector(j.get("gradient"))));
        assertEquals(6.0, j.get("dualNorm").asDouble(), 0);
        assertEquals(List.of(1.0, -1.0, 1.0), boxed(vector(j.get("direction"))));
        assertEquals(List.of(-3.0, 3.0, -3.0), boxed(vector(j.get("step"))));
        assertEquals(-9.0, j.get("objective").asDouble(), 0);
        assertTrue(j.get("name").asText().contains("sign descent scaled by ‖g‖₁"), j.get("name").asText());
        assertTrue(j.get("formula").asText().contains("sign(g)"), j.get("formula").asText());
        JsonNode ref = j.get("reference");
        assertEquals(-9.0, ref.get("objective").asDouble(), 9e-8);
        assertTrue(ref.get("stepMaxAbsDiff").asDouble() < 1e-4, ref.toString());
        assertTrue(ref.get("unique").asBoolean());
    }

    @Test
    void constrainedFormHasNullCAndRadiusEta() throws Exception {
        JsonNode j = json("derive", "--norm", "linf", "--radius", "0.01", "--grad", "3,-1,2", "--json");
        assertEquals("constrained", j.get("form").asText());
        assertTrue(j.get("c").isNull());
        assertEquals(0.01, j.get("radius").asDouble(), 0);
        assertEquals(List.of(-0.01, 0.01, -0.01), boxed(vector(j.get("step"))));
        assertEquals(-0.06, j.get("objective").asDouble(), 1e-15);
        assertTrue(j.get("name").asText().contains("SignSGD"), j.get("name").asText());
        assertEquals(-0.06, j.get("reference").get("objective").asDouble(), 1e-9);
    }

    @Test
    void l2WithOneOverAlphaIsGradientDescentAtRateAlphaOverTwo() throws Exception {
        JsonNode j = json("derive", "--norm", "l2", "--penalty", "1/alpha", "--alpha", "0.3", "--grad", "3,-1,2", "--json");
        double[] step = vector(j.get("step"));
        double[] g = {3, -1, 2};
        for (int i = 0; i < g.length; i++) {
            assertEquals(-0.15 * g[i], step[i], 1e-15);
        }
        assertEquals(1 / 0.3, j.get("c").asDouble(), 1e-15);
        assertEquals(Math.sqrt(14) / (2 / 0.3), j.get("radius").asDouble(), 1e-15);
    }

    @Test
    void zeroEntryMakesTheLinfStepNonUniqueAndKeepsZeroThere() throws Exception {
        JsonNode j = json("derive", "--norm", "linf", "--penalty", "0.5", "--grad", "2,0,-1", "--json");
        assertEquals(List.of(-3.0, 0.0, 3.0), boxed(vector(j.get("step"))));
        assertTrue(!j.get("reference").get("unique").asBoolean());
        assertEquals(-4.5, j.get("reference").get("objective").asDouble(), 1e-7);
    }

    @Test
    void matrixGradientIsAnArrayOfRows() throws Exception {
        JsonNode j = json("derive", "--norm", "linf", "--penalty", "1", "--grad", "1,-2;0.5,4", "--json");
        double[][] g = matrix(j.get("gradient"));
        assertEquals(2, g.length);
        assertEquals(List.of(1.0, -2.0), boxed(g[0]));
        assertEquals(List.of(0.5, 4.0), boxed(g[1]));
        double[][] u = matrix(j.get("step"));
        // ‖G‖₁ = 7.5, c = 1: r = 3.75, u = −r·sign(G)
        assertEquals(List.of(-3.75, 3.75), boxed(u[0]));
        assertEquals(List.of(-3.75, -3.75), boxed(u[1]));
        assertEquals(2, matrix(j.get("direction")).length);
    }

    @Test
    void gradFileAcceptsOneRowPerLineAndTheGradSyntax(@TempDir Path dir) throws Exception {
        Path rows = dir.resolve("rows.txt");
        Files.writeString(rows, "# a 2x2 gradient\n1, -2\n\n0.5 4   # second row\n");
        Path inline = dir.resolve("inline.txt");
        Files.writeString(inline, "1,-2;0.5,4\n");
        JsonNode a = json("derive", "--norm", "linf", "--penalty", "1", "--grad-file", rows.toString(), "--json");
        JsonNode b = json("derive", "--norm", "linf", "--penalty", "1", "--grad-file", inline.toString(), "--json");
        JsonNode c = json("derive", "--norm", "linf", "--penalty", "1", "--grad", "1,-2;0.5,4", "--json");
        assertEquals(c, a);
        assertEquals(c, b);
        Path vector = dir.resolve("vector.txt");
        Files.writeString(vector, "3,-1,2\n");
        JsonNode v = json("derive", "--norm", "l1", "--radius", "2", "--grad-file", vector.toString(), "--json");
        assertEquals(List.of(-2.0, 0.0, 0.0), boxed(vector(v.get("step"))));
    }

    @Test
    void randomGradientIsReproducibleBySeedAndHasTheShapeAsked() throws Exception {
        JsonNode a = json("derive", "--norm", "l2", "--radius", "1", "--random", "3x4", "--seed", "7", "--json");
        JsonNode b = json("derive", "--norm", "l2", "--radius", "1", "--random", "3x4", "--seed", "7", "--json");
        JsonNode c = json("derive", "--norm", "l2", "--radius", "1", "--random", "3x4", "--seed", "8", "--json");
        assertEquals(a, b);
        assertNotEquals(a.get("gradient"), c.get("gradient"));
        double[][] g = matrix(a.get("gradient"));
        assertEquals(3, g.length);
        for (double[] row : g) {
            assertEquals(4, row.length);
        }
        JsonNode v = json("derive", "--norm", "l2", "--radius", "1", "--random", "5", "--json");
        assertEquals(5, vector(v.get("gradient")).length);
        // the constrained ℓ2 step has length η
        double s = 0;
        for (double x : vector(v.get("step"))) {
            s += x * x;
        }
        assertEquals(1, Math.sqrt(s), 1e-12);
    }

    @Test
    void theSamePenaltyWrittenInDifferentWaysGivesTheSameStep() throws Exception {
        JsonNode a = json("derive", "--norm", "lp:3", "--penalty", "1/(2*alpha)", "--alpha", "0.25", "--grad", "1,-2,3", "--json");
        JsonNode b = json("derive", "--norm", "lp:3", "--penalty", "2", "--grad", "1,-2,3", "--json");
        JsonNode c = json("derive", "--norm", "lp:3", "--penalty", "alpha*8", "--alpha", "0.25", "--grad", "1,-2,3", "--json");
        assertEquals(a.get("step"), b.get("step"));
        assertEquals(a.get("step"), c.get("step"));
        assertEquals(2.0, a.get("c").asDouble(), 0);
    }

    @Test
    void referenceAgreesOnEveryVectorNormOnARandomGradient(@TempDir Path dir) throws Exception {
        Path spd = dir.resolve("a.txt");
        Files.writeString(spd, "4 1 0 0 0\n1 3 1 0 0\n0 1 2 0 0\n0 0 0 1 0.5\n0 0 0 0.5 2\n");
        List<String> norms = new ArrayList<>(List.of("l2", "l1", "linf", "lp:1.5", "lp:4", "diag:1,2,3,4,5",
                "wlinf:0.5,1,2,1,3", "mahalanobis:" + spd));
        for (String norm : norms) {
            for (String form : List.of("--penalty", "--radius")) {
                JsonNode j = json("derive", "--norm", norm, form, "0.7", "--random", "5", "--seed", "3", "--json");
                double obj = j.get("objective").asDouble();
                double ref = j.get("reference").get("objective").asDouble();
                assertEquals(obj, ref, 1e-8 * Math.max(1, Math.abs(obj)), norm + " " + form);
                if (j.get("reference").get("unique").asBoolean()) {
                    assertTrue(j.get("reference").get("stepMaxAbsDiff").asDouble() < 1e-4, norm + " " + form + ": " + j);
                }
            }
        }
    }

    @Test
    void largeGradientsSkipTheReferenceSolverAndSayItWithNulls() throws Exception {
        String shape = Integer.toString(Derivation.REFERENCE_MAX_VECTOR + 1);
        JsonNode j = json("derive", "--norm", "linf", "--radius", "1", "--random", shape, "--json");
        assertTrue(j.get("reference").get("objective").isNull());
        assertTrue(j.get("reference").get("stepMaxAbsDiff").isNull());
        assertTrue(j.get("reference").get("unique").isBoolean());
        assertEquals(Derivation.REFERENCE_MAX_VECTOR + 1, vector(j.get("step")).length);
        JsonNode m = json("derive", "--norm", "spectral", "--radius", "1", "--random", "4x5", "--json");
        assertTrue(m.get("reference").get("objective").isNull());
        Cli.Outcome text = Cli.run("derive", "--norm", "linf", "--radius", "1", "--random", shape);
        assertEquals(0, text.code());
        assertTrue(text.out().contains("skipped: g has " + shape + " entries"), text.out());
    }

    @Test
    void gradientsRoundTripExactlyThroughTheCommandLineAndJson() {
        Property.forAll("gradientsRoundTripExactlyThroughTheCommandLineAndJson", 40, r -> {
            double[] v = new double[Gen.between(r, 1, 6)];
            for (int i = 0; i < v.length; i++) {
                v[i] = entry(r);
            }
            return v;
        }, v -> {
            String row = java.util.Arrays.stream(v).mapToObj(Fmt::exact)
                    .collect(java.util.stream.Collectors.joining(","));
            JsonNode j = json("derive", "--norm", "l2", "--radius", "1", "--grad", row, "--json");
            double[] back = vector(j.get("gradient"));
            assertEquals(v.length, back.length);
            for (int i = 0; i < v.length; i++) {
                assertEquals(v[i] == 0 ? 0.0 : v[i], back[i]);
            }
        });
    }

    /**
     * Any bit pattern, so every digit count and exponent shows up, kept within ±1e200 so norms stay finite; one
     * in eight a zero or a ±1e±100.
     */
    static double entry(Random r) {
        if (r.nextInt(8) == 0) {
            return Gen.oneOf(r, 0.0, -0.0, 1e100, -1e100, 1e-100, -1e-100);
        }
        double v;
        do {
            v = Double.longBitsToDouble(r.nextLong());
        } while (!(v == 0 || (Math.abs(v) > 1e-200 && Math.abs(v) < 1e200)));
        return v;
    }

    static List<Double> boxed(double[] v) {
        List<Double> l = new ArrayList<>();
        for (double x : v) {
            l.add(x);
        }
        return l;
    }

    /**
     * The symbolic answer, evaluated: its coefficient read back as an expression in α equals 1/(2c(α))
     * at several α, and coefficient × the family's closed form, computed here from g, is the step.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
        "l2; 1/alpha; u = −(α/2)·g",
        "l2; 1/(2alpha); u = −α·g",
        "l2; alpha/2; u = −(1/α)·g",
        "linf; 1/(2alpha); u = −α·‖g‖₁·sign(g)",
        "linf; 1/(2α); u = −α·‖g‖₁·sign(g)",
        "linf; 1/alpha; u = −(α/2)·‖g‖₁·sign(g)",
        "linf; alpha^2; u = −(1/(2α^2))·‖g‖₁·sign(g)"})
    void symbolicStepEvaluatesToTheStep(String norm, String penalty, String expected) throws Exception {
        double[] g = {3, -1, 2};
        double l1 = 6;
        java.util.SplittableRandom r = new java.util.SplittableRandom(penalty.hashCode());
        for (int trial = 0; trial < 4; trial++) {
            double alpha = trial == 0 ? 0.5 : Math.exp(r.nextDouble(-2, 2));
            JsonNode n = json("derive", "--norm", norm, "--penalty", penalty, "--alpha", Double.toString(alpha),
                    "--grad", "3,-1,2", "--json");
            assertEquals(expected, n.get("symbolic").asText());
            double k = Penalty.parse(n.get("stepCoefficient").asText()).coefficient(alpha);
            double c = n.get("c").asDouble();
            assertEquals(1 / (2 * c), k, 1e-12 * k, "1/(2c) at α = " + alpha);
            double[] step = vector(n.get("step"));
            for (int i = 0; i < g.length; i++) {
                double want = norm.equals("l2") ? -k * g[i] : -k * l1 * Math.signum(g[i]);
                assertEquals(want, step[i], 1e-12 * Math.abs(want), "entry " + i + " at α = " + alpha);
            }
        }
    }

    @Test
    void orthogonalizerAndAgreementAreReported() throws Exception {
        JsonNode exact = json("derive", "--norm", "l2", "--penalty", "1", "--grad", "3,-1,2", "--json");
        assertTrue(exact.get("orthogonalizer").isNull());
        assertTrue(exact.get("agrees").asBoolean());
        JsonNode ns5 = json("derive", "--norm", "spectral", "--radius", "1", "--grad", "3,1,0;1,2,5",
                "--orthogonalizer", "ns5", "--json");
        assertEquals("ns5", ns5.get("orthogonalizer").asText());
        assertTrue(ns5.get("agrees").isBoolean());
        assertTrue(ns5.get("symbolic").asText().contains("O = ns5(G)"), ns5.get("symbolic").asText());
        JsonNode big = json("derive", "--norm", "l2", "--radius", "1", "--random", "40", "--json");
        assertTrue(big.get("agrees").isNull(), "no reference run, no verdict");
    }
}
