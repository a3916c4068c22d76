package dev.steepest.optim.stage.normstep;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Tensor;
import dev.steepest.core.matrix.Frobenius;
import dev.steepest.core.matrix.MaxAbs;
import dev.steepest.core.vector.L2;
import dev.steepest.core.vector.LInf;
import dev.steepest.core.kernels.Elementwise;
import dev.steepest.optim.Param;

/**
 * The norm step's inner loop, in one place: replaces a float gradient by its dualizer t* and
 * returns the scale ⟨g, t*⟩. The entrywise ℓ∞ and ℓ2 norms use the float kernels of
 * {@code dev.steepest.core.kernels.Elementwise}; other norms convert to a double {@link Tensor}, call the core
 * {@link Norm#dualize}, and convert back.
 */
public final class FloatDualizer {
    private FloatDualizer() {
    }

    /** What dualizing one tensor gave besides the direction written in place. */
    public record Result(double dualNorm, double orthogonalityError) {
    }

    /**
     * Overwrites {@code g} (laid out as {@code p}) with t*(g); returns ⟨g, t*⟩ and the orthogonality error.
     * The entrywise ℓ∞ and ℓ2 norms (linf, maxabs, l2, frobenius) run as float kernels in place (one
     * reduction pass, one update pass, nothing allocated); every other norm goes through the core.
     */
    public static Result dualizeInPlace(Norm norm, Param p, float[] g) {
        if (norm instanceof LInf || norm instanceof MaxAbs) {
            // t* = sign(g), ⟨g, t*⟩ = ‖g‖₁
            double l1 = Elementwise.sumAbs(g);
            Elementwise.sign(g, g);
            return new Result(l1, Double.NaN);
        }
        if (norm instanceof L2 || norm instanceof Frobenius) {
            // t* = g/‖g‖₂, ⟨g, t*⟩ = ‖g‖₂ (g = 0 stays 0)
            double n = Elementwise.norm2(g);
            if (n > 0) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) (g[i] / n);
                }
            }
            return new Result(n, Double.NaN);
        }
        Tensor t = p.tensor(g);
        try {
            norm.checkShape(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("norm '" + norm.spec() + "' cannot take parameter " + p + ": "
                    + e.getMessage(), e);
        }
        Dualized d = norm.dualize(t);
        Tensor dir = d.direction();
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) dir.at(i);
        }
        return new Result(d.dualNorm(), d.orthogonalityError());
    }
}
