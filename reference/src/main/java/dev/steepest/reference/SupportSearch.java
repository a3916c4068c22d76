package dev.steepest.reference;

import dev.steepest.core.Norm;
import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One numeric search for max ⟨g,t⟩ over the unit ball N(t) ≤ 1, using only values of N.
 * See {@link ReferenceSolver} for the method.
 */
final class SupportSearch {
    /** Prints the progress of every search to stdout (system property steepest.reference.debug). */
    private static final boolean DEBUG = Boolean.getBoolean("steepest.reference.debug");

    /** Stop when the model's upper bound is this close (relative) to the best feasible value. */
    private static final double TOLERANCE = 1e-13;
    /** Radius of the box that keeps the first, global linear programs bounded (scaled coordinates). */
    private static final double GLOBAL_BOX = 1e4;
    private static final int MAX_LOCAL_ROUNDS = 80;

    private final Norm norm;
    private final Tensor g;
    private final int n;
    private final double[] axis; // N(eᵢ): the scaled coordinates are yᵢ = N(eᵢ)·tᵢ
    private final double[] a; // objective in scaled coordinates, max |aᵢ| = 1
    private final double aScale; // ⟨g,t⟩ = aScale·⟨a,y⟩
    private final Random random = new Random(20240611L);
    private double[] best;
    private double bestValue = Double.NEGATIVE_INFINITY;
    private double upper = Double.POSITIVE_INFINITY;
    private int iterations;
    private int evaluations;

    SupportSearch(Norm norm, Tensor g) {
        this.norm = norm;
        this.g = g;
        this.n = g.size();
        this.axis = new double[n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = 1;
            axis[i] = norm.value(Tensor.like(g, e));
            e[i] = 0;
            if (!(axis[i] > 0) || Double.isInfinite(axis[i])) {
                throw new IllegalArgumentException("the norm of unit coordinate " + (i + 1) + " is " + axis[i]
                        + "; a norm must give a positive finite value");
            }
        }
        double gmax = g.maxAbs();
        double[] h = new double[n];
        double hmax = 0;
        for (int i = 0; i < n; i++) {
            h[i] = (g.at(i) / gmax) / axis[i];
            hmax = Math.max(hmax, Math.abs(h[i]));
        }
        for (int i = 0; i < n; i++) {
            h[i] /= hmax;
        }
        this.a = h;
        this.aScale = gmax * hmax;
    }

    ReferenceSolver.Support run() {
        double[] p0 = ReferenceSolver.scaled(a, 1 / value(a));
        consider(p0);
        for (int i = 0; i < n; i++) {
            double[] e = new double[n];
            e[i] = a[i] >= 0 ? 1 : -1;
            consider(e);
        }
        List<double[]> global = new ArrayList<>();
        addGlobalCut(global, p0);
        int kelley = 2 * n + 4;
        for (iterations = 1; iterations <= kelley; iterations++) {
            double[] b = new double[global.size()];
            java.util.Arrays.fill(b, 1 / GLOBAL_BOX);
            double[] u = lp(global, b);
            if (u == null) {
                break;
            }
            double[] y = ReferenceSolver.scaled(u, GLOBAL_BOX);
            boolean boxActive = ReferenceSolver.maxAbs(u) >= 1 - 1e-12;
            double lp = ReferenceSolver.dot(a, y);
            if (!boxActive) {
                upper = Math.min(upper, lp);
            }
            double v = consider(y);
            if (DEBUG) {
                System.out.printf("global %d lp %.15g best %.15g cuts %d%n", iterations, lp, bestValue, global.size());
            }
            if (upper - bestValue <= TOLERANCE * bestValue) {
                return finish();
            }
            addGlobalCut(global, ReferenceSolver.scaled(y, 1 / v));
        }
        polish();
        local();
        return finish();
    }

