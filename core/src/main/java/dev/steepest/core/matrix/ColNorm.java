package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Vec;

/**
 * Max column norm maxⱼ ‖W_{:,j}‖₂ (the ℓ1→ℓ2 operator norm). Dual Σⱼ ‖G_{:,j}‖₂; t* normalizes
 * each column, G_{:,j}/‖G_{:,j}‖₂: column normalization (Scion's ColNorm). A zero column of a
 * non-zero G may get any vector of length ≤ 1 without changing the objective; the documented
 * choice is 0.
 */
public final class ColNorm implements Norm {
    @Override
    public String spec() {
        return "colnorm";
    }

    @Override
    public void checkShape(Tensor x) {
        Shapes.requireMatrix("colnorm", x);
    }

    @Override
    public double value(Tensor x) {
        checkShape(x);
        double m = 0;
        for (int j = 0; j < x.cols(); j++) {
            m = Math.max(m, Vec.norm2(Shapes.column(x, j)));
        }
        return m;
    }

    @Override
    public double dual(Tensor g) {
        checkShape(g);
        double s = 0;
        for (int j = 0; j < g.cols(); j++) {
            s += Vec.norm2(Shapes.column(g, j));
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
        for (int j = 0; j < cols; j++) {
            double[] c = Shapes.column(g, j);
            double n = Vec.norm2(c);
            s += n;
            if (n > 0) {
                for (int i = 0; i < rows; i++) {
                    t[i * cols + j] = c[i] / n;
                }
            }
        }
        return new Dualized(Tensor.matrix(rows, cols, t), s);
    }

    /** Unique unless a non-zero G has a zero column. */
    @Override
    public boolean uniqueAt(Tensor g) {
        checkShape(g);
        if (g.isZero()) {
            return true;
        }
        for (int j = 0; j < g.cols(); j++) {
            if (Vec.maxAbs(Shapes.column(g, j)) == 0) {
                return false;
            }
        }
        return true;
    }
}
