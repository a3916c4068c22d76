package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Blas;
import dev.steepest.core.linalg.ExactPolar;
import dev.steepest.core.linalg.PerShape;
import dev.steepest.core.linalg.Svd;

/**
 * A unitarily invariant matrix norm as a vector norm of the singular values: ‖W‖ = ‖σ(W)‖_v. Its dual is
 * ‖σ(G)‖_v* and its dualizer U·diag(t*(σ))·Vᵀ, with t* the vector norm's dualizer at σ (nuclear, spectral and
 * Schatten-p are ℓ1, ℓ∞ and ℓp of σ). Both the double path ({@link Svd}) and the float path
 * ({@link ExactPolar}: SGESDD with a native BLAS) go through the vector norm, so no formula is written twice.
 */
final class SingularValueNorm {
    private final Norm vector;
    private final PerShape<Workspace> workspaces = new PerShape<>(Workspace::new);

    /** @param vector the norm applied to the singular values */
    SingularValueNorm(Norm vector) {
        this.vector = vector;
    }

    double value(Tensor x) {
        return vector.value(Tensor.vector(Svd.decompose(x).sigma()));
    }

    double dual(Tensor g) {
        return vector.dual(Tensor.vector(Svd.decompose(g).sigma()));
    }

    Dualized dualize(Tensor g) {
        Svd.Decomposition d = Svd.decompose(g);
        Dualized t = vector.dualize(Tensor.vector(d.sigma()));
        return new Dualized(d.compose(t.direction().toArray()), t.dualNorm());
    }

    /** The float step: g ← U·diag(t*(σ))·Vᵀ, returns ‖σ‖_v*. */
    double dualizeInPlace(float[] g, Shape shape) {
        Workspace w = workspaces.get(shape);
        w.svd.decompose(g);
        System.arraycopy(w.svd.singularValues(), 0, w.weights, 0, w.weights.length);
        double scale = vector.dualizeInPlace(w.weights, w.shape);
        w.svd.composeInPlace(w.weights, g);
        return scale;
    }

    private static final class Workspace {
        final ExactPolar svd;
        final float[] weights;
        final Shape shape;

        Workspace(int rows, int cols) {
            this.svd = new ExactPolar(rows, cols, Blas.get());
            this.weights = new float[Math.min(rows, cols)];
            this.shape = Shape.vector(weights.length);
        }
    }
}
