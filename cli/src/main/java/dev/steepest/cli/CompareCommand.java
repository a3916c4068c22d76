package dev.steepest.cli;

import dev.steepest.compare.Comparison;
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
            "--epochs and --sweep-epochs at most 1000.",
            "The report files are written to a staging folder first, so DIR ends complete or unchanged.",
            Main.EXIT_CODES})
public final class CompareCommand implements Callable<Integer> {

    /** The most epochs one run takes. */
    static final int MAX_EPOCHS = 1000;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "default|fashion-mnist|DIR", defaultValue = "default",
            description = "default: the shipped 6000/1000 Fashion-MNIST subset; fashion-mnist: the full set from the "
                    + "Debian package dataset-fashion-mnist; DIR: a folder of MNIST-style IDX files (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "A folder of MNIST-style IDX files (same as --dataset DIR).")
    String data;

    @Option(names = "--model", defaultValue = "mlp", description = "mlp (784-256-10) or cnn (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--epochs", defaultValue = "3", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr-sweep", description = "Choose each optimizer's learning rate from a small grid on a held-out 10%% of the training set first.")
    boolean lrSweep;

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
        ImageDataset d;
        Comparison.Options options;
        try {
            if (epochs > MAX_EPOCHS || sweepEpochs > MAX_EPOCHS) {
                throw new IllegalArgumentException("--epochs and --sweep-epochs must be at most " + MAX_EPOCHS);
            }
            if (trainLimit != null && trainLimit < 2) {
                throw new IllegalArgumentException("--train-limit must be at least 2, got " + trainLimit);
            }
            if (testLimit != null && testLimit < 1) {
                throw new IllegalArgumentException("--test-limit must be at least 1, got " + testLimit);
            }
            List<String> names = optimizers == null ? OptimizerCatalog.DEFAULT
                    : optimizers.size() == 1 && "all".equals(optimizers.get(0).strip()) ? OptimizerCatalog.PRESETS
                    : optimizers.stream().map(String::strip).toList();
            for (int i = 0; i < names.size(); i++) {
                if (names.subList(0, i).contains(names.get(i))) {
                    throw new IllegalArgumentException("--optimizers names '" + names.get(i)
                            + "' twice; give each optimizer once");
                }
            }
            options = new Comparison.Options(new Training.Setup(model, epochs, batch, seed, 5), names, lrSweep,
                    sweepEpochs, !noProgress, perOptimizer(names, presetOptions));
            d = Datasets.resolve(data != null ? data : dataset);
            if (trainLimit != null || testLimit != null) {
                d = d.head(trainLimit == null ? Integer.MAX_VALUE : trainLimit, testLimit == null ? Integer.MAX_VALUE : testLimit);
            }
            if (batch > d.train().size()) {
                throw new IllegalArgumentException("--batch " + batch + " is larger than the training set ("
                        + d.train().size() + " examples); give at most " + d.train().size());
            }
            Report.check(out, names);
        } catch (IllegalArgumentException e) {
            err.println("steepest compare: " + Main.oneLine(e.getMessage()));
            err.flush();
            return Main.BAD_INPUT;
        }
        if (!options.presetOptions().isEmpty()) {
            for (String n : options.optimizers()) {
                if (options.presetOptions().containsKey(n)) {
                    outw.printf("Options of %s: %s%n", n, options.presetOptions().get(n));
                }
            }
        }
        outw.printf("Dataset %s: %d training, %d test images; model %s; optimizers %s; %d epochs, batch %d, seed %d%s%n",
                d.name(), d.train().size(), d.test().size(), model, String.join(",", options.optimizers()), epochs, batch,
                seed, lrSweep ? "; learning-rate sweep" : "");
        outw.flush();
        for (java.util.Map.Entry<String, List<String>> e : Comparison.groupTables(d, options).entrySet()) {
            outw.printf("Parameter groups of %s:%n%s", String.join(", ", e.getValue()), e.getKey());
        }
        outw.flush();
        long t0 = System.nanoTime();
        List<RunResult> runs = Comparison.run(d, options);
        Path html = Report.write(out, new Report.Settings(d.name(), d.train().size(), d.test().size(), model, epochs,
                batch, seed, lrSweep), runs);
        outw.println();
        outw.print(Report.table(runs));
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
}
