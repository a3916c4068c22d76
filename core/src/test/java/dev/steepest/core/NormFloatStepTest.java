package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steepest.core.vector.Mahalanobis;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every norm of the {@link Norms} registry: its float step {@link Norm#dualizeInPlace} agrees with its double
 * reference {@link Norm#dualize} at float precision, and {@link Norm#descendInPlace} takes the step
 * θ − a·t* that the reference gives, on seeded random inputs and on edge cases (zeros, ties, a single non-zero
 * entry, huge and tiny magnitudes). A failure names the norm, the case and the seed.
 */
class NormFloatStepTest {

    /** One norm to check, built for data of a given shape (weighted norms need one weight per entry). */
    record Subject(String form, Shape shape, Norm norm) {
        @Override
        public String toString() {
            return norm.spec() + " on " + shape;
        }
    }

    /** The registry's forms, each made concrete for the shapes it takes; the test fails if a form is missing. */
    static List<Subject> subjects() {
        List<Subject> out = new ArrayList<>();
        Shape[] vectors = {Shape.vector(1), Shape.vector(7), Shape.vector(130)};
        Shape[] matrices = {Shape.matrix(1, 1), Shape.matrix(3, 5), Shape.matrix(6, 4), Shape.matrix(17, 9)};
        for (String form : Norms.FORMS) {
            String name = form.contains(":") ? form.substring(0, form.indexOf(':')) : form;
            switch (name) {
                case "l2", "l1", "linf" -> {
                    for (Shape s : vectors) {
                        out.add(new Subject(form, s, Norms.parse(name)));
                    }
                    out.add(new Subject(form, Shape.matrix(6, 4), Norms.parse(name)));
                }
                case "lp" -> {
                    for (String p : new String[] {"1.5", "2", "2.5", "3", "7"}) {
                        for (Shape s : vectors) {
                            out.add(new Subject(form, s, Norms.parse("lp:" + p)));
                        }
                    }
                }
                case "diag", "wlinf" -> {
                    for (Shape s : vectors) {
                        out.add(new Subject(form, s, Norms.parse(name + ":" + weights(s.size(), 1))));
                        if (name.equals("diag")) {
                            // weights 1e-60, 1, 1e60 in turn: gᵢ/dᵢ spans the float range and beyond
                            out.add(new Subject(form, s, Norms.parse(name + ":" + wideWeights(s.size()))));
                        }
                    }
                }
                case "mahalanobis" -> {
                    for (Shape s : vectors) {
                        out.add(new Subject(form, s, mahalanobis(s.size(), 5)));
                    }
                }
                case "frobenius", "spectral", "nuclear", "colnorm", "rownorm", "maxabs", "rms" -> {
                    for (Shape s : matrices) {
                        out.add(new Subject(form, s, Norms.parse(name)));
                    }
                }
                case "schatten" -> {
                    for (Shape s : matrices) {
                        out.add(new Subject(form, s, Norms.parse("schatten:3")));
                    }
                }
                default -> fail("norm form '" + form + "' of the registry has no case in this test: add one");
            }
        }
        return out;
    }

    static String weights(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(0.25 + 4 * r.nextDouble());
        }
        return b.toString();
    }

    static String wideWeights(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(new String[] {"1e-60", "1", "1e60"}[i % 3]);
        }
        return b.toString();
    }

    /** A = BᵀB + I for a seeded random B: symmetric positive definite. */
    static Norm mahalanobis(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++) {
                    s += b[k * n + i] * b[k * n + j];
                }
                a[i * n + j] = s;
            }
        }
        return new Mahalanobis(n, a, "seed" + seed);
    }

    /** The inputs: name → data of size n for a seed. */
    static List<Object[]> inputs(int n, long seed) {
        List<Object[]> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed);
        IntFunction<float[]> gauss = k -> {
            float[] x = new float[k];
            for (int i = 0; i < k; i++) {
                x[i] = (float) r.nextGaussian();
            }
            return x;
        };
        out.add(new Object[] {"gaussian", gauss.apply(n)});
        float[] mixed = new float[n];
        for (int i = 0; i < n; i++) {
            mixed[i] = r.nextInt(5) == 0 ? 0f : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 4)));
        }
        out.add(new Object[] {"mixed magnitudes with zeros", mixed});
        out.add(new Object[] {"zeros", new float[n]});
        float[] one = new float[n];
        one[r.nextInt(n)] = -2.5f;
        out.add(new Object[] {"one entry", one});
        float[] ties = new float[n];
        for (int i = 0; i < n; i++) {
            ties[i] = (i % 3 == 0 ? 1 : -1) * (i % 2 == 0 ? 3f : 1f);
        }
        out.add(new Object[] {"ties", ties});
        for (double scale : new double[] {1e30, 1e-30, 1e-40}) {
            float[] x = gauss.apply(n);
            for (int i = 0; i < n; i++) {
                x[i] = (float) (x[i] * scale);
            }
            out.add(new Object[] {"scale " + scale, x});
        }
        return out;
    }

    static Stream<Arguments> cases() {
        return subjects().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void floatStepAgreesWithTheDoubleReference(Subject subject) {
        Shape shape = subject.shape();
        for (long seed = 1; seed <= 3; seed++) {
            for (Object[] in : inputs(shape.size(), seed * 1000 + shape.size())) {
                String what = subject + ", input " + in[0] + ", seed " + seed;
                float[] g = (float[]) in[1];
                check(subject.norm(), shape, g, what);
            }
        }
    }

    static void check(Norm norm, Shape shape, float[] g, String what) {
        Dualized ref = norm.dualize(shape.tensor(g));
        float[] t = g.clone();
        double s = norm.dualizeInPlace(t, shape);
        double scale = Math.abs(ref.dualNorm());
        assertEquals(ref.dualNorm(), s, 2e-5 * scale + Double.MIN_VALUE, what + ": scale ⟨g, t*⟩");
        double tmax = 0;
        for (int i = 0; i < g.length; i++) {
            tmax = Math.max(tmax, Math.abs(ref.direction().at(i)));
        }
        for (int i = 0; i < g.length; i++) {
            double want = ref.direction().at(i);
            assertEquals(want, t[i], 2e-5 * tmax + 1e-37, what + ": t*[" + i + "]");
        }
        // the fused step on θ, both forms: θ − a·t*, a = rate·⟨g, t*⟩ (penalized) or rate (constrained)
        SplittableRandom r = new SplittableRandom(g.length);
        float[] theta0 = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            theta0[i] = (float) r.nextGaussian();
        }
        for (boolean byDual : new boolean[] {false, true}) {
            double rate = byDual ? 0.3 / Math.max(scale, 1e-30) : 0.3;
            float[] theta = theta0.clone();
            float[] gIn = g.clone();
            double s2 = norm.descendInPlace(theta, gIn, new float[g.length], shape, rate, byDual);
            assertTrue(java.util.Arrays.equals(g, gIn), what + ": descendInPlace wrote its gradient");
            assertEquals(ref.dualNorm(), s2, 2e-5 * scale + Double.MIN_VALUE, what + ": descend scale");
            double a = byDual ? rate * ref.dualNorm() : rate;
            for (int i = 0; i < g.length; i++) {
                double want = theta0[i] - a * ref.direction().at(i);
                assertEquals(want, theta[i], 2e-5 * (Math.abs(theta0[i]) + a * tmax) + 1e-37,
                        what + (byDual ? ", penalized" : ", constrained") + " step θ[" + i + "]");
            }
        }
    }

    @Test
    void everyRegistryFormIsCovered() {
        List<String> covered = subjects().stream().map(Subject::form).distinct().toList();
        assertEquals(Norms.FORMS, covered);
    }
}
