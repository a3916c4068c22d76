package dev.steepest.compare;

import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Step;
import dev.steepest.core.Steps;
import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Steepest descent under several norms on two 2-D test functions, for the report's teaching plots:
 * an ill-conditioned quadratic (condition number 25, axes rotated by 30°) and Rosenbrock.
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

    /** A smooth function of two variables with its gradient and where to start. */
    public interface Problem {
        String name();

        double value(double x, double y);

        double[] gradient(double x, double y);

        double[] start();

        double[] minimum();

        /** Plot window: xmin, xmax, ymin, ymax. */
        double[] window();

        /** Closed level-set curves to draw, each as {xs, ys}. */
        List<double[][]> contours();
    }

    /** The path of one norm on one problem and its first step. */
    public record Trajectory(String norm, String problem, double[] xs, double[] ys, double[] firstStep,
                             double firstRadius, double[][] unitBall, double finalValue) {
    }

    /** ½ zᵀ diag(1, 25) z with z = Rᵀx, R the rotation by 30°. */
    public static Problem quadratic() {
        double th = Math.toRadians(30);
        double c = Math.cos(th);
        double s = Math.sin(th);
        double[] eig = {1, 25};
        return new Problem() {
            public String name() {
                return "ill-conditioned quadratic (κ = 25)";
            }

            public double value(double x, double y) {
                double z1 = c * x + s * y;
                double z2 = -s * x + c * y;
                return 0.5 * (eig[0] * z1 * z1 + eig[1] * z2 * z2);
            }

            public double[] gradient(double x, double y) {
                double z1 = c * x + s * y;
                double z2 = -s * x + c * y;
                double g1 = eig[0] * z1;
                double g2 = eig[1] * z2;
                return new double[] {c * g1 - s * g2, s * g1 + c * g2};
            }

            public double[] start() {
                return new double[] {-4, 1};
            }

            public double[] minimum() {
                return new double[] {0, 0};
            }

            public double[] window() {
                return new double[] {-6, 5, -4, 4};
            }

            public List<double[][]> contours() {
                List<double[][]> out = new ArrayList<>();
                for (double level : new double[] {0.05, 0.3, 1, 3, 7, 15, 30, 60}) {
                    int n = 200;
                    double[] xs = new double[n + 1];
                    double[] ys = new double[n + 1];
                    for (int i = 0; i <= n; i++) {
                        double t = 2 * Math.PI * i / n;
                        double z1 = Math.sqrt(2 * level / eig[0]) * Math.cos(t);
                        double z2 = Math.sqrt(2 * level / eig[1]) * Math.sin(t);
                        xs[i] = c * z1 - s * z2;
                        ys[i] = s * z1 + c * z2;
                    }
                    out.add(new double[][] {xs, ys});
                }
                return out;
            }
        };
    }

    /** (1 − x)² + 100 (y − x²)². */
    public static Problem rosenbrock() {
        return new Problem() {
            public String name() {
                return "Rosenbrock";
            }

            public double value(double x, double y) {
                double a = 1 - x;
                double b = y - x * x;
                return a * a + 100 * b * b;
            }

            public double[] gradient(double x, double y) {
                double b = y - x * x;
                return new double[] {-2 * (1 - x) - 400 * x * b, 200 * b};
            }

            public double[] start() {
                return new double[] {-1.2, 1};
            }

            public double[] minimum() {
                return new double[] {1, 1};
            }

            public double[] window() {
                return new double[] {-2, 2, -1, 3};
            }

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
