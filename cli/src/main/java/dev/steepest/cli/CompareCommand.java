package dev.steepest.cli;

import dev.steepest.compare.Comparison;
import dev.steepest.compare.Gpt;
import dev.steepest.compare.Models;
import dev.steepest.compare.TextTraining;
import dev.steepest.data.TextCorpus;
import dev.steepest.compare.OptimizerCatalog;
import dev.steepest.compare.Report;
import dev.steepest.compare.RunResult;
import dev.steepest.compare.Training;
import dev.steepest.data.Datasets;
import dev.steepest.data.ImageDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./steepest compare}: trains one model with several optimizers and writes a report. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Trains the same model from the same initialization with each optimizer (DJL, PyTorch engine, CPU),",
                "prints a summary table and writes DIR/report.html, results.json, curves.csv, steps.csv and PNG charts."},
        footer = {"", "Every option, the data and --out are checked before training: --out must be a folder or a new name,",
            "its report files regular files or new names, optimizer names unique, --batch at most the training set size,",
            "--epochs and --sweep-epochs at most 1000, --seeds at most 100, --baseline one of --optimizers;",
            "gpt's options (--steps, --width, …) only with --model gpt, --epochs and the image data options only without.",
            "The report files are written to a staging folder first, so DIR ends complete or unchanged.",
            Main.EXIT_CODES})
public final class CompareCommand implements Callable<Integer> {

    /** The most epochs one run takes. */
    static final int MAX_EPOCHS = 1000;
    /** The most steps one gpt run takes. */
    static final int MAX_STEPS = 1_000_000;
    /** The largest gpt size option (width, layers, heads, context). */
    static final int MAX_SIZE = 4096;
    static final int DEFAULT_GPT_BATCH = 32;
    static final int DEFAULT_GPT_STEPS = 1000;
    static final int DEFAULT_GPT_LAYERS = 2;
    static final int DEFAULT_GPT_WIDTH = 64;
    static final int DEFAULT_GPT_HEADS = 4;
    static final int DEFAULT_GPT_CONTEXT = 64;
    /** Held-out windows per gpt evaluation. */
    static final int GPT_EVAL_WINDOWS = 256;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "default|fashion-mnist|DIR", defaultValue = "default",
            description = "default: the shipped 6000/1000 Fashion-MNIST subset; fashion-mnist: the full set from the "
                    + "Debian package dataset-fashion-mnist; DIR: a folder of MNIST-style IDX files (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "A folder of MNIST-style IDX files (same as --dataset DIR).")
    String data;

    @Option(names = "--model", defaultValue = "mlp", description = "mlp (784-256-10), cnn, or gpt (a character-level "
            + "transformer on the shipped King James Version slice) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--optimizers", split = ",", paramLabel = "NAME",
            description = "Comma-separated optimizer names, or 'all' for every preset (default: every preset; see --list).")
    List<String> optimizers;

    @Option(names = "--option", paramLabel = "[NAME.]KEY=VALUE",
            description = "A preset option by its PyTorch name (e.g. weight_decay=0.1), for every optimizer compared, or"
                    + " only for NAME (muon.adjust_lr_fn=original); repeatable. lr replaces the default learning rate.")
    List<String> presetOptions;

