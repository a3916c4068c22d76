package dev.steepest.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Step;
import dev.steepest.core.Steps;
import dev.steepest.reference.Cases.Case;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Every closed-form step agrees with the reference solver, which knows only the norm's value:
 * the objective always (relative gap ≤ 1e-8), the step itself where it is unique.
 */
class ReferenceAgreementProperties {
    static final double OBJECTIVE_GAP = 1e-8;
    static final double STEP_GAP = 1e-5;

    @Provide
    Arbitrary<Double> positive() {
        return Arbitraries.doubles().between(-3, 3).map(e -> Math.pow(10, e));
    }

    @Provide
    Arbitrary<Case> l2() {
        return Cases.of("l2");
    }

    @Provide
    Arbitrary<Case> l1() {
        return Cases.of("l1");
    }

    @Provide
    Arbitrary<Case> linf() {
        return Cases.of("linf");
    }

    @Provide
    Arbitrary<Case> lp() {
        return Cases.of("lp");
    }

    @Provide
    Arbitrary<Case> diag() {
        return Cases.of("diag");
    }

    @Provide
    Arbitrary<Case> wlinf() {
        return Cases.of("wlinf");
    }

    @Provide
    Arbitrary<Case> mahalanobis() {
        return Cases.of("mahalanobis");
    }

    @Property(tries = 150)
    void l2(@ForAll("l2") Case c, @ForAll boolean penalized, @ForAll("positive") double k) {
        agree(c, penalized, k);
    }

    @Property(tries = 150)
    void l1(@ForAll("l1") Case c, @ForAll boolean penalized, @ForAll("positive") double k) {
        agree(c, penalized, k);
    }

    @Property(tries = 150)
    void linf(@ForAll("linf") Case c, @ForAll boolean penalized, @ForAll("positive") double k) {
        agree(c, penalized, k);
    }

    @Property(tries = 200)
    void lp(@ForAll("lp") Case c, @ForAll boolean penalized, @ForAll("positive") double k) {
        agree(c, penalized, k);
    }

    @Property(tries = 150)
    void diag(@ForAll("diag") Case c, @ForAll boolean penalized, @ForAll("positive") double k) {
        agree(c, penalized, k);
    }

    @Property(tries = 150)
    void wlinf(@ForAll("wlinf") Case c, @ForAll boolean penalized, @ForAll("positive") double k) {
        agree(c, penalized, k);
    }

    @Property(tries = 200)
    void mahalanobis(@ForAll("mahalanobis") Case c, @ForAll boolean penalized, @ForAll("positive") double k) {
        agree(c, penalized, k);
    }

    /**
     * False where the objective is flat to an order above two around the minimizer, so that an
     * objective gap ε only fixes the step to about ε^(1/p): ℓp with p &gt; 2 at a zero entry of g
     * (‖·‖_p grows like |δ|^p in that coordinate).
     */
    static boolean sharp(Case c) {
        if (c.norm() instanceof dev.steepest.core.vector.Lp lp && lp.p() > 2) {
            for (int i = 0; i < c.g().size(); i++) {
                if (c.g().at(i) == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Checks one case in one form; k is the penalty coefficient c or the radius η. */
    static void agree(Case c, boolean penalized, double k) {
        Step exact = penalized ? Steps.penalized(c.norm(), c.g(), k) : Steps.constrained(c.norm(), c.g(), k);
        ReferenceSolver.Result ref = penalized ? ReferenceSolver.penalized(c.norm(), c.g(), k)
                : ReferenceSolver.constrained(c.norm(), c.g(), k);
        double scale = Math.abs(exact.objective());
        double gap = scale == 0 ? Math.abs(ref.objective()) : Math.abs(ref.objective() - exact.objective()) / scale;
        Statistics.label("objective gap").collect(gap == 0 ? "0" : "1e" + (int) Math.floor(Math.log10(gap)));
        String where = c + (penalized ? " penalized c=" : " constrained η=") + k;
        assertTrue(gap <= OBJECTIVE_GAP, "objective gap " + gap + " for " + where + ": closed form "
                + exact.objective() + ", reference " + ref.objective());
        double dual = c.norm().dual(c.g());
        assertTrue(ref.dualLower() <= dual * (1 + 1e-12), "the reference's lower bound " + ref.dualLower()
                + " exceeds ‖g‖_* = " + dual + " for " + where);
        boolean unique = c.norm().uniqueAt(c.g());
        boolean sharp = sharp(c);
        Statistics.label("step compared").collect(unique && sharp ? "yes" : !unique ? "no: not unique" : "no: flat");
        if (unique && sharp) {
            double diff = exact.update().maxAbsDiff(ref.step());
            assertTrue(diff <= STEP_GAP * exact.update().maxAbs(), "step differs by " + diff + " for " + where
                    + ": closed form " + exact.update() + ", reference " + ref.step());
        }
    }
}
