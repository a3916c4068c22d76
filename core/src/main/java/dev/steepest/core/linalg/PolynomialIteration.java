package dev.steepest.core.linalg;

import dev.steepest.core.Tensor;

/**
 * The shared loop of the polynomial orthogonalizers: X₀ = G / (‖G‖_F·safety), then for each
 * coefficient triple (a, b, c) of the schedule X ← aX + (bA + cA²)X with A = XXᵀ. Each step applies
 * p(σ) = aσ + bσ³ + cσ⁵ to every singular value and keeps the singular vectors.
 *
 * <p>X is oriented wide (k × N with k ≤ N, a tall input is transposed) so that the Gram matrix A
 * is the smaller k × k one. ‖G‖_F is computed on G / max|Gᵢⱼ|, so huge and tiny inputs stay exact.
 */
final class PolynomialIteration {
    private PolynomialIteration() {
    }

    /** Runs {@code schedule} (rows a, b, c) on {@code g}; the error is {@link Orthogonalizer#orthogonalityError}. */
    static Orthogonalizer.Polar run(Tensor g, double[][] schedule, double safety) {
        return run(g, schedule, safety, 0);
    }

    /** As above with X₀ = G / max(‖G‖_F·safety, eps). */
    static Orthogonalizer.Polar run(Tensor g, double[][] schedule, double safety, double eps) {
        if (!g.isMatrix()) {
            throw new IllegalArgumentException("orthogonalization needs a matrix, got a vector of length " + g.size());
        }
        if (!g.isFinite()) {
            throw new IllegalArgumentException("orthogonalization needs finite entries");
        }
        int m = g.rows();
        int n = g.cols();
        double max = g.maxAbs();
        if (max == 0) {
            return new Orthogonalizer.Polar(Tensor.zerosLike(g), 0);
        }
        boolean tall = m > n;
        int k = tall ? n : m;
        int big = tall ? m : n;
        double[] x = g.toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] /= max;
        }
        if (tall) {
            x = Mat.transpose(x, m, n);
        }
        double fro = Math.max(Vec.norm2(x) * safety, eps / max);
        for (int i = 0; i < x.length; i++) {
            x[i] /= fro;
        }
        for (double[] abc : schedule) {
            double[] a = Mat.gramOfRows(x, k, big);
            double[] b = new double[k * k];
            if (abc[2] != 0) {
                double[] a2 = Mat.multiply(a, a, k, k, k);
                for (int i = 0; i < b.length; i++) {
                    b[i] = abc[1] * a[i] + abc[2] * a2[i];
                }
            } else {
                for (int i = 0; i < b.length; i++) {
                    b[i] = abc[1] * a[i];
                }
            }
            double[] bx = Mat.multiply(b, x, k, k, big);
            for (int i = 0; i < x.length; i++) {
                x[i] = abc[0] * x[i] + bx[i];
            }
        }
        if (tall) {
            x = Mat.transpose(x, k, big);
        }
        Tensor o = Tensor.matrix(m, n, x);
        return new Orthogonalizer.Polar(o, Orthogonalizer.orthogonalityError(o));
    }
}
