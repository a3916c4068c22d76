package dev.steepest.cli;

import dev.steepest.cli.explain.NormInfo;
import dev.steepest.core.Step;
import dev.steepest.core.Tensor;

/** Writes a {@link Derivation} as a homework-style solution, one section per step of the argument. */
final class Report {
    /** How far above 1 the direction's norm may be (rounding) before the report says the step leaves the ball. */
    static final double OUTSIDE_TOLERANCE = 1e-9;

    private Report() {
    }

    /** The whole solution as text, ending with a newline. */
    static String text(Derivation d) {
        NormInfo info = d.info();
        Step s = d.step();
        boolean penalized = s.form() == Step.Form.PENALIZED;
        Tensor g = d.gradient();
        StringBuilder out = new StringBuilder();

        section(out, "Problem: " + d.form().label() + " step under the " + info.title() + " norm  [" + d.norm().spec() + "]");
        if (penalized) {
            line(out, "u = argmin_Δ ⟨g, Δ⟩ + c·‖Δ‖²");
        } else {
            line(out, "u = argmin_{‖Δ‖ ≤ η} ⟨g, Δ⟩");
        }
        line(out, "g = " + Fmt.tensor(g, 6) + (g.isMatrix() ? "   (" + g.shapeString() + ")" : ""));
        if (penalized) {
            line(out, cText(d));
        } else {
            line(out, "η = " + Fmt.num(s.radius()));
        }

        section(out, "Dual norm");
        line(out, "‖g‖_* = " + info.dualTitle());
        line(out, "      = " + Fmt.num(d.exactDualNorm()));

        boolean inexact = d.orthogonalizer() != null && !d.orthogonalizer().exact();
        String t = inexact ? "O" : "t*";
        double tNorm = d.norm().value(s.direction());
        if (inexact) {
            String o = d.orthogonalizer().spec();
            section(out, "Direction O = " + o + "(G)  (approximates the dualizer t* = " + info.dualizerFormula().split(" {2}")[0]
                    + "; not exact)");
            line(out, "O = " + Fmt.tensor(s.direction(), 6));
            line(out, "check: ⟨g, O⟩ = " + Fmt.num(d.alignment()) + " (‖g‖_* = " + Fmt.num(d.exactDualNorm())
                    + "),  ‖O‖ = " + Fmt.num(tNorm));
        } else {
            section(out, "Dualizer t*  (‖t*‖ ≤ 1 and ⟨g, t*⟩ = ‖g‖_*)");
            line(out, "t* = " + info.dualizerFormula());
            line(out, "   = " + Fmt.tensor(s.direction(), 7));
            line(out, "check: ⟨g, t*⟩ = " + Fmt.num(d.alignment()) + ",  ‖t*‖ = " + Fmt.num(tNorm));
        }
        if (d.orthogonalizer() != null) {
            String side = g.rows() < g.cols() ? "‖O Oᵀ − I‖_F (wide G: the smaller, left Gram side)"
                    : "‖Oᵀ O − I‖_F";
            line(out, "orthogonalizer " + d.orthogonalizer().spec() + (d.orthogonalizer().exact() ? " (exact)" : " (approximate)")
                    + ": orthogonality error " + side + " = " + Fmt.small(s.orthogonalityError()));
            if (inexact) {
                line(out, "the step's scale is ⟨g, O⟩ = " + Fmt.num(s.dualNorm()) + " in place of ‖g‖_* = "
                        + Fmt.num(d.exactDualNorm()));
            }
        }
        if (tNorm > 1 + OUTSIDE_TOLERANCE) {
            line(out, "‖" + t + "‖ = " + Fmt.num(tNorm) + " > 1: " + t + " is OUTSIDE the unit ball, so the step leaves the ball"
                    + " of radius r: ‖u‖ = " + Fmt.num(d.norm().value(s.update())) + " > r = " + Fmt.num(s.radius())
                    + (penalized ? "" : " (the constraint ‖Δ‖ ≤ η is broken)"));
        }

        section(out, "Radius");
        if (penalized) {
            line(out, "r = ⟨g, " + t + "⟩/(2c) = " + Fmt.num(s.dualNorm()) + "/(2·" + Fmt.num(d.c()) + ") = " + Fmt.num(s.radius()));
        } else {
            line(out, "r = η = " + Fmt.num(s.radius()) + "   (fixed: it does not depend on g)");
        }

        section(out, "Step");
        if (penalized) {
            line(out, inexact ? "u = −(⟨g, O⟩/(2c))·O = −r·O" : "u = −(‖g‖_*/(2c))·t* = −r·t*");
        } else {
            line(out, "u = −η·" + t);
        }
        line(out, "  = " + Fmt.tensor(s.update(), 6));
        if (penalized) {
            line(out, "objective ⟨g, u⟩ + c·‖u‖² = " + Fmt.num(s.objective()) + "   (minimum −‖g‖_*²/(4c) = "
                    + Fmt.num(d.minimum()) + ")");
        } else {
            line(out, "objective ⟨g, u⟩ = " + Fmt.num(s.objective()) + "   (minimum −η·‖g‖_* = "
                    + Fmt.num(d.minimum()) + ")");
        }

        Symbolic sym = Symbolic.of(d);
        section(out, penalized && d.penalty().usesAlpha()
                ? "Answer in " + (sym.coefficient().contains("λ") ? "λ" : "α") + "  (1/(2c) = " + sym.coefficient() + ")"
                : "Answer in closed form");
        line(out, sym.text());

        section(out, "Optimizer recovered");
        line(out, penalized ? info.penalizedName() : info.constrainedName());
        if (penalized && !info.note().isEmpty()) {
            line(out, info.note());
        }

        if (penalized) {
            section(out, "Constrained counterpart  u = argmin_{‖Δ‖ ≤ η} ⟨g, Δ⟩ = −η·t*");
            line(out, info.constrainedName());
            line(out, "the penalized step above is this step with η = r = " + Fmt.num(s.radius())
                    + ": the penalized form lets the gradient choose the radius");
        } else {
            section(out, "Penalized counterpart  u = argmin_Δ ⟨g, Δ⟩ + c·‖Δ‖² = −(‖g‖_*/(2c))·t*");
            line(out, info.penalizedName());
            if (s.dualNorm() > 0 && s.radius() > 0) {
                double c = s.dualNorm() / 2 / s.radius();
                String scale = inexact ? "⟨g, O⟩" : "‖g‖_*";
                line(out, Double.isFinite(c) ? "it takes the same step as above when c = " + scale + "/(2η) = " + Fmt.num(c)
                        : "it takes the same step as above when c = " + scale + "/(2η), which is beyond the range of a double here");
            } else {
                line(out, "with " + (s.dualNorm() > 0 ? "η = 0 no positive c" : "g = 0 every c") + " gives the same step");
            }
            if (!info.note().isEmpty()) {
                line(out, info.note());
            }
        }

        Derivation.Check r = d.reference();
        section(out, "Reference solver  (numeric minimization knowing only the norm's value)");
        if (r == null) {
            line(out, "skipped: g has " + g.size() + " entries; the reference solver checks " + (g.isMatrix() ? "matrices" : "vectors")
                    + " of up to " + Derivation.referenceLimit(g) + " entries (it is slow and meant for checks)");
            return out.toString();
        }
        line(out, "objective " + Fmt.num(r.objective()) + "   gap (reference − closed form) " + signed(r.gap())
                + "   relative " + Fmt.small(r.relativeGap()));
        line(out, "step: max |u − u_ref| = " + Fmt.small(r.stepMaxAbsDiff()) + "   minimizer unique at g: "
                + (r.unique() ? "yes" : "no (steps may differ at equal objective; compare objectives)"));
        if (Double.isFinite(r.dualLower())) {
            line(out, "its ‖g‖_*: ≥ " + Fmt.num(r.dualLower()) + " (certified by a feasible point)"
                    + (Double.isFinite(r.dualUpper()) ? ", model estimate " + Fmt.num(r.dualUpper()) : "")
                    + "   (" + r.iterations() + " iterations)");
        }
        line(out, verdict(d));
        return out.toString();
    }

