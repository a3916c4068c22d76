package dev.steepest.optim.problems;

import dev.steepest.optim.Param;
import java.util.List;
import java.util.Random;

/**
 * The built-in problems. All data come from {@link Random} with the given seed, so a problem is
 * the same on every run and every machine.
 *
 * <pre>
 *   quadratic      f(x) = ½ (x − x*)ᵀ A (x − x*), A = R diag(1, 100) Rᵀ, R a 30° rotation, x* = (1, −2), x₀ = (−2, 1)
 *   rosenbrock     f(x, y) = (1 − x)² + 100 (y − x²)², from (−1.2, 1)
 *   logreg         mean log(1 + exp(−yᵢ(w·aᵢ + b))), 200 samples in ℝ⁵, labels ±1 from a random w with 10% flipped
 *   least-squares  ½·mean ‖W aᵢ − bᵢ‖², W 3×4, 50 samples, bᵢ = W* aᵢ + 0.01·noise
 * </pre>
 */
public final class Problems {
    private Problems() {
    }

    /** Every problem name. */
    public static final List<String> NAMES = List.of("quadratic", "rosenbrock", "logreg", "least-squares");

    /** The problem {@code name} built from {@code seed}; throws naming the choices for an unknown name. */
    public static Problem create(String name, long seed) {
        if (name == null) {
            name = "";
        }
        return switch (name) {
            case "quadratic" -> quadratic();
            case "rosenbrock" -> rosenbrock();
            case "logreg" -> logisticRegression(seed);
            case "least-squares" -> leastSquares(seed);
            default -> throw new IllegalArgumentException("unknown problem '" + name + "'; choose one of "
                    + String.join(", ", NAMES));
        };
    }

    /** The ill-conditioned 2-D quadratic (condition number 100), minimum 0 at (1, −2). */
    public static Problem quadratic() {
        double c = Math.cos(Math.PI / 6);
        double s = Math.sin(Math.PI / 6);
        double l1 = 1;
        double l2 = 100;
        double a11 = c * c * l1 + s * s * l2;
        double a12 = c * s * (l1 - l2);
        double a22 = s * s * l1 + c * c * l2;
        Param x = Param.vector("x", -2f, 1f);
        return new Simple("quadratic", List.of(x)) {
            @Override
            double eval(boolean grad) {
                float[] v = x.values();
                double d0 = v[0] - 1.0;
                double d1 = v[1] + 2.0;
                double g0 = a11 * d0 + a12 * d1;
                double g1 = a12 * d0 + a22 * d1;
                if (grad) {
                    x.grad()[0] = (float) g0;
                    x.grad()[1] = (float) g1;
                }
                return 0.5 * (d0 * g0 + d1 * g1);
            }
        };
    }

    /** Rosenbrock's valley, minimum 0 at (1, 1). */
    public static Problem rosenbrock() {
        Param x = Param.vector("x", -1.2f, 1f);
        return new Simple("rosenbrock", List.of(x)) {
            @Override
            double eval(boolean grad) {
                double a = x.values()[0];
                double b = x.values()[1];
                double r = b - a * a;
                if (grad) {
                    x.grad()[0] = (float) (-2 * (1 - a) - 400 * a * r);
                    x.grad()[1] = (float) (200 * r);
                }
                return (1 - a) * (1 - a) + 100 * r * r;
            }
        };
    }

    /** Binary logistic regression: weight 1×5 (a matrix, so matrix norms apply), bias [1]. */
    public static Problem logisticRegression(long seed) {
        int n = 200;
        int d = 5;
        Random rnd = new Random(seed);
        double[] wTrue = new double[d];
        for (int j = 0; j < d; j++) {
            wTrue[j] = 2 * rnd.nextGaussian();
        }
        double[][] a = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double z = 0.5;
            for (int j = 0; j < d; j++) {
                a[i][j] = rnd.nextGaussian();
                z += wTrue[j] * a[i][j];
            }
            y[i] = (z >= 0) == (rnd.nextDouble() >= 0.1) ? 1 : -1;
        }
        Param w = Param.matrix("weight", 1, d, new float[d]);
        Param b = Param.vector("bias", 0f);
        return new Simple("logreg", List.of(w, b)) {
            @Override
            double eval(boolean grad) {
                double[] gw = new double[d];
                double gb = 0;
                double loss = 0;
                for (int i = 0; i < n; i++) {
                    double z = b.values()[0];
                    for (int j = 0; j < d; j++) {
                        z += w.values()[j] * a[i][j];
                    }
                    double m = y[i] * z;
                    loss += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
                    double dm = -1 / (1 + Math.exp(m)); // d/dm log(1 + e^{−m})
                    for (int j = 0; j < d; j++) {
                        gw[j] += dm * y[i] * a[i][j];
                    }
                    gb += dm * y[i];
                }
                if (grad) {
                    for (int j = 0; j < d; j++) {
                        w.grad()[j] = (float) (gw[j] / n);
                    }
                    b.grad()[0] = (float) (gb / n);
                }
                return loss / n;
            }
        };
    }

    /** Least squares with a 3×4 weight matrix; the minimum is near (not at) 0 because of the noise. */
    public static Problem leastSquares(long seed) {
        int n = 50;
        int in = 4;
        int out = 3;
        Random rnd = new Random(seed);
        double[][] wTrue = new double[out][in];
        for (double[] row : wTrue) {
            for (int j = 0; j < in; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        double[][] a = new double[n][in];
        double[][] t = new double[n][out];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < in; j++) {
                a[i][j] = rnd.nextGaussian();
            }
            for (int k = 0; k < out; k++) {
                double z = 0;
                for (int j = 0; j < in; j++) {
                    z += wTrue[k][j] * a[i][j];
                }
                t[i][k] = z + 0.01 * rnd.nextGaussian();
            }
        }
        Param w = Param.matrix("weight", out, in, new float[out * in]);
        return new Simple("least-squares", List.of(w)) {
            @Override
            double eval(boolean grad) {
                double[] g = new double[out * in];
                double loss = 0;
                float[] v = w.values();
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < out; k++) {
                        double r = -t[i][k];
                        for (int j = 0; j < in; j++) {
                            r += v[k * in + j] * a[i][j];
                        }
                        loss += 0.5 * r * r;
                        for (int j = 0; j < in; j++) {
                            g[k * in + j] += r * a[i][j];
                        }
                    }
                }
                if (grad) {
                    for (int q = 0; q < g.length; q++) {
                        w.grad()[q] = (float) (g[q] / n);
                    }
                }
                return loss / n;
            }
        };
    }

    private abstract static class Simple implements Problem {
        private final String name;
        private final List<Param> params;

        Simple(String name, List<Param> params) {
            this.name = name;
            this.params = params;
        }

        abstract double eval(boolean grad);

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Param> params() {
            return params;
        }

        @Override
        public double loss() {
            return eval(false);
        }

        @Override
        public double lossAndGradient() {
            return eval(true);
        }
    }
}
