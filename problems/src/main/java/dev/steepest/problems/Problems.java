package dev.steepest.problems;

import java.util.List;
import java.util.Random;

/**
 * The built-in problems. All data come from {@link Random} with the given seed, so a problem is
 * the same on every run and every machine. The two 2-D problems are {@link #QUADRATIC} and
 * {@link #ROSENBROCK} evaluated at float variables.
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

    /** ½ (x − x*)ᵀ A (x − x*), A = R diag(1, 100) Rᵀ, R a 30° rotation, x* = (1, −2), x₀ = (−2, 1). */
    public static final Function2.Quadratic QUADRATIC = new Function2.Quadratic(Math.PI / 6, 1, 100,
            new double[] {1, -2}, new double[] {-2, 1});

    /** (1 − x)² + 100 (y − x²)², from (−1.2, 1). */
    public static final Function2.Rosenbrock ROSENBROCK = new Function2.Rosenbrock();

    /** The ill-conditioned 2-D quadratic {@link #QUADRATIC} (condition number 100), minimum 0 at (1, −2). */
    public static Problem quadratic() {
        return plane("quadratic", QUADRATIC);
    }

    /** Rosenbrock's valley {@link #ROSENBROCK}, minimum 0 at (1, 1). */
    public static Problem rosenbrock() {
        return plane("rosenbrock", ROSENBROCK);
    }

    /** {@code f} over one float vector variable "x" of two entries, starting at f's start; minimum f(x*). */
    private static Problem plane(String name, Function2 f) {
        double[] x0 = f.start();
        Variable x = Variable.vector("x", (float) x0[0], (float) x0[1]);
        double[] min = f.minimum();
        return new Simple(name, List.of(x), f.value(min[0], min[1])) {
            @Override
            double eval(boolean grad) {
                double a = x.values()[0];
                double b = x.values()[1];
                if (grad) {
                    double[] g = f.gradient(a, b);
                    x.grad()[0] = (float) g[0];
                    x.grad()[1] = (float) g[1];
                }
                return f.value(a, b);
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
        Variable w = Variable.matrix("weight", 1, d);
        Variable b = Variable.vector("bias", 0f);
        return new Simple("logreg", List.of(w, b), logisticMinimum(a, y)) {
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
        Variable w = Variable.matrix("weight", out, in);
        return new Simple("least-squares", List.of(w), leastSquaresMinimum(a, t)) {
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

    /** min over w, b of mean log(1 + exp(−yᵢ(w·aᵢ + b))), by Newton's method on (w, b) in double. */
    static double logisticMinimum(double[][] a, double[] y) {
        int n = a.length;
        int d = a[0].length + 1;
        double[] w = new double[d];
        double loss = 0;
        for (int iter = 0; iter < 50; iter++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            loss = 0;
            for (int i = 0; i < n; i++) {
                double[] x = features(a[i]);
                double m = y[i] * dot(w, x);
                loss += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
                double s = 1 / (1 + Math.exp(m));
                for (int j = 0; j < d; j++) {
                    g[j] -= s * y[i] * x[j] / n;
                    for (int k = 0; k < d; k++) {
                        h[j][k] += s * (1 - s) * x[j] * x[k] / n;
                    }
                }
            }
            double[] step = solve(h, g);
            for (int j = 0; j < d; j++) {
                w[j] -= step[j];
            }
        }
        return loss / n;
    }

    /** min over W of ½·mean ‖W aᵢ − tᵢ‖², by the normal equations in double. */
    static double leastSquaresMinimum(double[][] a, double[][] t) {
        int n = a.length;
        int in = a[0].length;
        int out = t[0].length;
        double[][] ata = new double[in][in];
        for (double[] row : a) {
            for (int j = 0; j < in; j++) {
                for (int k = 0; k < in; k++) {
                    ata[j][k] += row[j] * row[k];
                }
            }
        }
        double loss = 0;
        for (int o = 0; o < out; o++) {
            double[] atb = new double[in];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < in; j++) {
                    atb[j] += a[i][j] * t[i][o];
                }
            }
            double[] w = solve(ata, atb);
            for (int i = 0; i < n; i++) {
                double r = dot(w, a[i]) - t[i][o];
                loss += 0.5 * r * r;
            }
        }
        return loss / n;
    }

    private static double[] features(double[] a) {
        double[] x = java.util.Arrays.copyOf(a, a.length + 1);
        x[a.length] = 1;
        return x;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** Solves m·x = b by Gaussian elimination with partial pivoting (small, well-posed systems only). */
    private static double[] solve(double[][] m, double[] b) {
        int n = b.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = java.util.Arrays.copyOf(m[i], n + 1);
            a[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    private abstract static class Simple implements Problem {
        private final String name;
        private final List<Variable> variables;

        private final double minimum;

        Simple(String name, List<Variable> variables, double minimum) {
            this.name = name;
            this.variables = variables;
            this.minimum = minimum;
        }

        @Override
        public double minimum() {
            return minimum;
        }

        abstract double eval(boolean grad);

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Variable> variables() {
            return variables;
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