    /** "agrees …" or "DISAGREES …" with the tolerances used. */
    static String verdict(Derivation d) {
        Derivation.Check r = d.reference();
        if (d.agrees()) {
            return "agrees: objective within " + Fmt.small(Derivation.OBJECTIVE_TOLERANCE) + " relative"
                    + (r.unique() ? ", step within " + Fmt.small(Derivation.STEP_TOLERANCE) + " (scaled by max |u|)" : "");
        }
        String why;
        if (d.orthogonalizer() != null && !d.orthogonalizer().exact()) {
            why = " — expected: the approximate orthogonalizer " + d.orthogonalizer().spec() + " gives an inexact step";
        } else if (r.relativeGap() > Derivation.OBJECTIVE_TOLERANCE && r.gap() > 0) {
            why = " — the reference stopped above the closed-form objective, so the closed form is the better"
                    + " minimizer here: the numeric solver did not converge";
        } else if (r.relativeGap() > Derivation.OBJECTIVE_TOLERANCE) {
            why = " — the reference found a LOWER objective than the closed form";
        } else {
            why = " — equal objectives, different steps";
        }
        return "DISAGREES beyond tolerance (objective " + Fmt.small(Derivation.OBJECTIVE_TOLERANCE) + " relative, step "
                + Fmt.small(Derivation.STEP_TOLERANCE) + ")" + why;
    }

    private static String cText(Derivation d) {
        String text = d.penalty().text();
        if (d.penalty().usesAlpha()) {
            return "c = " + text + " with α = " + Fmt.num(d.alpha())
                    + "  ⇒  c = " + Fmt.num(d.c());
        }
        return "c = " + text + (Fmt.num(d.c()).equals(text) ? "" : "  ⇒  c = " + Fmt.num(d.c()));
    }

    private static String signed(double v) {
        return v > 0 ? "+" + Fmt.small(v) : Fmt.small(v);
    }

    private static void section(StringBuilder out, String title) {
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(title).append('\n');
    }

    private static void line(StringBuilder out, String text) {
        out.append("  ").append(text).append('\n');
    }
}
