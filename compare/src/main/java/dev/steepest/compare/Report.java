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

    /** The settings a comparison ran with, echoed into the report. */
    public record Settings(String dataset, int trainSize, int testSize, String model, int epochs, int batch,
                           long seed, boolean lrSweep) {
    }

    /** The files {@link #write} puts into its folder for these optimizers, in writing order. */
    public static List<String> fileNames(List<String> optimizers) {
        List<String> names = new ArrayList<>(List.of("results.json", "curves.csv", "steps.csv", "loss_vs_step.png",
                "loss_vs_time.png", "accuracy_vs_step.png", "accuracy_vs_time.png"));
        for (String o : optimizers) {
            names.add(localLinearFile(o));
        }
        for (String problem : TEACHING_PROBLEMS) {
            for (String norm : Teaching.NORMS) {
                names.add(normFile(problem, norm));
            }
        }
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
        List<String> optimizers = runs.stream().map(RunResult::name).toList();
        check(dir, optimizers);
        SafeFiles.writeFolder(dir, fileNames(optimizers), staging -> writeInto(staging, settings, runs));
        return dir.resolve("report.html");
    }

    private static void writeInto(Path dir, Settings settings, List<RunResult> runs) throws IOException {
        writeJson(dir.resolve("results.json"), settings, runs);
        writeCurves(dir.resolve("curves.csv"), runs);
        writeSteps(dir.resolve("steps.csv"), runs);
        Map<String, byte[]> png = new LinkedHashMap<>();
        int window = Math.max(1, Math.min(50, stepsPerEpoch(runs) / 4));
        png.put("loss_vs_step.png", Plots.png(Plots.loss(runs, false, window)));
        png.put("loss_vs_time.png", Plots.png(Plots.loss(runs, true, window)));
        png.put("accuracy_vs_step.png", Plots.png(Plots.accuracy(runs, false)));
        png.put("accuracy_vs_time.png", Plots.png(Plots.accuracy(runs, true)));
        for (int i = 0; i < runs.size(); i++) {
            png.put(localLinearFile(runs.get(i).name()), Plots.png(Plots.localLinear(runs.get(i), i)));
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
        for (Map.Entry<String, byte[]> e : png.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(dir.resolve("report.html"), html(settings, runs, png, teachingRows), StandardCharsets.UTF_8);
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
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        root.put("environment", RunEnvironment.current());
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
        StringBuilder sb = new StringBuilder("optimizer,learning_rate,epoch,step,seconds,train_loss,test_loss,test_accuracy\n");
        for (RunResult r : runs) {
            for (EpochPoint e : r.epochs()) {
                sb.append(String.format(Locale.ROOT, "%s,%g,%d,%d,%.4f,%.6g,%.6g,%.6g%n", r.name(), r.learningRate(),
                        e.epoch(), e.step(), e.seconds(), e.trainLoss(), e.testLoss(), e.testAccuracy()));
            }
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    static void writeSteps(Path file, List<RunResult> runs) throws IOException {
        StringBuilder sb = new StringBuilder("optimizer,step,seconds,train_loss\n");
        for (RunResult r : runs) {
            for (StepPoint s : r.steps()) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.6g%n", r.name(), s.step(), s.seconds(), s.trainLoss()));
            }
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** The summary table as plain text, as printed by the command line. */
    public static String table(List<RunResult> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-14s %10s %9s %9s %11s %9s %10s%n", "optimizer", "lr", "test acc",
                "best acc", "train loss", "time (s)", "optimizer"));
        for (RunResult r : runs) {
            sb.append(String.format(Locale.ROOT, "%-14s %10.3g %8.2f%% %8.2f%% %11.4f %9.1f %9.0f%%%s%n", r.name(),
                    r.learningRate(), 100 * r.testAccuracy(), 100 * r.bestTestAccuracy(), r.trainLoss(), r.seconds(),
                    100 * share(r), r.diverged() ? "  (diverged)" : ""));
        }
        return sb.toString();
    }

    static double share(RunResult r) {
        return r.seconds() > 0 ? r.optimizerSeconds() / r.seconds() : 0;
    }

    private static String html(Settings s, List<RunResult> runs, Map<String, byte[]> png, List<String> teachingRows) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>steepest compare</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}img{max-width:100%}.grid{display:flex;flex-wrap:wrap;gap:8px}")
                .append(".grid img{width:360px}.note{color:#555;font-size:0.95em}</style></head><body>\n");
        h.append("<h1>steepest compare</h1>\n");
        h.append(String.format(Locale.ROOT, "<p>Dataset <b>%s</b> (%d training, %d test images), model <b>%s</b>, "
                        + "%d epochs, batch %d, seed %d%s. Every optimizer starts from the same weights and sees the "
                        + "batches in the same order.</p>\n", esc(s.dataset()), s.trainSize(), s.testSize(), esc(s.model()),
                s.epochs(), s.batch(), s.seed(), s.lrSweep() ? ", learning rates chosen by a sweep on a held-out split" : ""));
        RunEnvironment env = RunEnvironment.current();
        h.append("<h2>Environment</h2>\n<table>");
        for (String[] kv : new String[][] {{"matrix steps (BLAS/LAPACK)", env.blas()}, {"elementwise kernels", env.kernels()},
                {"Java", env.java()}, {"OS", env.os()}, {"CPU", env.cpu()}, {"steepest", env.steepest()}}) {
            h.append("<tr><td>").append(esc(kv[0])).append("</td><td style=\"text-align:left\">").append(esc(kv[1]))
                    .append("</td></tr>");
        }
        h.append("</table>\n");
        h.append("<h2>Summary</h2>\n<table><tr><th>optimizer</th><th>learning rate</th><th>final test accuracy</th>")
                .append("<th>best test accuracy</th><th>final train loss</th><th>training time (s)</th><th>share in optimizer step</th></tr>\n");
        for (RunResult r : runs) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s%s</td><td>%.3g</td><td>%.2f%%</td><td>%.2f%%</td><td>%.4f</td>"
                            + "<td>%.1f</td><td>%.0f%%</td></tr>%n", esc(r.name()), r.diverged() ? " (diverged)" : "",
                    r.learningRate(), 100 * r.testAccuracy(), 100 * r.bestTestAccuracy(), r.trainLoss(), r.seconds(),
                    100 * share(r)));
        }
        h.append("</table>\n");
        boolean anySweep = runs.stream().anyMatch(r -> !r.sweep().isEmpty());
        if (anySweep) {
            h.append("<h3>Learning-rate sweep (validation accuracy on the held-out split)</h3>\n<table><tr><th>optimizer</th><th>tried</th></tr>\n");
            for (RunResult r : runs) {
                StringBuilder tried = new StringBuilder();
                for (RunResult.SweepPoint p : r.sweep()) {
                    tried.append(String.format(Locale.ROOT, "%.3g → %s; ", p.learningRate(),
                            p.diverged() ? "diverged" : String.format(Locale.ROOT, "%.2f%%", 100 * p.validationAccuracy())));
                }
                h.append("<tr><td>").append(esc(r.name())).append("</td><td>").append(esc(tried.toString())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Training loss</h2>\n");
        img(h, png, "loss_vs_step.png");
        img(h, png, "loss_vs_time.png");
        h.append("<h2>Test accuracy</h2>\n");
        img(h, png, "accuracy_vs_step.png");
        img(h, png, "accuracy_vs_time.png");
        h.append("<h2>Is the step where the linear model holds?</h2>\n<p class=\"note\">Every step minimizes the linear "
                + "model f(θ+Δ) ≈ f(θ) + ⟨g,Δ⟩ plus a penalty or within a radius. For sampled steps, the predicted change "
                + "⟨g,u⟩ of the applied update u is plotted against the loss change observed on the same batch. Points on "
                + "the dashed line: the linear model was right. Points above it: the step went far enough for curvature to "
                + "eat part of the predicted gain (a shorter step, or a larger penalty, would keep closer to the line).</p>\n<div class=\"grid\">\n");
        for (RunResult r : runs) {
            img(h, png, localLinearFile(r.name()));
        }
        h.append("</div>\n<h2>What each norm does: steepest descent in 2-D</h2>\n<p class=\"note\">Each panel runs the "
                + "penalized step u = argmin ⟨g,Δ⟩ + c‖Δ‖² under one norm from the same start, with c found by "
                + "backtracking (c doubles until f(x+u) ≤ f(x) + ⟨g,u⟩ + c‖u‖², then halves). The black curve is the "
                + "norm's ball around the start, with the radius of the first step; the first step (thick black) lands "
                + "where that ball reaches furthest against the gradient: along −g for ℓ2, at a corner for ℓ∞ (sign "
                + "descent) and ℓ1 (one coordinate).</p>\n<div class=\"grid\">\n");
        for (String name : png.keySet()) {
            if (name.startsWith("norm_")) {
                img(h, png, name);
            }
        }
        h.append("</div>\n<table><tr><th>problem</th><th>norm</th><th>steps</th><th>final value</th></tr>\n");
        teachingRows.forEach(r -> h.append(r).append('\n'));
        h.append("</table>\n<p class=\"note\">Data files next to this report: results.json, curves.csv (per epoch), "
                + "steps.csv (per step), and every chart as a PNG.</p>\n</body></html>\n");
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
