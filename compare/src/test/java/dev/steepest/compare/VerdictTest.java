package dev.steepest.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mean, sd and Welch's t-test against values computed by hand, and the verdict built from them. */
class VerdictTest {
    @Test
    void meanAndSampleStandardDeviation() {
        assertEquals(2.0, Verdict.mean(List.of(1.0, 2.0, 3.0)), 1e-15);
        assertEquals(1.0, Verdict.sd(List.of(1.0, 2.0, 3.0)), 1e-15, "n − 1 in the denominator");
        assertEquals(0.0, Verdict.sd(List.of(5.0)), 0.0);
    }

    @Test
    void welchMatchesTheHandComputation() {
        // a = 1,2,3 and b = 4,5,6: means 2 and 5, variances 1 and 1, so se = √(1/3 + 1/3), t = −3/√(2/3) = −3.6742,
        // df = (2/3)² / ((1/3)²/2 + (1/3)²/2) = 4 exactly; Student's t with 4 df has
        // F(t) = 1/2 + (3/8)·u·(1 − u²/12), u = t/√(1 + t²/4), so p = 2(1 − F(|t|))
        double[] w = Verdict.welch(List.of(1.0, 2.0, 3.0), List.of(4.0, 5.0, 6.0));
        double t = -3 / Math.sqrt(2.0 / 3);
        double u = -t / Math.sqrt(1 + t * t / 4);
        double p = 2 * (1 - (0.5 + 0.375 * u * (1 - u * u / 12)));
        assertEquals(t, w[0], 1e-12);
        assertEquals(4.0, w[1], 1e-12);
        assertEquals(p, w[2], 1e-10);
        assertEquals(0.0213116, w[2], 1e-6);
    }

    @Test
    void unequalSizesAndSpreads() {
        // SciPy 1.17.1: ttest_ind([0.1, 0.4, 0.35, 0.2], [0.5, 0.7, 0.45], equal_var=False)
        // statistic −2.7960210997, df 4.5623869801, p 0.0422594808
        double[] w = Verdict.welch(List.of(0.1, 0.4, 0.35, 0.2), List.of(0.5, 0.7, 0.45));
        assertEquals(-2.7960210997, w[0], 1e-9);
        assertEquals(4.5623869801, w[1], 1e-9);
        assertEquals(0.0422594808, w[2], 1e-8);
    }

    @Test
    void studentTailsInClosedForm() {
        for (double t : new double[] {0.1, 0.7, 1.5, 3.0, 12.0}) {
            assertEquals(1 - 2 / Math.PI * Math.atan(t), Verdict.twoSidedP(t, 1), 1e-12, "Cauchy, t = " + t);
            assertEquals(1 - t / Math.sqrt(2 + t * t), Verdict.twoSidedP(t, 2), 1e-12, "2 df, t = " + t);
        }
        assertEquals(1.0, Verdict.twoSidedP(0, 7), 1e-12);
    }

    @Test
    void tooFewSeedsOrNoSpreadIsNeverDistinguishable() {
        assertTrue(Double.isNaN(Verdict.welch(List.of(1.0), List.of(2.0, 3.0))[2]));
        assertTrue(Double.isNaN(Verdict.welch(List.of(1.0, 1.0), List.of(2.0, 2.0))[2]));
    }

    private static RunResult run(String name, long seed, double valLoss) {
        return new RunResult(name, 0.01, List.of(), 0.5, 0.5, 1.0, 1.0, 0.5, List.of(), List.of(), List.of(), false, seed,
                valLoss, valLoss, 0.5);
    }

    @Test
    void verdictAgainstTheBaselineByLoss() {
        List<RunResult> runs = new ArrayList<>();
        double[] a = {2.0, 2.1, 2.2};
        double[] b = {1.0, 1.1, 1.2};
        double[] c = {2.0, 2.3, 1.8};
        for (int k = 0; k < 3; k++) {
            runs.add(run("adamw", k + 1, a[k]));
            runs.add(run("muon", k + 1, b[k]));
            runs.add(run("sgd", k + 1, c[k]));
        }
        Verdict.Metric m = Verdict.metricFor("gpt");
        List<Verdict.Summary> s = Verdict.summarize(runs, m);
        assertEquals(List.of("adamw", "muon", "sgd"), s.stream().map(Verdict.Summary::optimizer).toList());
        assertEquals(List.of(1L, 2L, 3L), s.get(1).seeds());
        assertEquals(1.1, s.get(1).mean(), 1e-12);
        assertEquals(0.1, s.get(1).sd(), 1e-12);
        List<Verdict.Comparison> v = Verdict.against(s, "adamw", m);
        assertEquals(2, v.size());
        Verdict.Comparison muon = v.get(0);
        assertEquals(-1.0, muon.difference(), 1e-12);
        assertTrue(muon.distinguishable());
        assertTrue(muon.better(), "lower loss is better");
        assertTrue(muon.statement().startsWith("muon is better than adamw"), muon.statement());
        Verdict.Comparison sgd = v.get(1);
        assertFalse(sgd.distinguishable(), sgd.statement());
        assertTrue(sgd.statement().contains("not distinguishable"), sgd.statement());
    }
}
