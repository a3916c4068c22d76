package dev.steepest.compare;

import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.core.Steps;
import dev.steepest.core.Tensor;
import dev.steepest.problems.Function2;
import dev.steepest.problems.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Steepest descent under several norms on two 2-D test functions, for the report's teaching plots:
 * the ill-conditioned quadratic and Rosenbrock's valley of {@link Problems} (the same functions, start
 * points and minima that {@code steepest optimize --problem quadratic|rosenbrock} runs on).
 *
 * <p>Each step is the penalized step u = argmin ⟨g,Δ⟩ + c‖Δ‖² from {@link Steps#penalized}. The
 * coefficient c is found by backtracking: the step is accepted when the model holds,
 * f(x+u) ≤ f(x) + ⟨g,u⟩ + c‖u‖², else c doubles; after an accepted step c halves.
 */
public final class Teaching {
    /** The norms drawn, as registry specifications. */
    public static final List<String> NORMS = List.of("l2", "linf", "l1", "lp:3");

    private Teaching() {
    }

    /** A function of two variables with what a plot of it needs: a title, a window and level sets. */
    public interface Problem extends Function2 {
        String name();

        /** Plot window: xmin, xmax, ymin, ymax. */
        double[] window();

        /** Closed level-set curves to draw, each as {xs, ys}. */
        List<double[][]> contours();
    }

    /** The path of one norm on one problem and its first step. */
    public record Trajectory(String norm, String problem, double[] xs, double[] ys, double[] firstStep,
                             double firstRadius, double[][] unitBall, double finalValue) {
    }

    /**
     * {@link Problems#QUADRATIC}: its level sets are ellipses around x* along the rotated axes. The window
     * holds x* = (1, −2), x₀ = (−2, 1), every norm's path and most of the first step's ball.
     */
    public static Problem quadratic() {
        Function2.Quadratic q = Problems.QUADRATIC;
        double c = Math.cos(q.angle());
        double s = Math.sin(q.angle());
        double[] x0 = q.start();
        double[] m = q.minimum();
        double top = q.value(x0[0], x0[1]);
        return new Plotted(q, String.format(Locale.ROOT, "ill-conditioned quadratic (κ = %.0f)", q.conditionNumber()),
                new double[] {-5, 4, -5, 4}) {
            public List<double[][]> contours() {
                List<double[][]> out = new ArrayList<>();
                for (double fraction : new double[] {1e-4, 1e-3, 5e-3, 0.02, 0.06, 0.15, 0.35, 0.65, 1}) {
                    double level = fraction * top;
                    int n = 200;
                    double[] xs = new double[n + 1];
                    double[] ys = new double[n + 1];
                    for (int i = 0; i <= n; i++) {
                        double t = 2 * Math.PI * i / n;
                        double z1 = Math.sqrt(2 * level / q.lambda1()) * Math.cos(t);
                        double z2 = Math.sqrt(2 * level / q.lambda2()) * Math.sin(t);
                        xs[i] = m[0] + c * z1 - s * z2;
                        ys[i] = m[1] + s * z1 + c * z2;
                    }
                    out.add(new double[][] {xs, ys});
                }
                return out;
            }
        };
    }

    /** {@link Problems#ROSENBROCK}: level sets drawn as the two branches y = x² ± h(x). */
    public static Problem rosenbrock() {
        return new Plotted(Problems.ROSENBROCK, "Rosenbrock", new double[] {-2, 2, -1, 3}) {
            public List<double[][]> contours() {
                List<double[][]> out = new ArrayList<>();
                for (double level : new double[] {0.25, 1, 4, 16, 64, 256}) {
                    int n = 300;
                    double r = Math.sqrt(level);
                    double[] xs = new double[2 * n + 1];
                    double[] ys = new double[2 * n + 1];
                    for (int i = 0; i <= n; i++) {
                        double x = 1 - r * Math.cos(Math.PI * i / n);
                        double h = Math.sqrt(Math.max(0, (level - (1 - x) * (1 - x)) / 100));
                        xs[i] = x;
                        ys[i] = x * x + h;
                        xs[2 * n - i] = x;
                        ys[2 * n - i] = x * x - h;
                    }
                    out.add(new double[][] {xs, ys});
                }
                return out;
            }
        };
    }

    /** A shared function with a title and a plot window; the contours come from the subclass. */
    private abstract static class Plotted implements Problem {
        private final Function2 f;
        private final String name;
        private final double[] window;

        Plotted(Function2 f, String name, double[] window) {
            this.f = f;
            this.name = name;
            this.window = window;
        }

        public String name() {
            return name;
        }

        public double value(double x, double y) {
            return f.value(x, y);
        }

        public double[] gradient(double x, double y) {
            return f.gradient(x, y);
        }

        public double[] start() {
            return f.start();
        }

        public double[] minimum() {
            return f.minimum();
        }

        public double[] window() {
            return window.clone();
        }
    }

    /** Runs {@code steps} penalized steps of {@code normSpec} on {@code p}. */
    public static Trajectory run(Problem p, String normSpec, int steps) {
        Norm norm = Norms.parse(normSpec);
        double[] x = p.start().clone();
        double[] xs = new double[steps + 1];
        double[] ys = new double[steps + 1];
        xs[0] = x[0];
        ys[0] = x[1];
        double c = 1;
        double[] first = null;
        double firstRadius = 0;
        int taken = 0;
        for (int k = 0; k < steps; k++) {
            double[] gArr = p.gradient(x[0], x[1]);
            Tensor g = Tensor.vector(gArr);
            double f = p.value(x[0], x[1]);
            if (norm.dual(g) < 1e-12) {
                break;
            }
            Step s = null;
            for (int tries = 0; tries < 80; tries++) {
                s = Steps.penalized(norm, g, c);
                double fNew = p.value(x[0] + s.update().at(0), x[1] + s.update().at(1));
                if (fNew <= f + s.objective()) {
                    break;
                }
                c *= 2;
            }
            if (first == null) {
                first = new double[] {s.update().at(0), s.update().at(1)};
                firstRadius = s.radius();
            }
            x[0] += s.update().at(0);
            x[1] += s.update().at(1);
            c /= 2;
            taken++;
            xs[taken] = x[0];
            ys[taken] = x[1];
        }
        double[] tx = java.util.Arrays.copyOf(xs, taken + 1);
        double[] ty = java.util.Arrays.copyOf(ys, taken + 1);
        return new Trajectory(normSpec, p.name(), tx, ty, first == null ? new double[2] : first, firstRadius,
                unitBall(norm, 240), p.value(x[0], x[1]));
    }

    /**
     * The same norm in its two forms with fixed parameters, no backtracking: penalized ({@code sign-dual}'s form:
     * u = −(dual norm of g / (2c))·t*, the step shrinks with the gradient) with c = L, the curvature of {@code p} along the
     * worst ℓ∞ corner direction at the start (exact for a quadratic), and constrained ({@code signsgd}'s form:
     * u = −η·t*, a fixed length) with η = the penalized form's first radius divided by e.
     * Returns {penalized, constrained}; the trajectories' {@code norm} names the form.
     */
    public static Trajectory[] penalizedVersusConstrained(Problem p, String normSpec, int steps) {
        Norm norm = Norms.parse(normSpec);
        double[] x0 = p.start();
        double f0 = p.value(x0[0], x0[1]);
        double curvature = 0;
        for (double[] d : new double[][] {{1, 1}, {1, -1}}) {
            double h = 1e-3;
            double second = (p.value(x0[0] + h * d[0], x0[1] + h * d[1]) + p.value(x0[0] - h * d[0], x0[1] - h * d[1])
                    - 2 * f0) / (h * h);
            curvature = Math.max(curvature, second);
        }
        double c = curvature;
        double[] g0 = p.gradient(x0[0], x0[1]);
        // a fixed length that is an irrational fraction (1/e) of the penalized first radius, so that the fixed-length
        // steps cannot land exactly on the minimum by a coincidence of the lattice they move on
        double eta = Steps.penalized(norm, Tensor.vector(g0), c).radius() / Math.E;
        Trajectory[] out = new Trajectory[2];
        for (int form = 0; form < 2; form++) {
            double[] x = x0.clone();
            double[] xs = new double[steps + 1];
            double[] ys = new double[steps + 1];
            xs[0] = x[0];
            ys[0] = x[1];
            double[] first = null;
            double firstRadius = 0;
            for (int k = 0; k < steps; k++) {
                Tensor g = Tensor.vector(p.gradient(x[0], x[1]));
                Step s = form == 0 ? Steps.penalized(norm, g, c) : Steps.constrained(norm, g, eta);
                if (first == null) {
                    first = new double[] {s.update().at(0), s.update().at(1)};
                    firstRadius = s.radius();
                }
                x[0] += s.update().at(0);
                x[1] += s.update().at(1);
                xs[k + 1] = x[0];
                ys[k + 1] = x[1];
            }
            String name = form == 0 ? String.format(Locale.ROOT, "penalized %s, c = %.3g (sign-dual's form)", normSpec, c)
                    : String.format(Locale.ROOT, "constrained %s, η = %.3g (signsgd's form)", normSpec, eta);
            out[form] = new Trajectory(name, p.name(), xs, ys, first, firstRadius, unitBall(norm, 240),
                    p.value(x[0], x[1]));
        }
        return out;
    }

    /** Points of the unit sphere {x : ‖x‖ = 1} in 2-D, by direction. */
    public static double[][] unitBall(Norm norm, int n) {
        double[] xs = new double[n + 1];
        double[] ys = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double t = 2 * Math.PI * i / n;
            double dx = Math.cos(t);
            double dy = Math.sin(t);
            double r = norm.value(Tensor.vector(dx, dy));
            xs[i] = dx / r;
            ys[i] = dy / r;
        }
        return new double[][] {xs, ys};
    }
}
