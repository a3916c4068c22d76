package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The explorer's server and its numbers, without a browser. */
class ExploreCommandTest {

    @Test
    void badPortsExitTwoWithOneLine() throws Exception {
        DeriveErrorsTest.assertOneLineExplore(Cli.run("explore", "--port", "70000"), "--port");
        DeriveErrorsTest.assertOneLineExplore(Cli.run("explore", "--port", "-1"), "--port");
        DeriveErrorsTest.assertOneLineExplore(Cli.run("explore", "--port", "http"), "--port");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            DeriveErrorsTest.assertOneLineExplore(Cli.run("explore", "--port", Integer.toString(taken.getLocalPort())),
                    "not available");
        }
    }

    @Test
    void servesThePageAndTheNumbersOnLoopback() throws Exception {
        HttpServer server = ExploreCommand.start(0);
        try {
            assertTrue(server.getAddress().getAddress().isLoopbackAddress());
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/api/explore"));
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(
                    URI.create(base + "/api/explore?norm=foo&grad=1,2&penalty=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            assertTrue(new ObjectMapper().readTree(bad.body()).get("error").asText().contains("unknown norm"));
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/explore?norm=linf&grad=3,-1&penalty=1%2F(2alpha)&alpha=0.5&radius=0.25")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            JsonNode a = new ObjectMapper().readTree(ok.body());
            assertEquals("u = −α·‖g‖₁·sign(g)", a.get("derive").get("symbolic").asText());
            // by hand: u = −α‖g‖₁ sign(g) = −0.5·4·(1, −1); constrained −η sign(g)
            assertEquals(-2, a.get("derive").get("step").get(0).asDouble(), 1e-15);
            assertEquals(2, a.get("derive").get("step").get(1).asDouble(), 1e-15);
            assertEquals(-0.25, a.get("constrainedStep").get(0).asDouble(), 1e-15);
            assertEquals(0.25, a.get("constrainedStep").get(1).asDouble(), 1e-15);
        } finally {
            server.stop(0);
        }
    }

    /** The balls' boundaries have norm 1 (max |x| for ℓ∞) and dual norm 1 (|x| + |y|); level sets hold their value. */
    @Test
    void ballsAndLevelSetsAreWhatTheySay() {
        JsonNode a = Explorer.answer(Map.of("norm", "linf", "grad", "3,-1", "penalty", "1/alpha", "alpha", "0.5",
                "radius", "1", "pathAlpha", "0.008"));
        for (JsonNode p : a.get("ball")) {
            assertEquals(1, Math.max(Math.abs(p.get(0).asDouble()), Math.abs(p.get(1).asDouble())), 1e-12, p.toString());
        }
        for (JsonNode p : a.get("dualBall")) {
            assertEquals(1, Math.abs(p.get(0).asDouble()) + Math.abs(p.get(1).asDouble()), 1e-12, p.toString());
        }
        double c = 2;
        double min = -16 / (4 * c);
        double[] fractions = {0.9, 0.6, 0.3};
        assertEquals(3, a.get("levels").size());
        for (int k = 0; k < 3; k++) {
            assertTrue(a.get("levels").get(k).size() > 10);
            for (JsonNode p : a.get("levels").get(k)) {
                double x = p.get(0).asDouble();
                double y = p.get(1).asDouble();
                double m = Math.max(Math.abs(x), Math.abs(y));
                assertEquals(fractions[k] * min, 3 * x - y + c * m * m, 1e-9, p.toString());
            }
        }
        JsonNode path = a.get("path");
        assertEquals("quadratic", path.get("problem").asText());
        assertEquals(1 / 0.008, path.get("c").asDouble(), 1e-9, "the path's c is the penalty at pathAlpha");
        assertEquals(Explorer.PATH_STEPS + 1, path.get("points").size());
        JsonNode f = path.get("values");
        assertTrue(f.get(f.size() - 1).asDouble() < f.get(0).asDouble() / 10, f.toString());
    }

    /** Every norm the page offers gets an answer whose step is derive's step for the same input. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"l2", "l1", "linf", "lp:3", "diag:1,4", "wlinf:1,4",
            "mahalanobis:2,0.5;0.5,1", "spectral", "frobenius", "nuclear", "maxabs", "colnorm", "rms"})
    void everyNormOfThePageIsAnswered(String norm) throws Exception {
        JsonNode a = Explorer.answer(Map.of("norm", norm, "grad", "1.5,-0.5", "offdiag", "0.25,0",
                "penalty", "1/(2alpha)", "alpha", "0.5", "radius", "0.5", "pathAlpha", "0.008"));
        assertEquals(Explorer.CURVE_POINTS, a.get("ball").size());
        assertEquals(Explorer.CURVE_POINTS, a.get("dualBall").size());
        boolean matrix = a.get("matrix").asBoolean();
        assertEquals(matrix, a.get("path").isNull(), "the 2-D problem takes vector norms");
        if (norm.startsWith("mahalanobis")) {
            return; // derive reads A from a file; the step is checked through the file in MahalanobisFileTest
        }
        JsonNode d = DeriveJsonTest.json("derive", "--norm", norm, "--penalty", "1/(2alpha)", "--alpha", "0.5",
                "--grad", matrix ? "1.5,0.25;0,-0.5" : "1.5,-0.5", "--json");
        assertEquals(d.get("step").toString(), a.get("derive").get("step").toString());
        assertEquals(d.get("symbolic"), a.get("derive").get("symbolic"));
    }
}
