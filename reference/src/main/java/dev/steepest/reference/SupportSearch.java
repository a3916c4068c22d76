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
    private static final int MAX_LOCAL_ROUNDS = 100;
    private static final int RESTARTS = 3;
    private static final int STALL_ROUNDS = 4;
    private static final int MAX_EVALUATIONS = 100_000;
    /** Quasi-Newton steps allowed: BFGS_STEPS_PER_UNKNOWN·n + 20. */
    private static final int BFGS_STEPS_PER_UNKNOWN = 20;
    /** Relative step of the central differences for the BFGS gradient. */
    private static final double GRADIENT_STEP = 1e-8;
    /**
     * Relative step of the differences in the final polish, which starts next to the best point where
     * kinks of the ball lie close by (clustered singular values), and its quasi-Newton steps per unknown.
     */
    private static final double FINE_GRADIENT_STEP = 3e-11;
    private static final int FINE_STEPS = 30;
    /** Rounds whose cuts stay in the local model besides the current and the previous one. */
    private static final int KEPT_ROUNDS = 6;

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
    private double gradientStep = GRADIENT_STEP;
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
            if (certified()) {
                return finish();
            }
            addGlobalCut(global, ReferenceSolver.scaled(y, 1 / v));
        }
        polish();
        double rho = Double.isFinite(upper) ? Math.sqrt(Math.max((upper - bestValue) / bestValue, 0)) : 1;
        for (int restart = 0; restart < RESTARTS && upper - bestValue > TOLERANCE * bestValue
                && evaluations < MAX_EVALUATIONS; restart++) {
            double before = bestValue;
            local(Math.min(0.25, Math.max(1e-5, rho)));
            if (bestValue - before <= 1e-13 * bestValue) {
                break; // the local model has nothing left to find
            }
            rho = 1e-3;
        }
        if (upper - bestValue > TOLERANCE * bestValue) {
            // near the maximizer the ball's kinks are close together: polish again with finer differences
            gradientStep = FINE_GRADIENT_STEP;
            polish();
        }
        return finish();
    }

    /**
     * Quasi-Newton (BFGS) ascent of the ratio ⟨a,x⟩/N(x) from the best point, with central-difference
     * gradients: converges fast where the ball is smooth near the maximizer.
     */
    private void polish() {
        // start next to the best point: the best point may be a vertex of the ball, where N has no gradient
        double[] x = best.clone();
        double jitter = 1e3 * gradientStep * ReferenceSolver.maxAbs(x);
        for (int i = 0; i < n; i++) {
            x[i] += jitter * random.nextGaussian();
        }
        // the ratio is scale-free, so its Hessian is singular along x; a penalty on |x|² pins the scale
        double r0 = ReferenceSolver.dot(x, x);
        double hx = ReferenceSolver.dot(a, x) / consider(x);
        double fx = hx - scalePenalty(x, r0);
        double[] grad = penalizedGradient(x, hx, r0);
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            inv[i][i] = 1;
        }
        double tenAgo = fx;
        for (int it = 0; it < (gradientStep == GRADIENT_STEP ? BFGS_STEPS_PER_UNKNOWN : FINE_STEPS) * n + 20; it++) {
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
            // weak Wolfe line search (for an ascent), which BFGS needs on nonsmooth functions
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            double t = 1;
            double[] xn = null;
            double fn = fx;
            double[] gn = null;
            for (int ls = 0; ls < 40; ls++) {
                double[] trial = x.clone();
                for (int i = 0; i < n; i++) {
                    trial[i] += t * dir[i];
                }
                double v = consider(trial);
                double ht = ReferenceSolver.dot(a, trial) / v;
                double ft = ht - scalePenalty(trial, r0);
                if (!(ft >= fx + 1e-4 * t * slope)) {
                    hi = t;
                } else {
                    double[] gt = penalizedGradient(trial, ht, r0);
                    if (ReferenceSolver.dot(gt, dir) > 0.9 * slope) {
                        lo = t;
                        xn = trial;
                        fn = ft;
                        gn = gt;
                    } else {
                        xn = trial;
                        fn = ft;
                        gn = gt;
                        break;
                    }
                }
                t = Double.isInfinite(hi) ? 2 * t : (lo + hi) / 2;
                if (hi - lo < 1e-14 * t) {
                    break;
                }
            }
            if (xn == null) {
                break;
            }
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
            if (it % 10 == 9) {
                if (fx - tenAgo <= 1e-12 * Math.abs(fx)) {
                    break; // crawling: the ball is not smooth here; the local cutting planes take over
                }
                tenAgo = fx;
            }
        }
    }

    /** (|x|²/r0 − 1)²: zero on the sphere the polish starts from. */
    private static double scalePenalty(double[] x, double r0) {
        double e = ReferenceSolver.dot(x, x) / r0 - 1;
        return e * e;
    }

    /** The gradient of ⟨a,x⟩/N(x) − (|x|²/r0 − 1)², given hx = ⟨a,x⟩/N(x). */
    private double[] penalizedGradient(double[] x, double hx, double r0) {
        double[] gr = ratioGradient(x, hx);
        double e = ReferenceSolver.dot(x, x) / r0 - 1;
        for (int i = 0; i < n; i++) {
            gr[i] -= 4 * e * x[i] / r0;
        }
        return gr;
    }

    /** ∇(⟨a,x⟩/N(x)) = a/N − ⟨a,x⟩∇N/N², with ∇N by central differences. */
    private double[] ratioGradient(double[] x, double f) {
        double nx = value(x);
        double h = gradientStep * ReferenceSolver.maxAbs(x);
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

    /**
     * Rounds of local cutting planes around the best point p: cuts at the boundary points p ± d·qⱼ
     * (q a random orthonormal basis, so the stencil brackets the maximizer in every direction once d
     * exceeds its distance), the LP over these cuts and the previous round's within the box of
     * radius 2d, then d shrinks with the LP step (or stays while the box binds and p moves).
     */
    private void local(double initialRho) {
        double rho = initialRho;
        List<double[]> previous = new ArrayList<>();
        java.util.ArrayDeque<List<double[]>> older = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<List<double[]>> olderPoints = new java.util.ArrayDeque<>();
        int stalled = 0;
        int last = iterations + MAX_LOCAL_ROUNDS;
        for (; iterations < last && evaluations < MAX_EVALUATIONS; iterations++) {
            double[] p = best.clone();
            double scale = ReferenceSolver.maxAbs(p);
            double d = rho * scale;
            double h = 1e-6 * d;
            List<double[]> points = new ArrayList<>();
            List<double[]> fresh = new ArrayList<>();
            points.add(p);
            double[][] q = randomBasis();
            for (int j = 0; j < n; j++) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] x = p.clone();
                    for (int i = 0; i < n; i++) {
                        x[i] += sign * d * q[j][i];
                    }
                    double v = consider(x);
                    double[] xb = ReferenceSolver.scaled(x, 1 / v);
                    points.add(xb);
                    addCheckedCut(fresh, xb, h);
                }
            }
            List<double[]> cuts = new ArrayList<>(fresh);
            cuts.addAll(previous);
            for (List<double[]> batch : older) {
                cuts.addAll(batch);
            }
            // a cut must not cut off a known boundary point (differences across a kink can be wrong)
            List<double[]> known = new ArrayList<>(points);
            for (List<double[]> batch : olderPoints) {
                known.addAll(batch);
            }
            cuts.removeIf(s -> violatesAny(s, known));
            olderPoints.addFirst(points);
            while (olderPoints.size() > KEPT_ROUNDS + 1) {
                olderPoints.removeLast();
            }
            double box = 2 * d;
            double[] b = new double[cuts.size()];
            for (int j = 0; j < b.length; j++) {
                b[j] = Math.max(0, (1 - ReferenceSolver.dot(cuts.get(j), p)) / box);
            }
            double before = bestValue;
            double[] u = lp(cuts, b);
            older.addFirst(previous);
            while (older.size() > KEPT_ROUNDS) {
                older.removeLast();
            }
            previous = fresh;
            if (u == null) {
                rho /= 4;
                continue;
            }
            double[] y = p.clone();
            for (int i = 0; i < n; i++) {
                y[i] += box * u[i];
            }
            double step = ReferenceSolver.maxAbs(u);
            boolean boxActive = step >= 1 - 1e-12;
            double lp = ReferenceSolver.dot(a, y);
            double v = consider(y);
            double[] yb = ReferenceSolver.scaled(y, 1 / v);
            addCheckedCut(previous, yb, h);
            points.add(yb);
            double[] z = sliceSearch(p, y);
            if (z != null) {
                addCheckedCut(previous, z, h);
                points.add(z);
            }
            if (!boxActive && lp >= bestValue * (1 - 1e-14)) {
                upper = Math.min(upper, lp);
            }
            if (DEBUG) {
                System.out.printf("local %d rho %.2e box %b step %.2e lp %.15g best %.15g upper %.15g cuts %d%n",
                        iterations, rho, boxActive, step, lp, bestValue, upper, cuts.size());
            }
            if (certified()) {
                break;
            }
            stalled = bestValue > before * (1 + 1e-15) ? 0 : stalled + 1;
            if (stalled >= STALL_ROUNDS) {
                break;
            }
            if (boxActive) {
                double predicted = lp - before;
                double actual = bestValue - before;
                rho = actual >= 0.25 * predicted ? Math.min(0.5, 2 * rho) : actual >= 0.05 * predicted ? rho : rho / 4;
            } else {
                double moved = 0;
                for (int i = 0; i < n; i++) {
                    moved = Math.max(moved, Math.abs(best[i] - p[i]));
                }
                rho = Math.min(rho / 2, Math.max(rho / 8, 2 * moved / scale));
            }
            if (rho < 1e-10) {
                break;
            }
        }
    }

    /**
     * Whether the model's upper bound meets the best value. An upper bound clearly below a feasible
     * value shows a wrong cut (differences across a kink); it is then dropped, not trusted.
     */
    private boolean certified() {
        if (upper < bestValue * (1 - 1e-14)) {
            upper = Double.POSITIVE_INFINITY;
            return false;
        }
        return upper - bestValue <= TOLERANCE * bestValue;
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
     * A cut near the boundary point x, taken at a slightly perturbed point: a generic point of a
     * polyhedral ball lies inside a facet, whose normal the differences then give exactly, where x
     * itself may sit on an edge.
     */
    private void addGlobalCut(List<double[]> cuts, double[] x) {
        double scale = 1e-6 * ReferenceSolver.maxAbs(x);
        int before = cuts.size();
        for (int attempt = 0; attempt < 3 && cuts.size() == before; attempt++) {
            double[] z = x.clone();
            for (int i = 0; i < n; i++) {
                z[i] += scale * random.nextGaussian();
            }
            addCheckedCut(cuts, ReferenceSolver.scaled(z, 1 / value(z)), 1e-8 * ReferenceSolver.maxAbs(x));
        }
    }


    /**
     * The best boundary point on the plane through 0, p and y, by golden-section search over the
     * angle from p (the ratio ⟨a,x⟩/N(x) is unimodal along an arc of the ball's slice).
     */
    private double[] sliceSearch(double[] p, double[] y) {
        double pn = Math.sqrt(ReferenceSolver.dot(p, p));
        double[] e1 = ReferenceSolver.scaled(p, 1 / pn);
        double[] w = y.clone();
        double c = ReferenceSolver.dot(w, e1);
        for (int i = 0; i < n; i++) {
            w[i] -= c * e1[i];
        }
        double wn = Math.sqrt(ReferenceSolver.dot(w, w));
        if (!(wn > 1e-300)) {
            return null;
        }
        double[] e2 = ReferenceSolver.scaled(w, 1 / wn);
        double thetaY = Math.atan2(wn, c);
        double lo = -0.5 * thetaY;
        double hi = 2 * thetaY;
        final double gr = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - gr * (hi - lo);
        double x2 = lo + gr * (hi - lo);
        double f1 = arc(e1, e2, x1);
        double f2 = arc(e1, e2, x2);
        for (int it = 0; it < 60 && hi - lo > 1e-14 * Math.max(1e-300, thetaY); it++) {
            if (f1 < f2) {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + gr * (hi - lo);
                f2 = arc(e1, e2, x2);
            } else {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - gr * (hi - lo);
                f1 = arc(e1, e2, x1);
            }
        }
        double t = f1 > f2 ? x1 : x2;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.cos(t) * e1[i] + Math.sin(t) * e2[i];
        }
        return ReferenceSolver.scaled(x, 1 / value(x));
    }

    private double arc(double[] e1, double[] e2, double t) {
        double[] x = new double[n];
        double ct = Math.cos(t);
        double st = Math.sin(t);
        for (int i = 0; i < n; i++) {
            x[i] = ct * e1[i] + st * e2[i];
        }
        double v = consider(x);
        return ReferenceSolver.dot(a, x) / v;
    }

    /**
     * Adds the cut ⟨s,y⟩ ≤ 1 supporting the ball at the boundary point x (N(x) = 1), with s the
     * gradient of N at x by central differences of step h, rescaled so that ⟨s,x⟩ = 1 (Euler's
     * identity for a norm) — but only where N is smooth at x at the scale h: the second difference
     * (N(x+heᵢ) + N(x−heᵢ) − 2N(x))/h must stay below 1e-4 in every coordinate. That rejects points
     * within about 1e4·h of a kink, where central differences mix the gradients of two pieces (or
     * err by (h/δ)² at distance δ) and the cut could cut off part of the ball.
     */
    private void addCheckedCut(List<double[]> cuts, double[] x, double hWanted) {
        double scale = ReferenceSolver.maxAbs(x);
        double h = Math.min(1e-8 * scale, Math.max(1e-12 * scale, hWanted));
        double center = value(x);
        double[] s = new double[n];
        double[] q = x.clone();
        for (int i = 0; i < n; i++) {
            q[i] = x[i] + h;
            double up = value(q);
            q[i] = x[i] - h;
            double down = value(q);
            q[i] = x[i];
            if (Math.abs(up + down - 2 * center) > (1e-4 * h + 1e-15) * center) {
                return;
            }
            s[i] = (up - down) / (2 * h);
        }
        double sx = ReferenceSolver.dot(s, x);
        if (sx > 0 && Double.isFinite(sx)) {
            cuts.add(ReferenceSolver.scaled(s, 1 / sx));
        }
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
