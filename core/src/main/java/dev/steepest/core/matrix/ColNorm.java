package dev.steepest.core.matrix;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Shape;
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

    @Override
    public void checkShape(Shape shape) {
        Shapes.requireMatrix("colnorm", shape);
    }

    /** Each column divided by its ℓ2 norm, in place (a zero column stays 0); returns Σⱼ ‖G_{:,j}‖₂. */
    @Override
    public double dualizeInPlace(float[] g, Shape shape) {
        checkShape(shape);
        return normalizeGroups(g, shape.cols(), shape.rows(), 1, shape.cols());
    }

    /**
     * Divides each of {@code groups} groups of {@code length} entries by its ℓ2 norm (sums in double, zero groups
     * left 0) and returns the sum of the norms. Entry k of group j is {@code g[j·groupStride + k·entryStride]}:
     * the columns of a row-major matrix here, its rows (the columns of its transpose) for {@link RowNorm}.
     */
    static double normalizeGroups(float[] g, int groups, int length, int groupStride, int entryStride) {
        double total = 0;
        for (int j = 0; j < groups; j++) {
            int base = j * groupStride;
            double sq = 0;
            for (int k = 0, at = base; k < length; k++, at += entryStride) {
                double v = g[at];
                sq += v * v;
            }
            double n = Math.sqrt(sq);
            total += n;
            if (n > 0) {
                for (int k = 0, at = base; k < length; k++, at += entryStride) {
                    g[at] = (float) (g[at] / n);
                }
            }
        }
        return total;
    }
}