    /**
     * Quasi-Newton (BFGS) ascent of the ratio ⟨a,x⟩/N(x) from the best point, with central-difference
     * gradients: converges fast where the ball is smooth near the maximizer.
     */
    private void polish() {
        double[] x = best.clone();
        double fx = bestValue;
        double[] grad = ratioGradient(x, fx);
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            inv[i][i] = 1;
        }
        for (int it = 0; it < 8 * n + 20; it++) {
            double gnorm = ReferenceSolver.maxAbs(grad);
            if (!(gnorm > 1e-13)) {
                break;
            }
            double[] dir = new double[n];
            for (int i = 0; i < n; i++) {
                dir[i] = ReferenceSolver.dot(inv[i], grad);
            }
            double slope = ReferenceSolver.dot(dir, grad);
            if (!(slope > 0)) {
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(inv[i], 0);
                    inv[i][i] = 1;
                }
                dir = grad.clone();
                slope = ReferenceSolver.dot(dir, grad);
            }
            double stepLength = 1;
            double[] xn = null;
            double fn = fx;
            for (int ls = 0; ls < 40; ls++) {
                double[] trial = x.clone();
                for (int i = 0; i < n; i++) {
                    trial[i] += stepLength * dir[i];
                }
                double v = consider(trial);
                double ft = ReferenceSolver.dot(a, trial) / v;
                if (ft >= fx + 1e-4 * stepLength * slope) {
                    xn = ReferenceSolver.scaled(trial, 1 / v);
                    fn = ft;
                    break;
                }
                stepLength /= 4;
            }
            if (xn == null) {
                break;
            }
            double[] gn = ratioGradient(xn, fn);
            double[] sv = new double[n];
            double[] yv = new double[n];
            for (int i = 0; i < n; i++) {
                sv[i] = xn[i] - x[i];
                yv[i] = grad[i] - gn[i]; // the gradient of −f
            }
            double sy = ReferenceSolver.dot(sv, yv);
            if (sy > 1e-300) {
                double[] hy = new double[n];
                for (int i = 0; i < n; i++) {
                    hy[i] = ReferenceSolver.dot(inv[i], yv);
                }
                double yhy = ReferenceSolver.dot(yv, hy);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        inv[i][j] += ((sy + yhy) * sv[i] * sv[j]) / (sy * sy) - (hy[i] * sv[j] + sv[i] * hy[j]) / sy;
                    }
                }
            }
            iterations++;
            boolean progress = fn - fx > 1e-15 * Math.abs(fx);
            x = xn;
            fx = fn;
            grad = gn;
            if (DEBUG) {
                System.out.printf("bfgs %d f %.16g best %.16g grad %.2e%n", it, fx, bestValue, ReferenceSolver.maxAbs(grad));
            }
            if (!progress && it > 2) {
                break;
            }
        }
    }

    /** ∇(⟨a,x⟩/N(x)) = a/N − ⟨a,x⟩∇N/N², with ∇N by central differences. */
    private double[] ratioGradient(double[] x, double f) {
        double nx = value(x);
        double h = 1e-6 * ReferenceSolver.maxAbs(x);
        double[] gr = new double[n];
        double[] q = x.clone();
        for (int i = 0; i < n; i++) {
            q[i] = x[i] + h;
            double up = value(q);
            q[i] = x[i] - h;
            double down = value(q);
            q[i] = x[i];
            double dn = (up - down) / (2 * h);
            gr[i] = a[i] / nx - f * dn / nx;
        }
        return gr;
    }

    /** Trust-region rounds around the best point; each round cuts at a stencil of nearby boundary points. */
    private void local() {
        double gap = Double.isFinite(upper) ? (upper - bestValue) / bestValue : 1;
        double rho = Math.min(0.25, Math.max(1e-6, Math.sqrt(Math.max(gap, 0))));
        List<List<double[]>> recent = new ArrayList<>();
        double[] lastCandidate = null;
        int last = iterations + MAX_LOCAL_ROUNDS;
        for (; iterations < last; iterations++) {
            double[] p = best.clone();
            double d = rho * ReferenceSolver.maxAbs(p);
            double h = Math.max(d * 1e-3, 1e-9 * ReferenceSolver.maxAbs(p));
            List<double[]> points = new ArrayList<>();
            List<double[]> fresh = new ArrayList<>();
            points.add(p);
            double[][] q = randomBasis();
            for (int j = 0; j < n; j++) {
                double sign = random.nextBoolean() ? 1 : -1;
                double[] x = p.clone();
                for (int i = 0; i < n; i++) {
                    x[i] += sign * d * q[j][i];
                }
                double v = consider(x);
                double[] xb = ReferenceSolver.scaled(x, 1 / v);
                points.add(xb);
                addCut(fresh, xb, h);
            }
            if (lastCandidate != null) {
                points.add(lastCandidate);
                addCut(fresh, lastCandidate, h);
            }
            recent.add(fresh);
            if (recent.size() > 3) {
                recent.remove(0);
            }
            List<double[]> cuts = new ArrayList<>();
            for (List<double[]> batch : recent) {
                // a cut must not cut off a known boundary point (differences across a kink can be wrong)
                batch.removeIf(s -> violatesAny(s, points));
                cuts.addAll(batch);
            }
            double[] b = new double[cuts.size()];
            for (int j = 0; j < b.length; j++) {
                b[j] = Math.max(0, (1 - ReferenceSolver.dot(cuts.get(j), p)) / d);
            }
            double before = bestValue;
            double[] u = lp(cuts, b);
            if (u == null) {
                rho /= 4;
                lastCandidate = null;
                continue;
            }
            double[] y = p.clone();
            for (int i = 0; i < n; i++) {
                y[i] += d * u[i];
            }
            double step = ReferenceSolver.maxAbs(u);
            boolean boxActive = step >= 1 - 1e-12;
            double lp = ReferenceSolver.dot(a, y);
            double v = consider(y);
            lastCandidate = ReferenceSolver.scaled(y, 1 / v);
            if (!boxActive) {
                upper = Math.min(upper, lp);
            }
            if (DEBUG) {
                System.out.printf("local %d rho %.2e box %b lp %.15g best %.15g upper %.15g cuts %d%n", iterations,
                        rho, boxActive, lp, bestValue, upper, cuts.size());
            }
            if (upper - bestValue <= TOLERANCE * bestValue) {
                break;
            }
            double predicted = lp - before;
            double actual = bestValue - before;
            if (boxActive) {
                rho = actual >= 0.5 * predicted ? Math.min(0.5, 2 * rho) : actual >= 0.1 * predicted ? rho : rho / 4;
            } else {
                rho = Math.min(rho / 2, Math.max(rho / 8, 2 * step * rho));
            }
            if (rho < 1e-11) {
                break;
            }
        }
    }

    private ReferenceSolver.Support finish() {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = best[i] / axis[i];
        }
        Tensor dir = Tensor.like(g, t);
        dir = dir.scale(1 / norm.value(dir));
        double lower = g.dot(dir);
        return new ReferenceSolver.Support(dir, lower, upper * aScale, iterations, evaluations);
    }

    private double[] lp(List<double[]> cuts, double[] b) {
        return BoxLp.maximize(a, cuts, b);
    }

    private static boolean violatesAny(double[] s, List<double[]> points) {
        for (double[] x : points) {
            if (ReferenceSolver.dot(s, x) > 1 + 1e-11) {
                return true;
            }
        }
        return false;
    }

    /** N in scaled coordinates, N(D⁻¹y). */
    private double value(double[] y) {
        evaluations++;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = y[i] / axis[i];
        }
        return norm.value(Tensor.like(g, x));
    }

    /** Records y/N(y) if it is the best feasible point so far; returns N(y). */
    private double consider(double[] y) {
        double v = value(y);
        if (v > 0 && Double.isFinite(v)) {
            double f = ReferenceSolver.dot(a, y) / v;
            if (f > bestValue) {
                bestValue = f;
                best = ReferenceSolver.scaled(y, 1 / v);
            }
        }
        return v;
    }

    /**
     * Adds the cut ⟨s,y⟩ ≤ 1 supporting the ball at the boundary point x (N(x) = 1), with s the
     * gradient of N at x by central differences of step h, rescaled so that ⟨s,x⟩ = 1 (Euler's
     * identity for a norm).
     */
    private void addCut(List<double[]> cuts, double[] x, double h) {
        double[] s = new double[n];
        double[] q = x.clone();
        for (int i = 0; i < n; i++) {
            q[i] = x[i] + h;
            double up = value(q);
            q[i] = x[i] - h;
            double down = value(q);
            q[i] = x[i];
            s[i] = (up - down) / (2 * h);
        }
        double sx = ReferenceSolver.dot(s, x);
        if (sx > 0 && Double.isFinite(sx)) {
            cuts.add(ReferenceSolver.scaled(s, 1 / sx));
        }
    }

    /**
     * A cut near the boundary point x, taken at a slightly perturbed point: a generic point of a
     * polyhedral ball lies inside a facet, whose normal the differences then give exactly, where x
     * itself may sit on an edge.
     */
    private void addGlobalCut(List<double[]> cuts, double[] x) {
        double scale = 1e-6 * ReferenceSolver.maxAbs(x);
        double[] z = x.clone();
        for (int i = 0; i < n; i++) {
            z[i] += scale * random.nextGaussian();
        }
        addCut(cuts, ReferenceSolver.scaled(z, 1 / value(z)), 1e-8 * ReferenceSolver.maxAbs(x));
    }

    /** A random orthonormal basis (rows), by Gram–Schmidt on Gaussian vectors. */
    private double[][] randomBasis() {
        double[][] q = new double[n][n];
        for (int j = 0; j < n; j++) {
            while (true) {
                for (int i = 0; i < n; i++) {
                    q[j][i] = random.nextGaussian();
                }
                for (int k = 0; k < j; k++) {
                    double c = ReferenceSolver.dot(q[j], q[k]);
                    for (int i = 0; i < n; i++) {
                        q[j][i] -= c * q[k][i];
                    }
                }
                double len = Math.sqrt(ReferenceSolver.dot(q[j], q[j]));
                if (len > 1e-3) {
                    for (int i = 0; i < n; i++) {
                        q[j][i] /= len;
                    }
                    break;
                }
            }
        }
        return q;
    }
}
