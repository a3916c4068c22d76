package dev.steepest.core.combine;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Vec;
import java.util.ArrayList;
import java.util.List;

/**
 * The ℓ2 combination ‖x‖ = √(Σᵢ ‖xᵢ‖²). Dual D = √(Σᵢ dᵢ²) with dᵢ = ‖gᵢ‖_*;
 * t*ᵢ = (dᵢ/D)·t*(gᵢ).
 *
 * <p>The penalized step splits into independent per-tensor steps uᵢ = −(dᵢ/(2c))·t*(gᵢ), each the
 * penalized step of its own norm with the same c. The constrained step uᵢ = −η·(dᵢ/D)·t*(gᵢ)
 * shares the radius η among the tensors in proportion to their dual norms.
 */
public final class L2Combination implements Combination {
    private final List<Norm> norms;

    /** √(Σᵢ ‖xᵢ‖²) over {@code norms}. */
    public L2Combination(List<Norm> norms) {
        this.norms = Combinations.norms(norms);
    }

    @Override
    public List<Norm> norms() {
        return norms;
    }

    @Override
    public double value(List<Tensor> x) {
        Combinations.check(norms, x, "the argument");
        double[] v = new double[x.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = norms.get(i).value(x.get(i));
        }
        return Vec.norm2(v);
    }

    @Override
    public double dual(List<Tensor> g) {
        Combinations.check(norms, g, "the gradient");
        double[] d = new double[g.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = norms.get(i).dual(g.get(i));
        }
        return Vec.norm2(d);
    }

    @Override
    public CombinedDualized dualize(List<Tensor> g) {
        List<Dualized> parts = Combinations.dualizeEach(norms, g);
        double[] d = new double[parts.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = parts.get(i).dualNorm();
        }
        double[] f = new double[d.length];
        double total = factors(d, f);
        List<Tensor> t = new ArrayList<>(parts.size());
        for (int i = 0; i < d.length; i++) {
            Tensor dir = parts.get(i).direction();
            t.add(total == 0 ? Tensor.zerosLike(dir) : dir.scale(f[i]));
        }
        return new CombinedDualized(t, total, Combinations.worstError(parts));
    }

    @Override
    public double dualizeInPlace(List<float[]> g, List<Shape> shapes) {
        double[] d = Combinations.dualizeEachInPlace(norms, g, shapes);
        double total = factors(d, d);
        Combinations.scaleEach(g, d);
        return total;
    }

    /**
     * The ℓ2 combination's dualizer from its parts: given the parts' dual norms dᵢ, writes the factors
     * fᵢ = dᵢ/D of t*ᵢ = fᵢ·t*(gᵢ) (all 0 when D = 0) into {@code f} (may be {@code d}) and returns
     * D = √(Σ dᵢ²). The one place this arithmetic lives; optimizers combining tensors call it too.
     */
    public static double factors(double[] d, double[] f) {
        double total = Vec.norm2(d);
        for (int i = 0; i < d.length; i++) {
            f[i] = total == 0 ? 0 : d[i] / total;
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
