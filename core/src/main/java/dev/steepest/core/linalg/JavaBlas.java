package dev.steepest.core.linalg;

import dev.steepest.core.Tensor;
import java.nio.FloatBuffer;

/**
 * {@link Blas} in plain Java: straightforward loops over array-backed buffers (cache-friendly loop orders,
 * nothing more), and the SVD by the core's Jacobi {@link Svd} in double precision. Correct everywhere, and
 * many times slower than a native BLAS on large matrices.
 */
public final class JavaBlas implements Blas {

    @Override
    public String describe() {
        return "plain Java (no native BLAS/LAPACK)";
    }

    @Override
    public boolean nativeCode() {
        return false;
    }

    @Override
    public FloatBuffer allocate(int n) {
        return FloatBuffer.wrap(new float[n]);
    }

    private static float[] arr(FloatBuffer b) {
        if (!b.hasArray() || b.arrayOffset() != 0) {
            throw new IllegalArgumentException("JavaBlas needs buffers from its own allocate()");
        }
        return b.array();
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer ab, int lda,
                      FloatBuffer bb, int ldb, float beta, FloatBuffer cb, int ldc) {
        float[] a = arr(ab), b = arr(bb), c = arr(cb);
        float[] col = new float[k];
        float[] row = new float[m];
        for (int j = 0; j < n; j++) {
            // column j of op(B)
            for (int l = 0; l < k; l++) {
                col[l] = transB ? b[l * ldb + j] : b[j * ldb + l];
            }
            java.util.Arrays.fill(row, 0f);
            if (!transA) {
                for (int l = 0; l < k; l++) {
                    float x = col[l];
                    if (x == 0) {
                        continue;
                    }
                    int off = l * lda;
                    for (int i = 0; i < m; i++) {
                        row[i] += a[off + i] * x;
                    }
                }
            } else {
                for (int i = 0; i < m; i++) {
                    int off = i * lda;
                    float s = 0;
                    for (int l = 0; l < k; l++) {
                        s += a[off + l] * col[l];
                    }
                    row[i] = s;
                }
            }
            int cj = j * ldc;
            for (int i = 0; i < m; i++) {
                c[cj + i] = beta == 0 ? alpha * row[i] : alpha * row[i] + beta * c[cj + i];
            }
        }
    }

    @Override
    public void ssyrkUpper(boolean trans, int n, int k, float alpha, FloatBuffer ab, int lda, float beta,
                           FloatBuffer cb, int ldc) {
        float[] a = arr(ab), c = arr(cb);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i <= j; i++) {
                float s = 0;
                if (trans) { // (AᵀA)ᵢⱼ: columns i and j of A (k×n)
                    int oi = i * lda, oj = j * lda;
                    for (int l = 0; l < k; l++) {
                        s += a[oi + l] * a[oj + l];
                    }
                } else { // (AAᵀ)ᵢⱼ: rows i and j of A (n×k)
                    for (int l = 0; l < k; l++) {
                        s += a[l * lda + i] * a[l * lda + j];
                    }
                }
                int at = j * ldc + i;
                c[at] = beta == 0 ? alpha * s : alpha * s + beta * c[at];
            }
        }
    }

    @Override
    public void ssymmUpper(boolean left, int m, int n, float alpha, FloatBuffer ab, int lda, FloatBuffer bb,
                           int ldb, float beta, FloatBuffer cb, int ldc) {
        int s = left ? m : n;
        float[] a = arr(ab);
        float[] full = new float[s * s];
        for (int j = 0; j < s; j++) {
            for (int i = 0; i <= j; i++) {
                full[j * s + i] = a[j * lda + i];
                full[i * s + j] = a[j * lda + i];
            }
        }
        FloatBuffer f = FloatBuffer.wrap(full);
        if (left) {
            sgemm(false, false, m, n, m, alpha, f, s, bb, ldb, beta, cb, ldc);
        } else {
            sgemm(false, false, m, n, n, alpha, bb, ldb, f, s, beta, cb, ldc);
        }
    }

    @Override
    public void sgesddWide(int m, int n, FloatBuffer ab, int lda, FloatBuffer sb, FloatBuffer ub, int ldu,
                           FloatBuffer vtb, int ldvt) {
        float[] a = arr(ab), s = arr(sb), u = arr(ub), vt = arr(vtb);
        double[] d = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float x = a[j * lda + i];
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException("the SVD needs finite entries");
                }
                d[i * n + j] = x;
            }
        }
        Svd.Decomposition dec = Svd.decompose(Tensor.matrix(m, n, d));
        double[] sigma = dec.sigma();
        Tensor uu = dec.u(); // m×m
        Tensor vv = dec.v(); // n×m
        for (int l = 0; l < m; l++) {
            s[l] = (float) sigma[l];
            for (int i = 0; i < m; i++) {
                u[l * ldu + i] = (float) uu.at(i * m + l);
            }
            for (int j = 0; j < n; j++) {
                vt[j * ldvt + l] = (float) vv.at(j * m + l);
            }
        }
    }
}
