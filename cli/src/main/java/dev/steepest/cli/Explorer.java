package dev.steepest.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steepest.core.Norm;
import dev.steepest.core.Step;
import dev.steepest.core.Steps;
import dev.steepest.core.Tensor;
import dev.steepest.problems.Function2;
import dev.steepest.problems.Problems;
import java.util.Map;

/**
 * The numbers behind the {@code explore} page, all computed here from the core (the page only
 * draws them): the derivation of {@code derive --json} for the penalized step, the constrained step,
 * the unit and dual balls, level sets of the penalized objective, and a few steps on a 2-D problem.
 *
 * <p>A matrix norm acts on G = [[g₁, o₁], [o₂, g₂]]; its pictures show the plane of diagonal
 * matrices diag(x, y) (the slice the dragged gradient moves in), without level sets.
 */
final class Explorer {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Points on each drawn curve. */
    static final int CURVE_POINTS = 180;
    /** Steps taken on the 2-D problem. */
    static final int PATH_STEPS = 12;
    /** Side of the grid of f values the page shades. */
    static final int GRID = 36;
    private static final double[] LEVELS = {0.9, 0.6, 0.3};

    private Explorer() {
    }

    /**
     * Answers one query: {@code norm}, {@code grad} ("x,y"), {@code offdiag} ("o₁,o₂", matrix norms),
     * {@code penalty}, {@code alpha} (optional), {@code radius}, {@code problem} (quadratic or rosenbrock) and
     * {@code pathAlpha} (the α of the steps on the problem, whose curvature wants smaller steps than the picture).
     */
    static ObjectNode answer(Map<String, String> q) {
        String normSpec = required(q, "norm");
        double[] xy = pair(required(q, "grad"), "grad");
        double radius = number(q.getOrDefault("radius", "0.5"), "radius");
        Double alpha = q.containsKey("alpha") && !q.get("alpha").isBlank() ? number(q.get("alpha"), "alpha") : null;
        boolean matrix = isMatrixNorm(normSpec);
        double[] off = matrix ? pair(q.getOrDefault("offdiag", "0,0"), "offdiag") : null;
        Tensor g = matrix ? Tensor.matrix(new double[][] {{xy[0], off[0]}, {off[1], xy[1]}}) : Tensor.vector(xy);
        String penalty = required(q, "penalty");
        if (!Penalty.parse(penalty).usesAlpha()) {
            alpha = null; // the page always sends α; a constant penalty ignores it
        }
        Derivation d = Derivation.of(new Derivation.Request(normSpec, null, penalty, alpha, null, g),
                GradientInput::parseValues);
        Norm norm = d.norm();
        Step constrained = Steps.constrained(norm, g, radius);

        ObjectNode o = F.objectNode();
        o.set("derive", JsonReport.tree(d));
        o.put("matrix", matrix);
        o.put("title", d.info().title());
        o.put("dualTitle", d.info().dualTitle());
        o.put("dualizerFormula", d.info().dualizerFormula());
        o.put("constrainedName", d.info().constrainedName());
        o.set("tStar", JsonReport.tensor(d.step().direction()));
        o.set("constrainedStep", JsonReport.tensor(constrained.update()));
        o.set("radius", JsonReport.number(radius));
        o.set("constrainedSymbolic", F.textNode("u = −" + Fmt.exact(radius) + "·t*"));
        o.set("ball", curve(norm, matrix, false));
        o.set("dualBall", curve(norm, matrix, true));
        o.set("levels", levels(norm, g, d.c(), matrix, d.step().update(), d.step().objective()));
        double pathC = d.c();
        if (d.penalty().usesAlpha() && q.containsKey("pathAlpha") && !q.get("pathAlpha").isBlank()) {
            pathC = d.penalty().coefficient(number(q.get("pathAlpha"), "pathAlpha"));
        }
        o.set("path", matrix ? F.nullNode() : path(norm, pathC, q.getOrDefault("problem", "quadratic")));
        return o;
    }

    static boolean isMatrixNorm(String spec) {
        String family = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        return switch (family) {
            case "frobenius", "spectral", "nuclear", "schatten", "colnorm", "rownorm", "maxabs", "rms" -> true;
            default -> false;
        };
    }

    /** The point of the plane (x, y) as a tensor of the norm's kind (diag(x, y) for a matrix norm). */
    private static Tensor point(double x, double y, boolean matrix) {
        return matrix ? Tensor.matrix(new double[][] {{x, 0}, {0, y}}) : Tensor.vector(x, y);
    }

    /** The boundary of the unit ball {‖x‖ ≤ 1} (or of the dual ball {‖x‖_* ≤ 1}), one point per ray. */
    private static ArrayNode curve(Norm norm, boolean matrix, boolean dual) {
        ArrayNode a = F.arrayNode();
        for (int i = 0; i < CURVE_POINTS; i++) {
            double th = 2 * Math.PI * i / CURVE_POINTS;
            Tensor d = point(Math.cos(th), Math.sin(th), matrix);
            double n = dual ? norm.dual(d) : norm.value(d);
            a.addArray().add(Math.cos(th) / n).add(Math.sin(th) / n);
        }
        return a;
    }

