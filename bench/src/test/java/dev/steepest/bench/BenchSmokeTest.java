package dev.steepest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The machinery of {@code ./steepest bench --quick} on tiny sizes, one round, no warm-up: every family prints its
 * table and returns its rows with finite, positive figures. No timing is asserted.
 */
@Tag("slow")
class BenchSmokeTest {

    static void assertPositive(double x, String what, Row r) {
        assertTrue(Double.isFinite(x) && x > 0, what + " = " + x + " in " + r);
    }

    @Test
    void everyFamilyGivesItsRowsWithFinitePositiveFigures() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Table table = new Table(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<Row> rows = new ArrayList<>();
        rows.addAll(ElementwiseFamily.run(1 << 14, "16K", 0, 3, true, table));
        long warmup = StepFamily.WARMUP_NS;
        StepFamily.WARMUP_NS = 0;
        try {
            rows.addAll(StepFamily.run(1 << 14, "16K", 0, 3, table));
        } finally {
            StepFamily.WARMUP_NS = warmup;
        }
        assertNotNull(Djl.manager(), "libtorch must load for the djl and libtorch rows: " + Djl.failure());
        rows.addAll(DjlFamily.run(1 << 14, "16K", 0, 3, true, table));
        rows.addAll(MatrixFamily.run(32, 64, 0, 3, true, table));
        rows.addAll(MatrixFamily.runPolar(32, 64, 0, 3, true, table));
        rows.addAll(MatrixFamily.runStep(64, 128, 0, 3, table));
        table.flush();
        String text = bytes.toString(StandardCharsets.UTF_8);

        for (Row r : rows) {
            assertPositive(r.medianMs(), "median ms", r);
            assertPositive(r.q1Ms(), "q1 ms", r);
            assertTrue(r.q1Ms() <= r.medianMs() && r.medianMs() <= r.q3Ms(), "quartiles out of order in " + r);
            assertPositive(r.throughput(), "throughput", r);
            if (r.ratio() != null) {
                assertPositive(r.ratio(), "ratio", r);
                assertNotNull(r.ratioTo(), "a ratio names what it is a ratio to: " + r);
            }
            assertTrue(r.verdict() == null || Set.of("PASS", "MISS").contains(r.verdict()), r.toString());
        }

        Set<String> families = rows.stream().map(Row::family).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("elementwise", "djl", "newton-schulz", "polar", "step")), families);
        Set<String> keys = rows.stream().map(r -> r.family() + " " + r.kernel() + " " + r.size() + " " + r.impl())
                .collect(Collectors.toSet());
        for (String k : List.of("elementwise triad 16K java loop", "elementwise sgd 16K ours",
                "elementwise adamw 16K ours", "djl sgd 16K ours", "djl adamw 16K ours", "polar polar 32x64 ours",
                "step muon 64x128 optimizer", "step muon 64x128 blas-calls", "step sgd 16K optimizer", "step sgd 16K kernel",
                "step adamw 16K optimizer", "step sign-dual 16K kernel")) {
            assertTrue(keys.contains(k), "no row '" + k + "' among " + keys);
        }
        assertTrue(rows.stream().anyMatch(r -> r.family().equals("djl") && r.impl().startsWith("djl-pytorch")), keys.toString());
        assertTrue(rows.stream().anyMatch(r -> r.family().equals("newton-schulz") && r.impl().startsWith("libtorch")),
                keys.toString());

        for (String title : List.of("== elementwise, 16K floats", "== step: Optimizer.step() vs the fused kernel alone, 16K",
                "== newton-schulz x5, 32x64",
                "== exact polar factor U Vᵀ, 32x64", "== muon optimizer step, one hidden 64x128 matrix")) {
            assertTrue(text.contains(title), "no table '" + title + "' in:\n" + text);
        }
        assertTrue(text.contains("Optimizer.step() of muon"), text);
    }
}
