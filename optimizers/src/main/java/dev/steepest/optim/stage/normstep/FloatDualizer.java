package dev.steepest.optim.stage.normstep;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Param;

/**
 * The norm step's inner loop, in one place: replaces a float gradient by its dualizer t* and
 * returns the scale ⟨g, t*⟩. Today it converts to a double {@link Tensor}, calls the core
 * {@link Norm#dualize}, and converts back; fused float kernels for particular norms belong here.
 */
public final class FloatDualizer {
    private FloatDualizer() {
    }

    /** What dualizing one tensor gave besides the direction written in place. */
    public record Result(double dualNorm, double orthogonalityError) {
    }

    /** Overwrites {@code g} (laid out as {@code p}) with t*(g); returns ⟨g, t*⟩ and the orthogonality error. */
    public static Result dualizeInPlace(Norm norm, Param p, float[] g) {
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
