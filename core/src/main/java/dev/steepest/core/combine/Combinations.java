package dev.steepest.core.combine;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.kernels.Elementwise;
import dev.steepest.core.Step;
import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Shared checks and the step arithmetic of the combinations. */
final class Combinations {
    private Combinations() {
    }

    static List<Norm> norms(List<Norm> norms) {
        if (norms == null || norms.isEmpty()) {
            throw new IllegalArgumentException("a combination needs at least one norm");
        }
        for (int i = 0; i < norms.size(); i++) {
            if (norms.get(i) == null) {
                throw new IllegalArgumentException("norm " + (i + 1) + " of the combination is missing");
            }
        }
        return List.copyOf(norms);
    }

    /** Checks that {@code x} has one tensor per norm, each of a shape its norm measures. */
    static void check(List<Norm> norms, List<Tensor> x, String what) {
        if (x == null || x.size() != norms.size()) {
            throw new IllegalArgumentException("the combination has " + norms.size() + " norms but " + what + " has "
                    + (x == null ? 0 : x.size()) + " tensors");
        }
        for (int i = 0; i < x.size(); i++) {
            if (x.get(i) == null) {
                throw new IllegalArgumentException(what + " tensor " + (i + 1) + " is missing");
            }
            try {
                norms.get(i).checkShape(x.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " tensor " + (i + 1) + ": " + e.getMessage());
            }
        }
    }

    static void checkGradient(List<Norm> norms, List<Tensor> g) {
        check(norms, g, "the gradient");
        for (int i = 0; i < g.size(); i++) {
            if (!g.get(i).isFinite()) {
                throw new IllegalArgumentException("the gradient tensor " + (i + 1) + " has a non-finite entry");
            }
        }
    }

    static List<Dualized> dualizeEach(List<Norm> norms, List<Tensor> g) {
        checkGradient(norms, g);
        List<Dualized> out = new ArrayList<>(g.size());
        for (int i = 0; i < g.size(); i++) {
            out.add(norms.get(i).dualize(g.get(i)));
        }
        return out;
    }

    /** Each part's float dualizer in place; the parts' scales ⟨gᵢ, t*(gᵢ)⟩ in tensor order. */
    static double[] dualizeEachInPlace(List<Norm> norms, List<float[]> g, List<Shape> shapes) {
        if (g == null || shapes == null || g.size() != norms.size() || shapes.size() != norms.size()) {
            throw new IllegalArgumentException("the combination has " + norms.size() + " norms but was given "
                    + (g == null ? 0 : g.size()) + " tensors and " + (shapes == null ? 0 : shapes.size()) + " shapes");
        }
        double[] d = new double[g.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = norms.get(i).dualizeInPlace(g.get(i), shapes.get(i));
        }
        return d;
    }

    /** gᵢ ← fᵢ·gᵢ for every tensor. */
    static void scaleEach(List<float[]> g, double[] f) {
        for (int i = 0; i < f.length; i++) {
            if (f[i] != 1) {
                Elementwise.scale(g.get(i), f[i]);
            }
        }
    }

    /** The largest non-NaN orthogonality error, NaN if all are NaN. */
    static double worstError(List<Dualized> parts) {
        double worst = Double.NaN;
        for (Dualized d : parts) {
            double e = d.orthogonalityError();
            if (!Double.isNaN(e) && (Double.isNaN(worst) || e > worst)) {
                worst = e;
            }
        }
        return worst;
    }

    static void checkC(double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("the penalty coefficient c must be positive and finite, got " + c);
        }
    }

    static void checkEta(double eta) {
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("the radius η must be non-negative and finite, got " + eta);
        }
    }

    static List<Tensor> scaleAll(List<Tensor> t, double beta) {
        List<Tensor> out = new ArrayList<>(t.size());
        for (Tensor x : t) {
            out.add(x.scale(beta));
        }
        return out;
    }

    static double dot(List<Tensor> g, List<Tensor> u) {
        double s = 0;
        for (int i = 0; i < g.size(); i++) {
            s += g.get(i).dot(u.get(i));
        }
        return s;
    }

    /** u = −(D/(2c))·t* for the combination's dualizer. */
    static CombinedStep penalized(Combination comb, List<Tensor> g, double c) {
        checkC(c);
        CombinedDualized d = comb.dualize(g);
        double radius = d.dualNorm() / (2 * c);
        List<Tensor> u = scaleAll(d.directions(), -radius);
        double n = comb.value(u);
        double objective = dot(g, u) + c * n * n;
        return new CombinedStep(Step.Form.PENALIZED, d.directions(), d.dualNorm(), radius, u, objective,
                d.orthogonalityError());
    }

    /** u = −η·t*. */
    static CombinedStep constrained(Combination comb, List<Tensor> g, double eta) {
        checkEta(eta);
        CombinedDualized d = comb.dualize(g);
        List<Tensor> u = scaleAll(d.directions(), -eta);
        return new CombinedStep(Step.Form.CONSTRAINED, d.directions(), d.dualNorm(), eta, u, dot(g, u),
                d.orthogonalityError());
    }
}
