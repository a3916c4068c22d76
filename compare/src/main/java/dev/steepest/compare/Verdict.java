package dev.steepest.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seeds summarized and compared: per optimizer the per-seed values of the comparison's metric with their mean and
 * sample standard deviation; per optimizer against the baseline the difference of the means and Welch's
 * two-sample t-test (unequal variances, Welch–Satterthwaite degrees of freedom, two-sided) at the 5% level.
 * With fewer than two seeds on either side, or no spread on both, nothing is distinguishable.
 */
public final class Verdict {
    /** The test's level. */
    public static final double ALPHA = 0.05;

    private Verdict() {
    }

    /**
     * The metric compared.
     *
     * @param key the results.json key of the per-run value
     * @param label what it is, for people
     * @param lowerIsBetter whether a smaller value is better
     */
    public record Metric(String key, String label, boolean lowerIsBetter) {
        /** The value of this metric in {@code r}. */
        public double of(RunResult r) {
            return switch (key) {
                case "valLoss" -> r.valLoss();
                case "bestTestAccuracy" -> r.bestTestAccuracy();
                case "testAccuracy" -> r.testAccuracy();
                case "testLoss" -> r.testLoss();
                default -> throw new IllegalArgumentException("unknown metric " + key);
            };
        }
    }

    /** The metric of a model: validation loss per character for {@code gpt}, test accuracy at the chosen epoch otherwise. */
    public static Metric metricFor(String model) {
        return "gpt".equals(model)
                ? new Metric("valLoss", "final validation loss (nats per character)", true)
                : new Metric("bestTestAccuracy", "test accuracy at the epoch chosen on the held-out split", false);
    }

    /** One optimizer over its seeds. */
    public record Summary(String optimizer, String metric, List<Long> seeds, List<Double> values, double mean, double sd,
                          List<Double> trainLoss, double trainLossMean, double trainLossSd, List<Double> testLoss,
                          double testLossMean, double testLossSd, double secondsMean) {
    }

    /**
     * One optimizer against the baseline.
     *
     * @param optimizer the optimizer
     * @param baseline the baseline optimizer
     * @param metric the metric's key
     * @param difference mean(optimizer) − mean(baseline)
     * @param t Welch's t statistic (NaN when undefined)
     * @param df Welch–Satterthwaite degrees of freedom (NaN when undefined)
     * @param p two-sided p-value (NaN when undefined)
     * @param distinguishable whether p &lt; {@link #ALPHA}
     * @param better whether the optimizer is distinguishably better than the baseline
     * @param statement the verdict in one sentence
     */
    public record Comparison(String optimizer, String baseline, String metric, double difference, double t, double df,
                             double p, boolean distinguishable, boolean better, String statement) {
    }

    /** Per optimizer, in first-appearance order, the runs' values. */
    public static List<Summary> summarize(List<RunResult> runs, Metric metric) {
        Map<String, List<RunResult>> by = new LinkedHashMap<>();
        for (RunResult r : runs) {
            by.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        }
        List<Summary> out = new ArrayList<>();
        for (Map.Entry<String, List<RunResult>> e : by.entrySet()) {
            List<Long> seeds = e.getValue().stream().map(RunResult::seed).toList();
            List<Double> v = e.getValue().stream().map(metric::of).toList();
            List<Double> tl = e.getValue().stream().map(RunResult::trainLoss).toList();
            List<Double> te = e.getValue().stream().map(RunResult::testLoss).toList();
            double secs = mean(e.getValue().stream().map(RunResult::seconds).toList());
            out.add(new Summary(e.getKey(), metric.key(), seeds, v, mean(v), sd(v), tl, mean(tl), sd(tl), te, mean(te),
                    sd(te), secs));
        }
        return out;
    }

    /** Every optimizer but the baseline against {@code baseline}. */
    public static List<Comparison> against(List<Summary> summaries, String baseline, Metric metric) {
        Summary base = summaries.stream().filter(s -> s.optimizer().equals(baseline)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("baseline '" + baseline + "' is not among the optimizers"));
        List<Comparison> out = new ArrayList<>();
        for (Summary s : summaries) {
            if (s == base) {
                continue;
            }
            double[] w = welch(s.values(), base.values());
            double diff = s.mean() - base.mean();
            boolean dist = !Double.isNaN(w[2]) && w[2] < ALPHA;
            boolean better = dist && (metric.lowerIsBetter() ? diff < 0 : diff > 0);
            String sign = String.format(Locale.ROOT, metric.lowerIsBetter() ? "%+.4f" : "%+.2f points", 
                    metric.lowerIsBetter() ? diff : 100 * diff);
            String stmt;
            if (Double.isNaN(w[2])) {
                stmt = String.format(Locale.ROOT, "%s vs %s: difference %s; not distinguishable (the t-test needs at "
                        + "least 2 seeds on each side and some spread)", s.optimizer(), baseline, sign);
            } else if (dist) {
                stmt = String.format(Locale.ROOT, "%s is %s than %s: difference %s, Welch t = %.2f, df = %.1f, p = %.3g",
                        s.optimizer(), better ? "better" : "worse", baseline, sign, w[0], w[1], w[2]);
            } else {
                stmt = String.format(Locale.ROOT, "%s vs %s: difference %s; not distinguishable from noise (Welch t = %.2f,"
                        + " df = %.1f, p = %.3g ≥ 0.05)", s.optimizer(), baseline, sign, w[0], w[1], w[2]);
            }
            out.add(new Comparison(s.optimizer(), baseline, metric.key(), diff, w[0], w[1], w[2], dist, better, stmt));
        }
        return out;
    }

    /** Mean (NaN for no values). */
    public static double mean(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.size();
    }

    /** Sample standard deviation (n − 1); 0 for one value. */
    public static double sd(List<Double> v) {
        if (v.size() < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.size() - 1));
    }

    /** Welch's test of a against b: {t, df, two-sided p}; NaNs when fewer than 2 values on a side or no spread. */
    public static double[] welch(List<Double> a, List<Double> b) {
        int na = a.size();
        int nb = b.size();
        if (na < 2 || nb < 2 || a.stream().anyMatch(x -> !Double.isFinite(x)) || b.stream().anyMatch(x -> !Double.isFinite(x))) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double va = sd(a) * sd(a) / na;
        double vb = sd(b) * sd(b) / nb;
        if (va + vb == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double t = (mean(a) - mean(b)) / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
        return new double[] {t, df, twoSidedP(t, df)};
    }

    /** P(|T| ≥ |t|) for Student's t with {@code df} degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
    public static double twoSidedP(double t, double df) {
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** The regularized incomplete beta function I_x(a, b) by its continued fraction (Lentz). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * fraction(x, a, b) / a;
        }
        return 1 - front * fraction(1 - x, b, a) / b;
    }

    private static double fraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 500; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9). */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double s = c[0];
        for (int i = 1; i < 9; i++) {
            s += c[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
