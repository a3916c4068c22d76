package dev.steepest.compare;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.steepest.compare.RunResult.EpochPoint;
import dev.steepest.compare.RunResult.StepPoint;
import dev.steepest.optim.checkpoint.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Writes a comparison to a folder: {@code results.json}, {@code curves.csv} (per epoch),
 * {@code steps.csv} (per step), one PNG per chart, and {@code report.html}, which embeds every
 * PNG as a data URI and loads nothing from the network.
 */
public final class Report {
    /** The 2-D problems of the norm panels, in order; their names start the panels' file names. */
    private static final List<String> TEACHING_PROBLEMS = List.of("quadratic", "rosenbrock");

    private Report() {
    }

    /**
     * The settings a comparison ran with, echoed into the report.
     *
     * @param dataset the data's name
     * @param trainSize training examples (characters for {@code gpt})
     * @param testSize test examples (validation characters for {@code gpt})
     * @param model the model
     * @param epochs epochs (image models) or steps ({@code gpt})
     * @param batch batch size (windows per step for {@code gpt})
     * @param seed the first seed
     * @param lrSweep whether learning rates were chosen by a sweep on held-out data
     * @param seeds runs per optimizer (seeds seed … seed + seeds − 1)
     * @param baseline the optimizer the others are compared against
     * @param detail the model and schedule in words
     */
    public record Settings(String dataset, int trainSize, int testSize, String model, int epochs, int batch,
                           long seed, boolean lrSweep, int seeds, String baseline, String detail) {
        /** One seed, the first optimizer as baseline. */
        public Settings(String dataset, int trainSize, int testSize, String model, int epochs, int batch, long seed,
                        boolean lrSweep) {
            this(dataset, trainSize, testSize, model, epochs, batch, seed, lrSweep, 1, null, "");
        }

        boolean text() {
            return "gpt".equals(model);
        }
    }

    /** The files {@link #write} puts into its folder for these optimizers, in writing order. */
    public static List<String> fileNames(List<String> optimizers) {
        List<String> names = new ArrayList<>(List.of("results.json", "curves.csv", "steps.csv", "loss_vs_step.png",
                "loss_vs_time.png", "accuracy_vs_step.png", "accuracy_vs_time.png", "train_vs_test_loss.png"));
        for (String o : optimizers) {
            names.add(localLinearFile(o));
        }
        for (String problem : TEACHING_PROBLEMS) {
            for (String norm : Teaching.NORMS) {
                names.add(normFile(problem, norm));
            }
        }
        names.add("spectra.png");
        names.add("penalized_vs_constrained_paths.png");
        names.add("penalized_vs_constrained_gap.png");
        names.add("report.html");
        return names;
    }

    /**
     * Checks before any work that {@link #write} can write the report for these optimizers into
     * {@code dir}: a folder (or a new name in a writable folder) whose report files are regular
     * files or new names, with one file per optimizer. Throws {@link IllegalArgumentException}.
     */
    public static void check(Path dir, List<String> optimizers) {
        List<String> names = fileNames(optimizers);
        if (new java.util.HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("optimizer names " + optimizers + " give two report files the same name;"
                    + " give each optimizer once");
        }
        SafeFiles.checkFolder(dir, names);
    }

