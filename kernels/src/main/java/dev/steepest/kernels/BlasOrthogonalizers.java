package dev.steepest.kernels;

import dev.steepest.core.kernels.Elementwise;
import dev.ludovic.netlib.blas.BLAS;
import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.Orthogonalizer;

import java.util.HashMap;
import java.util.Map;

/**
 * The core's {@link Orthogonalizer} interface backed by BLAS/LAPACK, for large matrices where the core's plain
 * triple loops are slow: {@link #ns5()} (float Newton–Schulz quintic ×5, {@link NewtonSchulz}) and {@link #svd()}
 * (exact, double DGESDD, {@link ExactPolarDouble}). Same mathematics and spec names as the core's {@code ns5} and
 * {@code svd}; ns5 here rounds to float. Workspaces are kept per thread and shape, so repeated steps on the same
 * parameter shapes do not allocate them again.
 */
public final class BlasOrthogonalizers {

    private BlasOrthogonalizers() {
    }

    private static final ThreadLocal<Map<Long, NewtonSchulz>> NS = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<Map<Long, ExactPolarDouble>> SVD = ThreadLocal.withInitial(HashMap::new);

    /** Newton–Schulz quintic ×5 in float through SGEMM/SSYRK; error ‖OOᵀ − I‖_F on the smaller side. */
    public static Orthogonalizer ns5() {
        return new Orthogonalizer() {
            @Override
            public String spec() {
                return "ns5";
            }

            @Override
            public boolean exact() {
                return false;
            }

            @Override
            public Polar orthogonalize(Tensor g) {
                check(g);
                int m = g.rows(), n = g.cols();
                double[] src = g.toArray();
                float[] f = new float[src.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) src[i];
                }
                NS.get().computeIfAbsent(key(m, n), k -> new NewtonSchulz(m, n)).orthogonalize(f, f);
                double[] o = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    o[i] = f[i];
                }
                boolean zero = Elementwise.maxAbs(f) == 0;
                return new Polar(Tensor.matrix(m, n, o), zero ? 0 : gramDistance(o, m, n, false));
            }
        };
    }

    /**
     * Exact U_r V_rᵀ through DGESDD; the error is ‖OOᵀ − I‖_F on the smaller side for a full-rank input, and the
     * idempotency defect ‖P² − P‖_F of P = OOᵀ (a projector for an exact factor) for a rank-deficient one.
     */
    public static Orthogonalizer svd() {
        return new Orthogonalizer() {
            @Override
            public String spec() {
                return "svd";
            }

            @Override
            public boolean exact() {
                return true;
            }

            @Override
            public Polar orthogonalize(Tensor g) {
                check(g);
                int m = g.rows(), n = g.cols();
                double[] o = new double[m * n];
                int rank = SVD.get().computeIfAbsent(key(m, n), k -> new ExactPolarDouble(m, n)).polar(g.toArray(), o);
                double error = rank == 0 ? 0 : gramDistance(o, m, n, rank < Math.min(m, n));
                return new Polar(Tensor.matrix(m, n, o), error);
            }
        };
    }

    private static void check(Tensor g) {
        if (!g.isMatrix()) {
            throw new IllegalArgumentException("orthogonalization needs a matrix, got a vector of length " + g.size());
        }
        if (!g.isFinite()) {
            throw new IllegalArgumentException("orthogonalization needs finite entries");
        }
    }

    private static long key(int m, int n) {
        return ((long) m << 32) | n;
    }

    /** ‖P − I‖_F, or ‖P² − P‖_F when {@code projector}, for P the Gram matrix of O on its smaller side. */
    static double gramDistance(double[] o, int m, int n, boolean projector) {
        BLAS blas = Netlib.blas();
        int k = Math.min(m, n);
        double[] p = new double[k * k];
        // O row-major m×n is column-major n×m (call it Y); P = OOᵀ = YᵀY when m ≤ n, OᵀO = YYᵀ otherwise
        if (m <= n) {
            blas.dgemm("T", "N", k, k, n, 1.0, o, n, o, n, 0.0, p, k);
        } else {
            blas.dgemm("N", "T", k, k, m, 1.0, o, n, o, n, 0.0, p, k);
        }
        double[] target;
        if (projector) {
            target = new double[k * k];
            blas.dgemm("N", "N", k, k, k, 1.0, p, k, p, k, 0.0, target, k);
        } else {
            target = new double[k * k];
            for (int i = 0; i < k; i++) {
                target[i * k + i] = 1;
            }
        }
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - target[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
