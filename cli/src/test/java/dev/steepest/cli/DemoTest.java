package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import org.junit.jupiter.api.Test;

/** {@code derive --demo}: the homework's cases, each verified against its hand formula and the reference solver. */
class DemoTest {

    @Test
    void everyHomeworkCaseIsVerified() {
        Cli.Outcome o = Cli.run("derive", "--demo");
        assertEquals("", o.err());
        assertEquals(0, o.code(), o::out);
        for (Demo.Case c : Demo.cases()) {
            assertTrue(o.out().contains(c.label() + " " + c.title()), c.label());
        }
        assertTrue(o.out().contains("all cases verified"), o.out());
        assertTrue(!o.out().contains("DISAGREES") && !o.out().contains("NOT RUN"), o.out());
    }

    @Test
    void handFormulasAreTheHomeworkAnswers() {
        // docs/STEEPEST.md §3 with g = [3, -1, 2], α = 0.5, δ = 0.1 (and g = [-2.5] in 1-D), written out by hand
        var cases = Demo.cases();
        assertEquals(Tensor.vector(-0.75, 0.25, -0.5), cases.get(0).hand());
        assertEquals(Tensor.vector(-3, 3, -3), cases.get(1).hand());
        assertEquals(Tensor.vector(-1.5, 1.5, -1.5), cases.get(2).hand());
        assertEquals(Tensor.vector(-0.1, 0.1, -0.1), cases.get(3).hand());
        assertEquals(Tensor.vector(1.25), cases.get(4).hand());
        assertEquals(Tensor.matrix(new double[][] {{-0.0, -1}, {-1, -0.0}}), cases.get(5).hand());
    }

    @Test
    void eachCaseMatchesItsHandFormula() {
        for (Demo.Case c : Demo.cases()) {
            Derivation d = Derivation.of(c.request());
            assertTrue(d.step().update().maxAbsDiff(c.hand()) <= 1e-12, c.label());
            assertTrue(d.agrees(), c.label() + ": " + Report.verdict(d));
        }
    }
}
