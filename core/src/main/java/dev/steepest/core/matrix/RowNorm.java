package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Vec;

/**
 * Max row norm maxᵢ ‖W_{i,:}‖₂ (the ℓ2→ℓ∞ operator norm). Dual Σᵢ ‖G_{i,:}‖₂; t* normalizes each
 * row, G_{i,:}/‖G_{i,:}‖₂: row normalization (Scion's RowNorm). A zero row of a non-zero G may get
 * any vector of length ≤ 1 without changing the objective; the documented choice is 0.
 */
public final class RowNorm implements Norm {
    @Override
    public String spec() {
        return "rownorm";
    }

    @Override
    public void checkShape(Tensor x) {
        Shapes.requireMatrix("rownorm", x);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        double m = 0;
        for (int i = 0; i < x.rows(); i++) {
            m = Math.max(m, Vec.norm2(Shapes.row(x, i)));
        }
        return m;
    }

    @Override
    public double dual(Tensor g) {
        checkShape(g);
        double s = 0;
        for (int i = 0; i < g.rows(); i++) {
            s += Vec.norm2(Shapes.row(g, i));
        }
        return s;
    }

    @Override
    public Dualized dualize(Tensor g) {
        checkShape(g);
        int rows = g.rows();
        int cols = g.cols();
        double[] t = new double[rows * cols];
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double[] r = Shapes.row(g, i);
            double n = Vec.norm2(r);
            s += n;
            if (n > 0) {
                for (int j = 0; j < cols; j++) {
                    t[i * cols + j] = r[j] / n;
                }
            }
        }
        return new Dualized(Tensor.matrix(rows, cols, t), s);
    }

    /** Unique unless a non-zero G has a zero row. */
    @Override
    public boolean uniqueAt(Tensor g) {
        checkShape(g);
        if (g.isZero()) {
            return true;
        }
        for (int i = 0; i < g.rows(); i++) {
            if (Vec.maxAbs(Shapes.row(g, i)) == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void checkShape(Shape shape) {
        Shapes.requireMatrix("rownorm", shape);
    }

    /** ColNorm's float step on the transpose: each row divided by its ℓ2 norm, in place; returns Σᵢ ‖G_{i,:}‖₂. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        checkShape(shape);
        return ColNorm.normalizeGroups(g, shape.rows(), shape.cols(), shape.cols(), 1);
    }
}