    @Option(names = "--list", description = "List the optimizer names and exit.")
    boolean list;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (mlp, cnn; default: 3).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default: 128 images; gpt: "
            + DEFAULT_GPT_BATCH + " windows).")
    Integer batch;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1", description = "Runs per optimizer, seeds S … S+N-1 "
            + "(initialization and batch order); tables show mean ± sd and a verdict (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--baseline", paramLabel = "NAME", description = "The optimizer the others are compared against "
            + "(default: the first of --optimizers).")
    String baseline;

    @Option(names = "--schedule", paramLabel = "constant|cosine", defaultValue = "constant", description = "Learning "
            + "rates constant, or cosine: linear warm-up over 5%% of the steps, then cosine decay to a tenth (steepest "
            + "presets only; the sweep's rate is the peak) (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--steps", paramLabel = "N", description = "gpt: optimizer steps (default: " + DEFAULT_GPT_STEPS + ").")
    Integer steps;

    @Option(names = "--sweep-steps", paramLabel = "N", description = "gpt: steps per learning rate in the sweep "
            + "(default: half of --steps).")
    Integer sweepSteps;

    @Option(names = "--eval-every", paramLabel = "N", description = "gpt: evaluate every N steps (default: --steps / 6).")
    Integer evalEvery;

    @Option(names = "--layers", paramLabel = "N", description = "gpt: transformer blocks (default: " + DEFAULT_GPT_LAYERS + ").")
    Integer layers;

    @Option(names = "--width", paramLabel = "N", description = "gpt: model width (default: " + DEFAULT_GPT_WIDTH + ").")
    Integer width;

    @Option(names = "--heads", paramLabel = "N", description = "gpt: attention heads, dividing --width (default: "
            + DEFAULT_GPT_HEADS + ").")
    Integer heads;

    @Option(names = "--context", paramLabel = "N", description = "gpt: characters per window (default: "
            + DEFAULT_GPT_CONTEXT + ").")
    Integer context;

    @Option(names = "--lr-sweep", description = "Choose each optimizer's learning rate from a small grid on a held-out 10%% of the training set first.")
    boolean lrSweep;

    @Option(names = "--qk-clip", paramLabel = "TAU", description = "--model gpt: after every step, scale the query and "
            + "key weights of each attention head whose largest logit exceeded TAU by sqrt(TAU/max) (MuonClip)")
    Double qkClip;
    @Option(names = "--sweep-epochs", defaultValue = "2", description = "Epochs per learning rate in the sweep (default: ${DEFAULT-VALUE}).")
    int sweepEpochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the initialization and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-limit", paramLabel = "N", description = "Use only the first N training examples.")
    Integer trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Use only the first N test examples.")
    Integer testLimit;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "compare-report", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        if (list) {
            outw.println(String.join("\n", OptimizerCatalog.names()));
            outw.flush();
            return 0;
        }
        boolean text = "gpt".equals(model);
        ImageDataset d = null;
        TextCorpus corpus = null;
        Comparison.Options options = null;
        Comparison.TextOptions textOptions = null;
        List<String> names;
        Report.Settings settings;
        try {
            if (!Models.NAMES.contains(model)) {
                throw new IllegalArgumentException("unknown model '" + model + "'; choose one of "
                        + String.join(", ", Models.NAMES));
            }
            if (seeds < 1 || seeds > Comparison.MAX_SEEDS) {
                throw new IllegalArgumentException("--seeds must be between 1 and " + Comparison.MAX_SEEDS + ", got " + seeds);
            }
            if (sweepEpochs < 1 || sweepEpochs > MAX_EPOCHS) {
                throw new IllegalArgumentException("--sweep-epochs must be between 1 and " + MAX_EPOCHS + ", got " + sweepEpochs);
            }
            if (batch != null && batch < 1) {
                throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
            }
            if (trainLimit != null && trainLimit < 2) {
                throw new IllegalArgumentException("--train-limit must be at least 2, got " + trainLimit);
            }
            if (testLimit != null && testLimit < 1) {
                throw new IllegalArgumentException("--test-limit must be at least 1, got " + testLimit);
            }
            names = optimizers == null ? OptimizerCatalog.DEFAULT
                    : optimizers.size() == 1 && "all".equals(optimizers.get(0).strip()) ? OptimizerCatalog.PRESETS
                    : optimizers.stream().map(String::strip).toList();
            for (int i = 0; i < names.size(); i++) {
                OptimizerCatalog.get(names.get(i));
                if (names.subList(0, i).contains(names.get(i))) {
                    throw new IllegalArgumentException("--optimizers names '" + names.get(i)
                            + "' twice; give each optimizer once");
                }
            }
            if (baseline != null && !names.contains(baseline.strip())) {
                throw new IllegalArgumentException("--baseline '" + baseline.strip() + "' is not among --optimizers "
                        + String.join(",", names));
            }
            String base = baseline == null ? null : baseline.strip();
            if (!dev.steepest.compare.OptimizerChoice.SCHEDULES.contains(schedule)) {
                throw new IllegalArgumentException("unknown --schedule '" + schedule + "'; choose one of "
                        + String.join(", ", dev.steepest.compare.OptimizerChoice.SCHEDULES));
            }
            for (String name : names) {
                OptimizerCatalog.get(name).withSchedule(schedule, 1);
            }
            String rates = "constant".equals(schedule) ? ""
                    : "; learning rates on a cosine schedule (5% linear warm-up, decay to a tenth of the peak)";
            if (text) {
                if (epochs != null) {
                    throw new IllegalArgumentException("--epochs applies to mlp and cnn; --model gpt counts --steps");
                }
                if (qkClip != null && !(qkClip > 0 && qkClip < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException("--qk-clip must be a positive finite τ, got " + qkClip);
                }
                if (spec.commandLine().getParseResult().hasMatchedOption("--sweep-epochs")) {
                    throw new IllegalArgumentException("--sweep-epochs applies to mlp and cnn; --model gpt's sweep runs"
                            + " --sweep-steps");
                }
                if (data != null || !"default".equals(dataset) || trainLimit != null || testLimit != null) {
                    throw new IllegalArgumentException("--model gpt trains on the shipped text; --dataset, --data, "
                            + "--train-limit and --test-limit apply to mlp and cnn");
                }
                int n = positive("--steps", steps, DEFAULT_GPT_STEPS, MAX_STEPS);
                int sw = positive("--sweep-steps", sweepSteps, Math.max(1, n / 2), MAX_STEPS);
                int every = positive("--eval-every", evalEvery, Math.max(1, n / 6), MAX_STEPS);
                int b = positive("--batch", batch, DEFAULT_GPT_BATCH, MAX_SIZE);
                int ctx = positive("--context", context, DEFAULT_GPT_CONTEXT, MAX_SIZE);
                int w = positive("--width", width, DEFAULT_GPT_WIDTH, MAX_SIZE);
                int l = positive("--layers", layers, DEFAULT_GPT_LAYERS, 64);
                int hd = positive("--heads", heads, DEFAULT_GPT_HEADS, MAX_SIZE);
                if (w % hd != 0) {
                    throw new IllegalArgumentException("--heads " + hd + " must divide --width " + w);
                }
                Gpt.Config config = new Gpt.Config(2, ctx, w, l, hd);
                corpus = TextCorpus.shipped();
                config = new Gpt.Config(corpus.vocabularySize(), config.context(), config.width(), config.layers(),
                        config.heads());
                textOptions = new Comparison.TextOptions(new TextTraining.Setup(config, n, b, every, GPT_EVAL_WINDOWS, seed,
                        5, qkClip == null ? 0 : qkClip), names, lrSweep, sw, !noProgress, seeds, schedule, perOptimizer(names, presetOptions));
                String detail = String.format(java.util.Locale.ROOT, "%d layers, width %d, %d heads, context %d, "
                        + "vocabulary %d, %,d parameters; %d steps of %d windows, evaluated every %d steps on %d "
                        + "validation windows%s", config.layers(), config.width(), config.heads(), config.context(),
                        config.vocabulary(), config.parameterCount(), n, b, every,
                        Math.min(GPT_EVAL_WINDOWS, (corpus.validation().length - 1) / config.context()),
                        lrSweep ? "; sweep runs " + sw + " steps" : "") + rates
                        + (qkClip != null ? "; QK-clip at τ = " + qkClip + " after every step" : "");
                settings = new Report.Settings(corpus.name(), corpus.train().length, corpus.validation().length, model, n,
                        b, seed, lrSweep, seeds, base, detail);
            } else {
                if (steps != null || sweepSteps != null || evalEvery != null || layers != null || width != null
                        || heads != null || context != null || qkClip != null) {
                    throw new IllegalArgumentException("--steps, --sweep-steps, --eval-every, --layers, --width, --heads, "
                            + "--context and --qk-clip apply to --model gpt");
                }
                int e = epochs == null ? 3 : epochs;
                if (e < 1 || e > MAX_EPOCHS) {
                    throw new IllegalArgumentException("--epochs must be between 1 and " + MAX_EPOCHS + ", got " + e);
                }
                int b = batch == null ? 128 : batch;
                options = new Comparison.Options(new Training.Setup(model, e, b, seed, 5), names, lrSweep,
                        sweepEpochs, !noProgress, seeds, schedule, perOptimizer(names, presetOptions));
                d = Datasets.resolve(data != null ? data : dataset);
                if (trainLimit != null || testLimit != null) {
                    d = d.head(trainLimit == null ? Integer.MAX_VALUE : trainLimit, testLimit == null ? Integer.MAX_VALUE : testLimit);
                }
                int fit = d.train().size() - Math.max(1, (int) Math.round(d.train().size() * Comparison.HELD_OUT));
                if (b > fit) {
                    throw new IllegalArgumentException("--batch " + b + " is larger than the training part ("
                            + fit + " examples, after holding out 10%); give at most " + fit);
                }
                settings = new Report.Settings(d.name(), d.train().size(), d.test().size(), model, e, b, seed, lrSweep,
                        seeds, base, "trained on the first 90% of the training set, 10% held out" + rates);
            }
            Report.check(out, names);
        } catch (IllegalArgumentException e) {
            err.println("steepest compare: " + Main.oneLine(e.getMessage()));
            err.flush();
            return Main.BAD_INPUT;
        }
        java.util.Map<String, java.util.Map<String, String>> chosenOptions = text ? textOptions.presetOptions()
                : options.presetOptions();
        for (String n : names) {
            if (chosenOptions.containsKey(n)) {
                outw.printf("Options of %s: %s%n", n, chosenOptions.get(n));
            }
        }
        if (text) {
            outw.printf("Text %s: %d training, %d validation characters; model gpt (%s); optimizers %s; seeds %d..%d%s%n",
                    corpus.name(), corpus.train().length, corpus.validation().length, settings.detail(),
                    String.join(",", names), seed, seed + seeds - 1, lrSweep ? "; learning-rate sweep" : "");
        } else {
            outw.printf("Dataset %s: %d training, %d test images; model %s; optimizers %s; %d epochs, batch %d, seeds %d..%d%s%n",
                    d.name(), d.train().size(), d.test().size(), model, String.join(",", names), settings.epochs(),
                    settings.batch(), seed, seed + seeds - 1, lrSweep ? "; learning-rate sweep" : "");
        }
        outw.flush();
        if (!text) {
            for (java.util.Map.Entry<String, List<String>> e : Comparison.groupTables(d, options).entrySet()) {
                outw.printf("Parameter groups of %s:%n%s", String.join(", ", e.getValue()), e.getKey());
            }
        }
        outw.flush();
        long t0 = System.nanoTime();
        List<RunResult> runs = text ? Comparison.run(corpus, textOptions) : Comparison.run(d, options);
        Path html = Report.write(out, settings, runs);
        outw.println();
        outw.print(Report.table(settings, runs));
        outw.printf("%nWrote %s (and results.json, curves.csv, steps.csv, PNGs) in %.1f s%n", html,
                (System.nanoTime() - t0) / 1e9);
        outw.flush();
        return 0;
    }


    /**
     * {@code [NAME.]KEY=VALUE} entries as options per optimizer: unscoped ones go to every optimizer in {@code names},
     * {@code NAME.KEY} only to NAME (and wins over an unscoped KEY).
     */
    static java.util.Map<String, java.util.Map<String, String>> perOptimizer(List<String> names, List<String> entries) {
        java.util.Map<String, String> all = dev.steepest.optim.PresetOptions.parse(entries);
        java.util.Map<String, java.util.Map<String, String>> out = new java.util.LinkedHashMap<>();
        for (boolean scoped : new boolean[] {false, true}) {
            for (java.util.Map.Entry<String, String> e : all.entrySet()) {
                String key = e.getKey();
                int dot = key.lastIndexOf('.');
                if ((dot >= 0) != scoped) {
                    continue;
                }
                if (!scoped) {
                    for (String n : names) {
                        out.computeIfAbsent(n, k -> new java.util.LinkedHashMap<>()).put(key, e.getValue());
                    }
                    continue;
                }
                String name = key.substring(0, dot);
                if (!names.contains(name)) {
                    throw new IllegalArgumentException("--option " + key + "=" + e.getValue() + ": '" + name
                            + "' is not among the optimizers compared (" + String.join(",", names) + ")");
                }
                out.computeIfAbsent(name, k -> new java.util.LinkedHashMap<>()).put(key.substring(dot + 1), e.getValue());
            }
        }
        return out;
    }
    private static int positive(String option, Integer value, int fallback, int max) {
        int v = value == null ? fallback : value;
        if (v < 1 || v > max) {
            throw new IllegalArgumentException(option + " must be between 1 and " + max + ", got " + v);
        }
        return v;
    }

}