    /**
     * Level sets {Δ : ⟨g, Δ⟩ + c‖Δ‖² = v} for v = fractions of the minimum. The objective is convex with
     * its minimum at the step u, so along each ray u + s·d (s ≥ 0) it increases and crosses v once;
     * the crossing is found by bisection. One closed curve per level, in the plane of the picture.
     */
    private static ArrayNode levels(Norm norm, Tensor g, double c, boolean matrix, Tensor u, double minimum) {
        ArrayNode all = F.arrayNode();
        if (!(minimum < 0) || matrix) {
            return all; // a matrix step leaves the diagonal slice, so its level sets are not drawn there
        }
        double[] u2 = matrix ? new double[] {u.at(0, 0), u.at(1, 1)} : u.toArray();
        for (double fraction : LEVELS) {
            double v = fraction * minimum;
            ArrayNode level = all.addArray();
            for (int i = 0; i < CURVE_POINTS; i++) {
                double th = 2 * Math.PI * i / CURVE_POINTS;
                double dx = Math.cos(th);
                double dy = Math.sin(th);
                double lo = 0;
                double hi = 1e-3 * (1 + Math.hypot(u2[0], u2[1]));
                while (objective(norm, g, c, matrix, u2[0] + hi * dx, u2[1] + hi * dy) < v && hi < 1e9) {
                    lo = hi;
                    hi *= 2;
                }
                for (int k = 0; k < 60; k++) {
                    double mid = (lo + hi) / 2;
                    if (objective(norm, g, c, matrix, u2[0] + mid * dx, u2[1] + mid * dy) < v) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                double s = (lo + hi) / 2;
                level.addArray().add(u2[0] + s * dx).add(u2[1] + s * dy);
            }
        }
        return all;
    }

    /** ⟨g, Δ⟩ + c‖Δ‖² at the point (x, y) of the picture's plane. */
    private static double objective(Norm norm, Tensor g, double c, boolean matrix, double x, double y) {
        Tensor d = point(x, y, matrix);
        double n = norm.value(d);
        return g.dot(d) + c * n * n;
    }

    /** {@link #PATH_STEPS} penalized steps from the problem's start, and a grid of f for shading. */
    private static ObjectNode path(Norm norm, double c, String problem) {
        Function2 f = switch (problem) {
            case "quadratic" -> Problems.QUADRATIC;
            case "rosenbrock" -> Problems.ROSENBROCK;
            default -> throw new IllegalArgumentException("unknown problem '" + problem + "'; use quadratic or rosenbrock");
        };
        ObjectNode o = F.objectNode();
        o.put("problem", problem);
        o.set("c", JsonReport.number(c));
        double[] x = f.start().clone();
        ArrayNode pts = o.putArray("points");
        ArrayNode values = o.putArray("values");
        pts.addArray().add(x[0]).add(x[1]);
        values.add(JsonReport.number(f.value(x[0], x[1])));
        for (int k = 0; k < PATH_STEPS; k++) {
            double[] u = Steps.penalized(norm, Tensor.vector(f.gradient(x[0], x[1])), c).update().toArray();
            x = new double[] {x[0] + u[0], x[1] + u[1]};
            if (!Double.isFinite(x[0]) || !Double.isFinite(x[1]) || Math.abs(x[0]) > 1e6 || Math.abs(x[1]) > 1e6) {
                o.put("diverged", true);
                break;
            }
            pts.addArray().add(x[0]).add(x[1]);
            values.add(JsonReport.number(f.value(x[0], x[1])));
        }
        double[] m = f.minimum();
        o.putArray("minimum").add(m[0]).add(m[1]);
        double x0 = Math.min(f.start()[0], m[0]) - 1.5;
        double x1 = Math.max(f.start()[0], m[0]) + 1.5;
        double y0 = Math.min(f.start()[1], m[1]) - 1.5;
        double y1 = Math.max(f.start()[1], m[1]) + 1.5;
        o.putArray("box").add(x0).add(x1).add(y0).add(y1);
        ArrayNode grid = o.putArray("grid");
        for (int i = 0; i < GRID; i++) {
            ArrayNode row = grid.addArray();
            double y = y1 - (i + 0.5) * (y1 - y0) / GRID;
            for (int j = 0; j < GRID; j++) {
                double xx = x0 + (j + 0.5) * (x1 - x0) / GRID;
                row.add(Math.log1p(f.value(xx, y)));
            }
        }
        return o;
    }

    private static String required(Map<String, String> q, String key) {
        String v = q.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return v;
    }

    private static double number(String s, String what) {
        try {
            double v = Double.parseDouble(s.strip());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a finite number, got '" + s + "'");
        }
    }

    private static double[] pair(String s, String what) {
        String[] p = s.split(",");
        if (p.length != 2) {
            throw new IllegalArgumentException(what + " must be two numbers 'x,y', got '" + s + "'");
        }
        return new double[] {number(p[0], what), number(p[1], what)};
    }
}