    /**
     * Writes everything into {@code dir} (created if needed); returns the report's path. The files
     * are written into a staging folder first, so the folder ends complete or untouched
     * ({@link SafeFiles#writeFolder}).
     */
    public static Path write(Path dir, Settings settings, List<RunResult> runs) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RunResult r : runs) {
            if (!seen.add(r.name() + "\u0000" + r.seed())) {
                throw new IllegalArgumentException("optimizer '" + r.name() + "' has two runs with seed " + r.seed()
                        + "; give each optimizer once");
            }
        }
        List<String> optimizers = runs.stream().map(RunResult::name).distinct().toList();
        check(dir, optimizers);
        SafeFiles.writeFolder(dir, fileNames(optimizers), staging -> writeInto(staging, settings, runs));
        return dir.resolve("report.html");
    }

    /** The first run of each optimizer (its first seed): what the charts draw. */
    static List<RunResult> firstSeed(List<RunResult> runs) {
        Map<String, RunResult> first = new LinkedHashMap<>();
        for (RunResult r : runs) {
            first.putIfAbsent(r.name(), r);
        }
        return new ArrayList<>(first.values());
    }

    /** The baseline of {@code settings}, or the first optimizer. */
    static String baseline(Settings settings, List<RunResult> runs) {
        return settings.baseline() != null ? settings.baseline() : runs.get(0).name();
    }

    private static void writeInto(Path dir, Settings settings, List<RunResult> all) throws IOException {
        List<RunResult> runs = firstSeed(all);
        boolean text = settings.text();
        writeJson(dir.resolve("results.json"), settings, all);
        writeCurves(dir.resolve("curves.csv"), all);
        writeSteps(dir.resolve("steps.csv"), all);
        Map<String, byte[]> png = new LinkedHashMap<>();
        int window = Math.max(1, Math.min(50, stepsPerEpoch(runs) / 4));
        png.put("loss_vs_step.png", Plots.png(Plots.loss(runs, false, window)));
        png.put("loss_vs_time.png", Plots.png(Plots.loss(runs, true, window)));
        png.put("accuracy_vs_step.png", Plots.png(Plots.accuracy(runs, false, text)));
        png.put("accuracy_vs_time.png", Plots.png(Plots.accuracy(runs, true, text)));
        png.put("train_vs_test_loss.png", Plots.png(Plots.trainVsTest(runs, text)));
        double[] range = Plots.localLinearRange(runs);
        for (int i = 0; i < runs.size(); i++) {
            png.put(localLinearFile(runs.get(i).name()), Plots.png(Plots.localLinear(runs.get(i), i, range)));
        }
        List<Teaching.Problem> problems = List.of(Teaching.quadratic(), Teaching.rosenbrock());
        List<String> teachingRows = new ArrayList<>();
        for (int p = 0; p < problems.size(); p++) {
            Teaching.Problem problem = problems.get(p);
            int steps = p == 0 ? 40 : 400;
            for (int n = 0; n < Teaching.NORMS.size(); n++) {
                Teaching.Trajectory t = Teaching.run(problem, Teaching.NORMS.get(n), steps);
                String file = normFile(TEACHING_PROBLEMS.get(p), t.norm());
                XYChart c = Plots.trajectory(problem, t, n);
                png.put(file, Plots.png(c));
                teachingRows.add(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.3g</td></tr>",
                        esc(problem.name()), esc(t.norm()), t.xs().length - 1, t.finalValue()));
            }
        }
        png.put("spectra.png", Plots.png(Plots.spectra(runs)));
        Teaching.Problem quad = Teaching.quadratic();
        Teaching.Trajectory[] pc = Teaching.penalizedVersusConstrained(quad, "linf", 60);
        XYChart paths = Plots.trajectory(quad, pc[0], 2);
        XYSeries second = paths.addSeries(pc[1].norm(), pc[1].xs(), pc[1].ys());
        second.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
        second.setMarkerColor(Plots.color(1));
        second.setLineColor(Plots.color(1));
        paths.setTitle("ℓ∞ paths: penalized (green), constrained (red)");
        png.put("penalized_vs_constrained_paths.png", Plots.png(paths));
        png.put("penalized_vs_constrained_gap.png", Plots.png(Plots.gap(quad, pc)));
        teachingRows.add(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.3g</td></tr>",
                esc(quad.name()), esc(pc[0].norm()), pc[0].xs().length - 1, pc[0].finalValue()));
        teachingRows.add(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.3g</td></tr>",
                esc(quad.name()), esc(pc[1].norm()), pc[1].xs().length - 1, pc[1].finalValue()));
        for (Map.Entry<String, byte[]> e : png.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(dir.resolve("report.html"), html(settings, all, png, teachingRows), StandardCharsets.UTF_8);
    }

    private static String localLinearFile(String optimizer) {
        return "local_linear_" + safe(optimizer) + ".png";
    }

    private static String normFile(String problem, String norm) {
        return "norm_" + problem + "_" + safe(norm) + ".png";
    }

    private static int stepsPerEpoch(List<RunResult> runs) {
        for (RunResult r : runs) {
            if (!r.epochs().isEmpty()) {
                return r.epochs().get(0).step();
            }
        }
        return 1;
    }

    static void writeJson(Path file, Settings settings, List<RunResult> runs) throws IOException {
        Verdict.Metric metric = Verdict.metricFor(settings.model());
        List<Verdict.Summary> summary = Verdict.summarize(runs, metric);
        String baseline = baseline(settings, runs);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        root.put("environment", RunEnvironment.current());
        root.put("seeds", runs.stream().map(RunResult::seed).distinct().toList());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", metric.key());
        m.put("label", metric.label());
        m.put("lowerIsBetter", metric.lowerIsBetter());
        m.put("test", "Welch two-sample t-test, two-sided, 5% level");
        root.put("metric", m);
        root.put("baseline", baseline);
        root.put("summary", summary);
        root.put("verdict", Verdict.against(summary, baseline, metric));
        root.put("results", runs);
        json().writeValue(file.toFile(), root);
    }

    /**
     * The mapper results.json is written with: strict JSON, so a number that does not exist (the loss of a run
     * after it diverged, marked {@code "diverged": true}) is written as {@code null}, never as NaN or Infinity.
     */
    static ObjectMapper json() {
        JsonSerializer<Double> finiteOrNull = new JsonSerializer<>() {
            @Override
            public void serialize(Double v, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (Double.isFinite(v)) {
                    gen.writeNumber(v);
                } else {
                    gen.writeNull();
                }
            }
        };
        SimpleModule module = new SimpleModule("finite-or-null");
        module.addSerializer(Double.class, finiteOrNull);
        module.addSerializer(Double.TYPE, finiteOrNull);
        return new ObjectMapper().registerModule(module).enable(SerializationFeature.INDENT_OUTPUT);
    }

    static void writeCurves(Path file, List<RunResult> runs) throws IOException {
        StringBuilder sb = new StringBuilder("optimizer,seed,learning_rate,epoch,step,seconds,train_loss,test_loss,"
                + "test_accuracy,val_loss,val_accuracy\n");
        for (RunResult r : runs) {
            for (EpochPoint e : r.epochs()) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%g,%d,%d,%.4f,%.6g,%.6g,%.6g,%.6g,%.6g%n", r.name(), r.seed(),
                        r.learningRate(), e.epoch(), e.step(), e.seconds(), e.trainLoss(), e.testLoss(), e.testAccuracy(),
                        e.valLoss(), e.valAccuracy()));
            }
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    static void writeSteps(Path file, List<RunResult> runs) throws IOException {
        StringBuilder sb = new StringBuilder("optimizer,seed,step,seconds,train_loss\n");
        for (RunResult r : runs) {
            for (StepPoint s : r.steps()) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%d,%.4f,%.6g%n", r.name(), r.seed(), s.step(), s.seconds(),
                        s.trainLoss()));
            }
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** The summary table as plain text, as printed by the command line (one seed, image model). */
    public static String table(List<RunResult> runs) {
        return table(new Settings("", 0, 0, "mlp", 0, 0, 0, false), runs);
    }

    /** The summary table as plain text, as printed by the command line: mean ± sd over seeds, then the verdict. */
    public static String table(Settings settings, List<RunResult> runs) {
        StringBuilder sb = new StringBuilder();
        boolean text = settings.text();
        Verdict.Metric metric = Verdict.metricFor(settings.model());
        List<Verdict.Summary> summary = Verdict.summarize(runs, metric);
        Map<String, List<RunResult>> by = byOptimizer(runs);
        if (text) {
            sb.append(String.format(Locale.ROOT, "%-14s %10s %19s %15s %17s %9s %10s%n", "optimizer", "lr",
                    "val loss (nats)", "val bits/char", "train loss", "time (s)", "optimizer"));
        } else {
            sb.append(String.format(Locale.ROOT, "%-14s %10s %17s %17s %17s %17s %9s %10s%n", "optimizer", "lr",
                    "test acc", "acc (chosen ep.)", "train loss", "test loss", "time (s)", "optimizer"));
        }
        for (Verdict.Summary s : summary) {
            List<RunResult> rs = by.get(s.optimizer());
            RunResult r = rs.get(0);
            List<Double> acc = rs.stream().map(RunResult::testAccuracy).toList();
            double share = Verdict.mean(rs.stream().map(Report::share).toList());
            boolean diverged = rs.stream().anyMatch(RunResult::diverged);
            if (text) {
                List<Double> bpc = rs.stream().map(RunResult::valBitsPerChar).toList();
                sb.append(String.format(Locale.ROOT, "%-14s %10.3g %19s %15s %17s %9.1f %9.0f%%%s%n", s.optimizer(),
                        r.learningRate(), pm(s.mean(), s.sd(), "%.4f"), pm(Verdict.mean(bpc), Verdict.sd(bpc), "%.3f"),
                        pm(s.trainLossMean(), s.trainLossSd(), "%.4f"), s.secondsMean(), 100 * share,
                        diverged ? "  (diverged)" : ""));
            } else {
                sb.append(String.format(Locale.ROOT, "%-14s %10.3g %17s %17s %17s %17s %9.1f %9.0f%%%s%n", s.optimizer(),
                        r.learningRate(), pct(Verdict.mean(acc), Verdict.sd(acc)), pct(s.mean(), s.sd()),
                        pm(s.trainLossMean(), s.trainLossSd(), "%.4f"), pm(s.testLossMean(), s.testLossSd(), "%.4f"),
                        s.secondsMean(), 100 * share, diverged ? "  (diverged)" : ""));
            }
        }
        if (settings.seeds() > 1 || summary.size() > 1) {
            sb.append(String.format(Locale.ROOT, "%nVerdict (%s; baseline %s; Welch two-sample t-test, 5%% level, %d seed%s):%n",
                    metric.label(), baseline(settings, runs), settings.seeds(), settings.seeds() == 1 ? "" : "s"));
            for (Verdict.Comparison c : Verdict.against(summary, baseline(settings, runs), metric)) {
                sb.append("  ").append(c.statement()).append('\n');
            }
        }
        return sb.toString();
    }

    static Map<String, List<RunResult>> byOptimizer(List<RunResult> runs) {
        Map<String, List<RunResult>> by = new LinkedHashMap<>();
        for (RunResult r : runs) {
            by.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        }
        return by;
    }

    static String pm(double mean, double sd, String fmt) {
        return String.format(Locale.ROOT, fmt + " ± " + fmt, mean, sd);
    }

    static String pct(double mean, double sd) {
        return String.format(Locale.ROOT, "%.2f ± %.2f%%", 100 * mean, 100 * sd);
    }

    static double share(RunResult r) {
        return r.seconds() > 0 ? r.optimizerSeconds() / r.seconds() : 0;
    }

    private static String html(Settings s, List<RunResult> runs, Map<String, byte[]> png, List<String> teachingRows) {
        boolean text = s.text();
        Verdict.Metric metric = Verdict.metricFor(s.model());
        List<Verdict.Summary> summary = Verdict.summarize(runs, metric);
        String baseline = baseline(s, runs);
        List<Verdict.Comparison> verdict = Verdict.against(summary, baseline, metric);
        Map<String, List<RunResult>> by = byOptimizer(runs);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>steepest compare</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}img{max-width:100%}.grid{display:flex;flex-wrap:wrap;gap:8px}")
                .append(".grid img{width:360px}.note{color:#555;font-size:0.95em}.left{text-align:left}")
                .append(".better{color:#1a7f37;font-weight:bold}.worse{color:#b42318;font-weight:bold}</style></head><body>\n");
        h.append("<h1>steepest compare</h1>\n");
        h.append("<h2 id=\"verdict\">Verdict</h2>\n");
        h.append(String.format(Locale.ROOT, "<p>Compared: <b>%s</b> (%s), %d seed%s per optimizer (seeds %d to %d), against "
                        + "the baseline <b>%s</b> (%s). A difference counts as distinguishable from noise when Welch's "
                        + "two-sample t-test (unequal variances, two-sided) gives p &lt; 0.05; otherwise it is reported as "
                        + "<i>not distinguishable</i>.</p>\n", esc(metric.label()),
                metric.lowerIsBetter() ? "lower is better" : "higher is better", s.seeds(), s.seeds() == 1 ? "" : "s",
                s.seed(), s.seed() + s.seeds() - 1, esc(baseline),
                s.baseline() != null ? "chosen with --baseline" : "the first optimizer listed"));
        h.append("<ul>\n");
        if (verdict.isEmpty()) {
            h.append("<li>Only one optimizer: nothing to compare.</li>\n");
        }
        for (Verdict.Comparison c : verdict) {
            String cls = c.distinguishable() ? (c.better() ? "better" : "worse") : "";
            h.append("<li><span class=\"").append(cls).append("\">").append(esc(c.statement())).append("</span></li>\n");
        }
        h.append("</ul>\n<table><tr><th>optimizer</th><th>").append(esc(metric.label()))
                .append(", mean ± sd</th><th>per seed</th><th>difference to ").append(esc(baseline))
                .append("</th><th>Welch p</th><th>verdict</th></tr>\n");
        for (Verdict.Summary sm : summary) {
            Verdict.Comparison c = verdict.stream().filter(v -> v.optimizer().equals(sm.optimizer())).findFirst().orElse(null);
            h.append("<tr><td>").append(esc(sm.optimizer())).append("</td><td>")
                    .append(text ? pm(sm.mean(), sm.sd(), "%.4f") : pct(sm.mean(), sm.sd())).append("</td><td>")
                    .append(esc(sm.values().stream().map(v -> text ? String.format(Locale.ROOT, "%.4f", v)
                            : String.format(Locale.ROOT, "%.2f%%", 100 * v)).reduce((a, b) -> a + ", " + b).orElse("")))
                    .append("</td><td>");
            if (c == null) {
                h.append("(baseline)</td><td></td><td></td></tr>\n");
            } else {
                h.append(text ? String.format(Locale.ROOT, "%+.4f", c.difference())
                                : String.format(Locale.ROOT, "%+.2f points", 100 * c.difference()))
                        .append("</td><td>").append(Double.isNaN(c.p()) ? "–" : String.format(Locale.ROOT, "%.3g", c.p()))
                        .append("</td><td>").append(c.distinguishable() ? (c.better() ? "better" : "worse") : "not distinguishable")
                        .append("</td></tr>\n");
            }
        }
        h.append("</table>\n");
        h.append(String.format(Locale.ROOT, "<h2>Setup</h2>\n<p>Data <b>%s</b> (%d %s, %d %s), model <b>%s</b>%s, "
                        + "%s, batch %d. Every optimizer starts from the same weights and sees the batches in the same "
                        + "order for a given seed; each seed draws its own initialization and batch order.</p>\n",
                esc(s.dataset()), s.trainSize(), text ? "training characters" : "training images", s.testSize(),
                text ? "validation characters" : "test images", esc(s.model()),
                s.detail().isEmpty() ? "" : " (" + esc(s.detail()) + ")",
                text ? s.epochs() + " steps" : s.epochs() + " epochs", s.batch()));
        h.append(text ? "<p class=\"note\">The model trains on the first 90% of the text; the validation loss is the "
                + "mean cross-entropy per predicted character, in nats (bits per character = nats / ln 2), on the last "
                + "10%, which no choice looks at: the learning-rate sweep trains on the first 90% of the training part "
                + "and scores on the rest of it.</p>\n"
                : "<p class=\"note\">The model trains on the first 90% of the training set; the last 10% is held out. "
                + "The learning-rate sweep and the best epoch are chosen on that held-out split, never on the test set; "
                + "the test set only scores.</p>\n");
        h.append("<h2>Optimizers</h2>\n<table><tr><th>optimizer</th><th class=\"left\">norm</th><th class=\"left\">form</th>")
                .append("<th class=\"left\">momentum</th><th>weight decay</th><th>learning rate</th><th class=\"left\">how chosen</th></tr>\n");
        for (Map.Entry<String, List<RunResult>> e : by.entrySet()) {
            RunResult r = e.getValue().get(0);
            OptimizerCatalog.Description d;
            try {
                d = OptimizerCatalog.description(e.getKey());
            } catch (IllegalArgumentException ex) {
                d = new OptimizerCatalog.Description("?", "?", "?", "?");
            }
            String how;
            if (r.sweep().isEmpty()) {
                how = "default of the preset (no sweep)";
            } else {
                StringBuilder tried = new StringBuilder(text ? "lowest held-out loss of " : "best held-out accuracy of ");
                for (RunResult.SweepPoint p : r.sweep()) {
                    tried.append(String.format(Locale.ROOT, "%.3g → %s; ", p.learningRate(), p.diverged() ? "diverged"
                            : text ? String.format(Locale.ROOT, "%.4f", p.validationLoss())
                            : String.format(Locale.ROOT, "%.2f%%", 100 * p.validationAccuracy())));
                }
                how = tried.toString();
            }
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"left\">").append(esc(d.norm()))
                    .append("</td><td class=\"left\">").append(esc(d.form())).append("</td><td class=\"left\">")
                    .append(esc(d.momentum())).append("</td><td>").append(esc(d.weightDecay())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3g", r.learningRate())).append("</td><td class=\"left\">")
                    .append(esc(how)).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<h2>Summary</h2>\n<p class=\"note\">Mean ± sample standard deviation over the seeds (± 0 with one seed).</p>\n<table><tr><th>optimizer</th>");
        if (text) {
            h.append("<th>final training loss (nats)</th><th>final validation loss (nats/char)</th><th>bits per char</th>")
                    .append("<th>next-char accuracy</th>");
        } else {
            h.append("<th>final training loss</th><th>final test loss</th><th>final test accuracy</th>")
                    .append("<th>test accuracy at the epoch chosen on the held-out split</th>");
        }
        h.append("<th>training time (s)</th><th>share in optimizer step</th></tr>\n");
        for (Verdict.Summary sm : summary) {
            List<RunResult> rs = by.get(sm.optimizer());
            List<Double> acc = rs.stream().map(RunResult::testAccuracy).toList();
            double share = Verdict.mean(rs.stream().map(Report::share).toList());
            String div = rs.stream().anyMatch(RunResult::diverged) ? " (diverged)" : "";
            h.append("<tr><td>").append(esc(sm.optimizer())).append(div).append("</td><td>")
                    .append(pm(sm.trainLossMean(), sm.trainLossSd(), "%.4f")).append("</td><td>")
                    .append(pm(sm.testLossMean(), sm.testLossSd(), "%.4f")).append("</td><td>");
            if (text) {
                List<Double> bpc = rs.stream().map(RunResult::valBitsPerChar).toList();
                h.append(pm(Verdict.mean(bpc), Verdict.sd(bpc), "%.3f")).append("</td><td>").append(pct(Verdict.mean(acc),
                        Verdict.sd(acc)));
            } else {
                h.append(pct(Verdict.mean(acc), Verdict.sd(acc))).append("</td><td>").append(pct(sm.mean(), sm.sd()));
            }
            h.append(String.format(Locale.ROOT, "</td><td>%.1f</td><td>%.0f%%</td></tr>%n", sm.secondsMean(), 100 * share));
        }
        h.append("</table>\n");
        String firstSeed = s.seeds() > 1 ? String.format(Locale.ROOT, " Charts show seed %d, the first.", s.seed()) : "";
        h.append("<h2>Training loss</h2>\n<p class=\"note\">").append(firstSeed).append("</p>\n");
        img(h, png, "loss_vs_step.png");
        img(h, png, "loss_vs_time.png");
        h.append(text ? "<h2>Training and validation loss</h2>\n" : "<h2>Training and test loss</h2>\n");
        h.append("<p class=\"note\">Solid: mean training loss over the epoch (or the steps since the previous evaluation); "
                + "dashed: ").append(text ? "validation" : "test").append(" loss at its end. A widening gap is overfitting.</p>\n");
        img(h, png, "train_vs_test_loss.png");
        h.append(text ? "<h2>Validation loss</h2>\n" : "<h2>Test accuracy</h2>\n");
        img(h, png, "accuracy_vs_step.png");
        img(h, png, "accuracy_vs_time.png");
        h.append("<h2>Is the step where the linear model holds?</h2>\n<p class=\"note\">Every step minimizes the linear "
                + "model f(θ+Δ) ≈ f(θ) + ⟨g,Δ⟩ plus a penalty or within a radius. For sampled steps, the predicted change "
                + "⟨g,u⟩ of the applied update u is plotted against the loss change observed on the same batch. Points on "
                + "the dashed line: the linear model was right. Points above it: the step went far enough for curvature to "
                + "eat part of the predicted gain (a shorter step, or a larger penalty, would keep closer to the line). Every "
                + "panel has the same axes; the number in each title is the median of observed ÷ predicted change over the "
                + "sampled steps that predicted a decrease (1: the linear model was exact).</p>\n<table><tr><th>optimizer</th>"
                + "<th>median observed ÷ predicted</th><th>sampled steps</th></tr>\n");
        for (RunResult r : firstSeed(runs)) {
            double q = Plots.medianRatio(r);
            h.append("<tr><td>").append(esc(r.name())).append("</td><td>")
                    .append(Double.isNaN(q) ? "–" : String.format(Locale.ROOT, "%.2f", q)).append("</td><td>")
                    .append(r.localLinear().size()).append("</td></tr>\n");
        }
        h.append("</table>\n<div class=\"grid\">\n");
        for (RunResult r : firstSeed(runs)) {
            img(h, png, localLinearFile(r.name()));
        }
        h.append("</div>\n<h2>What the step does to a hidden matrix's spectrum</h2>\n<p class=\"note\">At the first "
                + "sampled step, the singular values of the first hidden weight matrix's gradient G and of the update U "
                + "the optimizer applied to it, each divided by its largest. A spectral step (muon, scion, polargrad) "
                + "replaces G by (nearly) its polar factor, so its update's singular values are (nearly) equal: every "
                + "direction of the matrix moves by the same amount. Gradient descent keeps G's decay; AdamW's "
                + "per-entry scaling changes it without flattening it.</p>\n");
        img(h, png, "spectra.png");
        h.append("<h2>What each norm does: steepest descent in 2-D</h2>\n<p class=\"note\">Each panel runs the "
                + "penalized step u = argmin ⟨g,Δ⟩ + c‖Δ‖² under one norm from the same start, with c found by "
                + "backtracking (c doubles until f(x+u) ≤ f(x) + ⟨g,u⟩ + c‖u‖², then halves). The black curve is the "
                + "norm's ball around the start, with the radius of the first step; the first step (thick black) lands "
                + "where that ball reaches furthest against the gradient: along −g for ℓ2, at a corner for ℓ∞ (sign "
                + "descent) and ℓ1 (one coordinate).</p>\n<div class=\"grid\">\n");
        for (String name : png.keySet()) {
            if (name.startsWith("norm_") && !name.startsWith("penalized")) {
                img(h, png, name);
            }
        }
        h.append("</div>\n<h3>Penalized or constrained: the same norm, two step lengths</h3>\n<p class=\"note\">ℓ∞ on the "
                + "quadratic with fixed parameters and no backtracking. Penalized (sign-dual's form): u = −(‖g‖₁/(2c))·sign g, "
                + "so the step shrinks as the gradient does and the iterates settle at the minimum. Constrained (signsgd's "
                + "form): u = −η·sign g, a fixed length, so near the minimum it keeps jumping across it at distance about η. "
                + "η is the penalized form's first radius divided by e (so that fixed-length steps cannot hit the minimum "
                + "exactly by a coincidence of the grid they move on); c is the quadratic's largest curvature along a "
                + "corner direction. This is why sign-dual's learning rate looks tiny: its step is "
                + "lr·‖g‖₁, and ‖g‖₁ sums every entry of a tensor.</p>\n<div class=\"grid\">\n");
        img(h, png, "penalized_vs_constrained_paths.png");
        img(h, png, "penalized_vs_constrained_gap.png");
        h.append("</div>\n<table><tr><th>problem</th><th>norm</th><th>steps</th><th>final value</th></tr>\n");
        teachingRows.forEach(r -> h.append(r).append('\n'));
        h.append("</table>\n");
        RunEnvironment env = RunEnvironment.current();
        h.append("<h2>Environment</h2>\n<table>");
        for (String[] kv : new String[][] {{"matrix steps (BLAS/LAPACK)", env.blas()}, {"elementwise kernels", env.kernels()},
                {"Java", env.java()}, {"OS", env.os()}, {"CPU", env.cpu()}, {"steepest", env.steepest()}}) {
            h.append("<tr><td>").append(esc(kv[0])).append("</td><td style=\"text-align:left\">").append(esc(kv[1]))
                    .append("</td></tr>");
        }
        h.append("</table>\n<p class=\"note\">Data files next to this report: results.json, curves.csv (per epoch "
                + "or evaluation and seed), steps.csv (per step and seed), and every chart as a PNG.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void img(StringBuilder h, Map<String, byte[]> png, String name) {
        h.append("<img alt=\"").append(esc(name)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png.get(name))).append("\">\n");
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
