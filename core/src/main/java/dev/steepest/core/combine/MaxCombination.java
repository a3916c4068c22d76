package dev.steepest.core.combine;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
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
        List<Tensor> t = new ArrayList<>(parts.size());
        double d = 0;
        for (int i = 0; i < parts.size(); i++) {
            t.add(parts.get(i).direction().scale(1 / scales[i]));
            d += parts.get(i).dualNorm() / scales[i];
        }
        return new CombinedDualized(t, d, Combinations.worstError(parts));
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
