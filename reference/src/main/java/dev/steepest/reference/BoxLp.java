package dev.steepest.reference;

import java.util.List;

/**
 * The cutting-plane linear program max ⟨a,u⟩ subject to ⟨sⱼ,u⟩ ≤ bⱼ and −1 ≤ uᵢ ≤ 1, solved by the
 * dual simplex method in inequality form.
 *
 * <p>The start is the box corner u = sign(a), which is dual feasible (its multipliers are |aᵢ|);
 * each iteration brings the most violated cut into the active set of n rows and drops the row
 * chosen by the dual ratio test, until every cut holds. With n ≤ 16 unknowns each iteration is
 * one small LU factorization, so an LP over a few hundred cuts takes microseconds, which is what lets the
 * reference solver re-solve its model after every batch of cuts.
 */
final class BoxLp {
    private BoxLp() {
    }

    /**
     * Solves the LP; {@code u = 0} must be feasible (every {@code b[j] ≥ 0}). Returns the maximizer,
     * or {@code null} when the method does not finish (cycling, a singular active set).
     */
    static double[] maximize(double[] a, List<double[]> cuts, double[] b) {
        int n = a.length;
        int m = cuts.size();
        int[] active = new int[n]; // row ids: j < m is cut j; m + i is uᵢ ≤ 1; m + n + i is −uᵢ ≤ 1
        for (int i = 0; i < n; i++) {
            active[i] = a[i] >= 0 ? m + i : m + n + i;
        }
        boolean[] isActive = new boolean[m + 2 * n];
        for (int id : active) {
            isActive[id] = true;
        }
        double[] rowNorm = new double[m];
        for (int j = 0; j < m; j++) {
            rowNorm[j] = 1 + ReferenceSolver.maxAbs(cuts.get(j));
        }
        double[][] lu = new double[n][n];
        int[] perm = new int[n];
        double[] rhs = new double[n];
        int maxIterations = 10 * (m + n) + 50;
        for (int it = 0; it < maxIterations; it++) {
            for (int k = 0; k < n; k++) {
                row(active[k], cuts, n, m, lu[k]);
                rhs[k] = active[k] < m ? b[active[k]] : 1;
            }
            if (!factor(lu, perm)) {
                return null;
            }
            double[] u = solve(lu, perm, rhs);
            // most violated constraint, measured relative to the row's size
            int enter = -1;
            double worst = 1e-13;
            for (int j = 0; j < m; j++) {
                if (!isActive[j]) {
                    double excess = (ReferenceSolver.dot(cuts.get(j), u) - b[j]) / rowNorm[j];
                    if (excess > worst) {
                        worst = excess;
                        enter = j;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                double excess = (Math.abs(u[i]) - 1) / 2;
                int id = u[i] > 0 ? m + i : m + n + i;
                if (excess > worst && !isActive[id]) {
                    worst = excess;
                    enter = id;
                }
            }
            if (enter < 0) {
                return u;
            }
            double[] lambda = solveTransposed(lu, perm, a);
            double[] entering = new double[n];
            row(enter, cuts, n, m, entering);
            double[] alpha = solveTransposed(lu, perm, entering);
            int leave = -1;
            double theta = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                if (alpha[k] > 1e-12) {
                    double ratio = Math.max(lambda[k], 0) / alpha[k];
                    if (ratio < theta) {
                        theta = ratio;
                        leave = k;
                    }
                }
            }
            if (leave < 0) {
                return null; // infeasible, which u = 0 rules out: numerical trouble
            }
            isActive[active[leave]] = false;
            isActive[enter] = true;
            active[leave] = enter;
        }
        return null;
    }

    /** In-place LU with partial pivoting: P·A = L·U, perm[k] = the original row in position k. */
    static boolean factor(double[][] m, int[] perm) {
        int n = m.length;
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int k = 0; k < n; k++) {
            int piv = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(m[i][k]) > Math.abs(m[piv][k])) {
                    piv = i;
                }
            }
            if (!(Math.abs(m[piv][k]) > 1e-14)) {
                return false;
            }
            double[] t = m[k];
            m[k] = m[piv];
            m[piv] = t;
            int tp = perm[k];
            perm[k] = perm[piv];
            perm[piv] = tp;
            for (int i = k + 1; i < n; i++) {
                double f = m[i][k] / m[k][k];
                m[i][k] = f;
                for (int j = k + 1; j < n; j++) {
                    m[i][j] -= f * m[k][j];
                }
            }
        }
        return true;
    }

    /** x with A x = r, from the factors. */
    static double[] solve(double[][] lu, int[] perm, double[] r) {
        int n = r.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double s = r[perm[i]];
            for (int j = 0; j < i; j++) {
                s -= lu[i][j] * x[j];
            }
            x[i] = s;
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int j = i + 1; j < n; j++) {
                s -= lu[i][j] * x[j];
            }
            x[i] = s / lu[i][i];
        }
        return x;
    }

    /** x with Aᵀ x = c, from the factors of A (Aᵀ = Uᵀ Lᵀ P). */
    static double[] solveTransposed(double[][] lu, int[] perm, double[] c) {
        int n = c.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = c[i];
            for (int j = 0; j < i; j++) {
                s -= lu[j][i] * z[j];
            }
            z[i] = s / lu[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int j = i + 1; j < n; j++) {
                s -= lu[j][i] * z[j];
            }
            z[i] = s;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[perm[i]] = z[i];
        }
        return x;
    }

    private static void row(int id, List<double[]> cuts, int n, int m, double[] out) {
        if (id < m) {
            System.arraycopy(cuts.get(id), 0, out, 0, n);
            return;
        }
        java.util.Arrays.fill(out, 0);
        out[(id - m) % n] = id < m + n ? 1 : -1;
    }
}
