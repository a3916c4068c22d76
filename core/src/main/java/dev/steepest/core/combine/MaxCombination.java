package dev.steepest.core.combine;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The max combination (modular norm) ‖x‖ = maxᵢ sᵢ‖xᵢ‖ with per-tensor scales sᵢ &gt; 0.
 * Dual Σᵢ ‖gᵢ‖_* / sᵢ; t*ᵢ = t*(gᵢ)/sᵢ.
 *
 * <p>The penalized step uᵢ = −(D/(2c))·t*(gᵢ)/sᵢ with D = Σⱼ ‖gⱼ‖_* / sⱼ couples the tensors through
 * one global scale: every tensor moves by the same amount D/(2c) in its own scaled norm. The
 * constrained step uᵢ = −η·t*(gᵢ)/sᵢ is per tensor. A zero gᵢ gets t*ᵢ = 0 (any direction of
 * norm ≤ 1/sᵢ would be optimal there).
 */
public final class MaxCombination implements Combination {
    private final List<Norm> norms;
    private final double[] scales;

    /** maxᵢ sᵢ‖xᵢ‖ with {@code scales} sᵢ, each positive and finite, one per norm. */
    public MaxCombination(List<Norm> norms, double... scales) {
        this.norms = Combinations.norms(norms);
        if (scales.length != this.norms.size()) {
            throw new IllegalArgumentException("the max combination has " + this.norms.size() + " norms but "
                    + scales.length + " scales");
        }
        for (int i = 0; i < scales.length; i++) {
            if (!(scales[i] > 0) || Double.isInfinite(scales[i])) {
                throw new IllegalArgumentException("scale " + (i + 1) + " of the max combination must be positive and"
                        + " finite, got " + scales[i]);
            }
        }
        this.scales = scales.clone();
    }

    /** maxᵢ ‖xᵢ‖ (all scales 1). */
    public static MaxCombination of(List<Norm> norms) {
        double[] s = new double[norms == null ? 0 : norms.size()];
        Arrays.fill(s, 1);
        return new MaxCombination(norms, s);
    }

    @Override
    public List<Norm> norms() {
        return norms;
    }

    /** A copy of the scales sᵢ. */
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public double value(List<Tensor> x) {
        Combinations.check(norms, x, "the argument");
        double m = 0;
        for (int i = 0; i < x.size(); i++) {
            m = Math.max(m, scales[i] * norms.get(i).value(x.get(i)));
        }
        return m;
    }

    @Override
    public double dual(List<Tensor> g) {
        Combinations.check(norms, g, "the gradient");
        double s = 0;
        for (int i = 0; i < g.size(); i++) {
            s += norms.get(i).dual(g.get(i)) / scales[i];
        }
        return s;
    }

    @Override
    public CombinedDualized dualize(List<Tensor> g) {
        List<Dualized> parts = Combinations.dualizeEach(norms, g);
        double[] d = new double[parts.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = parts.get(i).dualNorm();
        }
        double[] f = new double[d.length];
        double total = factors(d, scales, f);
        List<Tensor> t = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            t.add(parts.get(i).direction().scale(f[i]));
        }
        return new CombinedDualized(t, total, Combinations.worstError(parts));
    }

    @Override
    public double dualizeInPlace(List<float[]> g, List<Shape> shapes) {
        double[] d = Combinations.dualizeEachInPlace(norms, g, shapes);
        double total = factors(d, scales, d);
        Combinations.scaleEach(g, d);
        return total;
    }

    /**
     * The max combination's dualizer from its parts: given the parts' dual norms dᵢ and the scales sᵢ, writes the
     * factors fᵢ = 1/sᵢ of t*ᵢ = fᵢ·t*(gᵢ) into {@code f} (may be {@code d}) and returns D = Σ dᵢ/sᵢ. The one
     * place this arithmetic lives; optimizers combining tensors call it too.
     */
    public static double factors(double[] d, double[] scales, double[] f) {
        if (scales.length != d.length) {
            throw new IllegalArgumentException(d.length + " dual norms but " + scales.length + " scales");
        }
        double total = 0;
        for (int i = 0; i < d.length; i++) {
            total += d[i] / scales[i];
            f[i] = 1 / scales[i];
        }
        return total;
    }

    @Override
    public CombinedStep penalized(List<Tensor> g, double c) {
        return Combinations.penalized(this, g, c);
    }

    @Override
    public CombinedStep constrained(List<Tensor> g, double eta) {
        return Combinations.constrained(this, g, eta);
    }
}
