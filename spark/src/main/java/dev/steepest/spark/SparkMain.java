package dev.steepest.spark;

import dev.steepest.data.Datasets;
import dev.steepest.data.ImageDataset;
import dev.steepest.optim.Presets;
import dev.steepest.optim.checkpoint.Checkpoint;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./steepest spark}: data-parallel training on Apache Spark. A separate entry point from
 * the main command line so that the other commands do not load Spark.
 *
 * <p>Exit codes: 0 done; 2 bad input (one line on stderr, nothing on stdout, checked before
 * Spark starts); 3 the run failed (one line on stderr).
 */
@Command(name = "steepest spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Data-parallel training of a 784-256-10 MLP on Apache Spark, with full or 1-bit sign communication.")
public final class SparkMain implements Callable<Integer> {
    static final int BAD_INPUT = 2;
    static final int RUN_FAILED = 3;
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,(\\d+))?\\])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://[A-Za-z0-9.\\-]+:(\\d{1,5})");

    @Option(names = "--master", description = "local, local[N], local[N,F] (F tries per task), local[*] or spark://HOST:PORT (default local[2])")
    String master = "local[2]";
    @Option(names = "--workers", description = "data partitions, one per worker (default: N of local[N], else 2)")
    Integer workers;
    @Option(names = "--dataset", description = "default (shipped subset), fashion-mnist, or a folder of IDX files")
    String dataset = "default";
    @Option(names = "--model", description = "mlp (784-256-10, this module's training), or an MLlib anchor: "
            + "mllib-logreg (LogisticRegression) or mllib-mlp (MultilayerPerceptronClassifier 784-256-10)")
    String model = "mlp";
    @Option(names = "--max-iter", description = "MLlib anchors: L-BFGS iterations at most (default 100, MLlib's)")
    Integer maxIter;
    @Option(names = "--optimizer", description = "an optimizer preset (default sgd)")
    String optimizer = "sgd";
    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "a preset option by its PyTorch name, e.g. weight_decay=0.1 (repeatable; the learning rate is --lr)")
    java.util.List<String> presetOptions;
    @Option(names = "--lr", description = "learning rate (default 0.1 for sgd; needed for any other preset)")
    Double lr;
    @Option(names = "--batch", description = "global batch size (default 128)")
    int batch = 128;
    @Option(names = "--epochs", description = "passes over the training set (default 3)")
    int epochs = 3;
    @Option(names = "--mode", description = "sync (one job per step) or local (one job per --local-steps steps)")
    String mode = "sync";
    @Option(names = "--local-steps", description = "H: inner steps per round in mode local (default 8)")
    int localSteps = 8;
    @Option(names = "--outer", description = "nesterov (DiLoCo: momentum 0.9, rate 0.7) or average (mode local)")
    String outer = "nesterov";
    @Option(names = "--compress", description = "none, sign (1 bit per entry, majority vote) or sign-ef (scaled sign with error feedback)")
    String compress = "none";
    @Option(names = "--checkpoint", description = "folder to write checkpoint.ckpt into")
    Path checkpoint;
    @Option(names = "--checkpoint-every", description = "K: checkpoint every K steps (default 100)")
    int checkpointEvery = 100;
    @Option(names = "--resume", description = "folder holding checkpoint.ckpt of a run to continue")
    Path resume;
    @Option(names = "--seed", description = "seeds the initial weights and the batch order (default 1)")
    long seed = 1;
    @Option(names = "--train-limit", description = "use the first N training examples")
    int trainLimit = Integer.MAX_VALUE;
    @Option(names = "--test-limit", description = "use the first N test examples")
    int testLimit = Integer.MAX_VALUE;
    @Option(names = "--out", description = "folder to write result.json and curves.csv into")
    Path out;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Spec
    CommandSpec spec;

    private PrintWriter stdout;
    private PrintWriter stderr;

    /** The options that set this module's own training, meaningless for an MLlib anchor. */
    private static final List<String> MLP_ONLY = List.of("--optimizer", "--option", "--lr", "--batch", "--epochs", "--mode",
            "--local-steps", "--outer", "--compress", "--checkpoint", "--checkpoint-every", "--resume");

    /** A validated MLlib anchor run. */
    record PreparedAnchor(MllibAnchor.Settings settings, String master, ImageDataset data) {
    }

    PreparedAnchor prepareAnchor() {
        int w = checkMaster();
        for (String o : MLP_ONLY) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw new IllegalArgumentException(o + " sets this module's own training; it does not apply to --model "
                        + model);
            }
        }
        int iterations = maxIter == null ? 100 : maxIter;
        atLeast("--max-iter", iterations, 1);
        atLeast("--train-limit", trainLimit, 1);
        atLeast("--test-limit", testLimit, 1);
        ImageDataset data = checkedData(w);
        return new PreparedAnchor(new MllibAnchor.Settings(model, dataset, w, iterations, 128, seed, trainLimit, testLimit),
                master, data);
    }

    /** The dataset, checked to be 28x28 images with at least one training example per worker. */
    private ImageDataset checkedData(int w) {
        ImageDataset data = Datasets.resolve(dataset);
        if (data.train().features() != Mlp.INPUTS) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + data.train().features()
                    + " pixels per image; the MLP takes " + Mlp.INPUTS + " (28x28)");
        }
        int n = Math.min(trainLimit, data.train().size());
        if (w > n) {
            throw new IllegalArgumentException(w + " workers but only " + n + " training examples");
        }
        return data;
    }

    /** The validated settings, the driver's dataset, the checkpoint to resume; throws IllegalArgumentException naming the problem. */
    record Prepared(SparkTraining.Settings settings, String master, ImageDataset data, Checkpoint resume) {
    }

    Prepared prepare() {
        int w = checkMaster();
        if (!model.equals("mlp")) {
            throw new IllegalArgumentException("unknown model '" + model + "'; choose mlp (784-256-10), "
                    + String.join(" or ", MllibAnchor.MODELS) + " (MLlib anchors)");
        }
        if (maxIter != null) {
            throw new IllegalArgumentException("--max-iter applies to the MLlib anchors (" + String.join(", ",
                    MllibAnchor.MODELS) + "); --model mlp trains for --epochs");
        }
        if (!Presets.NAMES.contains(optimizer)) {
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "'; choose one of " + String.join(", ", Presets.NAMES));
        }
        if (lr == null && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("--lr is needed with --optimizer " + optimizer + " (compare/README.md lists swept rates for this MLP)");
        }
        double rate = lr == null ? 0.1 : lr;
        positive("--lr", rate);
        java.util.Map<String, String> opts = dev.steepest.optim.PresetOptions.parse(presetOptions);
        if (opts.containsKey("lr")) {
            throw new IllegalArgumentException("--option lr=" + opts.get("lr") + ": give the learning rate as --lr");
        }
        Presets.get(optimizer, dev.steepest.optim.schedule.Schedules.constant(rate), opts); // checks every option
        atLeast("--batch", batch, 1);
        atLeast("--epochs", epochs, 1);
        atLeast("--local-steps", localSteps, 1);
        atLeast("--checkpoint-every", checkpointEvery, 1);
        atLeast("--train-limit", trainLimit, 1);
        atLeast("--test-limit", testLimit, 1);
        oneOf("--mode", mode, List.of("sync", "local"));
        oneOf("--outer", outer, List.of("nesterov", "average"));
        oneOf("--compress", compress, List.of("none", "sign", "sign-ef"));
        if (resume != null && !Files.isDirectory(resume)) {
            throw new IllegalArgumentException("--resume folder not found: " + resume);
        }
        ImageDataset data = checkedData(w);
        if (mode.equals("local") && batch < w) {
            throw new IllegalArgumentException("--batch " + batch + " is smaller than the " + w
                    + " workers: in mode local each worker takes batch/workers examples per step");
        }
        SparkTraining.Settings s = new SparkTraining.Settings(dataset, w, optimizer, rate, batch, epochs, mode, localSteps,
                outer, compress, checkpoint, checkpointEvery, resume, seed, trainLimit, testLimit, opts);
        Checkpoint cp = resume == null ? null : SparkTraining.readResume(s);
        return new Prepared(s, master, data, cp);
    }

    /** The worker count the master implies (or --workers); throws for an unknown master or fewer than one worker. */
    private int checkMaster() {
        Matcher local = LOCAL.matcher(master);
        Matcher standalone = STANDALONE.matcher(master);
        int implied;
        if (local.matches()) {
            String n = local.group(1);
            implied = n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : parse(n);
            if (implied < 1) {
                throw new IllegalArgumentException("master " + master + " has no worker threads; use local[N] with N >= 1");
            }
            if (local.group(2) != null && parse(local.group(2)) < 1) {
                throw new IllegalArgumentException("master " + master + ": tries per task must be at least 1");
            }
        } else if (standalone.matches()) {
            int port = parse(standalone.group(1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("master " + master + ": port must be 1..65535");
            }
            implied = 2;
        } else {
            throw new IllegalArgumentException("unknown master '" + master
                    + "'; use local, local[N], local[N,F], local[*] or spark://HOST:PORT");
        }
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
        return workers != null ? workers : implied;
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + v);
        }
    }

    private static void atLeast(String name, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + v);
        }
    }

    private static void oneOf(String name, String v, List<String> choices) {
        if (!choices.contains(v)) {
            throw new IllegalArgumentException("unknown " + name + " '" + v + "'; choose one of " + String.join(", ", choices));
        }
    }

    @Override
    public Integer call() {
        if (MllibAnchor.MODELS.contains(model)) {
            return callAnchor();
        }
        Prepared p;
        try {
            p = prepare();
        } catch (RuntimeException e) {
            stderr.println("steepest spark: " + oneLine(e.getMessage()));
            return BAD_INPUT;
        }
        SparkTraining.Result r;
        try (JavaSparkContext sc = new JavaSparkContext(conf(p.master()))) {
            sc.setLogLevel("OFF");
            r = SparkTraining.run(sc, p.settings(), p.data(), p.resume());
        } catch (RuntimeException e) {
            stderr.println("steepest spark: the run failed: " + oneLine(rootMessage(e)));
            return RUN_FAILED;
        }
        String text = json(p.settings(), r);
        if (out != null) {
            try {
                Files.createDirectories(out);
                Files.writeString(out.resolve("result.json"), text + "\n");
                StringBuilder csv = new StringBuilder("epoch,step,train_loss,test_loss,test_accuracy,seconds\n");
                for (SparkTraining.EpochPoint e : r.curves()) {
                    csv.append(e.epoch()).append(',').append(e.step()).append(',').append(num(e.trainLoss())).append(',')
                            .append(num(e.testLoss())).append(',').append(num(e.testAccuracy())).append(',')
                            .append(num(e.seconds())).append('\n');
                }
                Files.writeString(out.resolve("curves.csv"), csv);
            } catch (IOException e) {
                stderr.println("steepest spark: cannot write into " + out + ": " + oneLine(e.getMessage()));
                return RUN_FAILED;
            }
        }
        if (json) {
            stdout.println(text);
        } else {
            SparkTraining.Settings s = p.settings();
            stdout.printf(Locale.ROOT, "mode %s, %d workers, compress %s, optimizer %s (lr %s), batch %d: %d steps%n",
                    s.mode(), s.workers(), s.compress(), s.optimizer(), num(s.lr()), s.batch(), r.steps());
            for (SparkTraining.EpochPoint e : r.curves()) {
                stdout.printf(Locale.ROOT, "epoch %3d  step %6d  train loss %.4f  test loss %.4f  test acc %.2f%%  %.1f s%n",
                        e.epoch(), e.step(), e.trainLoss(), e.testLoss(), 100 * e.testAccuracy(), e.seconds());
            }
            stdout.printf(Locale.ROOT, "bytes per worker per step %.0f; %.1f ms per step, workers computing %.0f%% of job time%n",
                    r.bytesPerWorkerPerStep(), 1000 * r.secondsPerStep(), 100 * r.workerComputeShare());
        }
        stdout.flush();
        return 0;
    }

    private Integer callAnchor() {
        PreparedAnchor p;
        try {
            p = prepareAnchor();
        } catch (RuntimeException e) {
            stderr.println("steepest spark: " + oneLine(e.getMessage()));
            return BAD_INPUT;
        }
        MllibAnchor.Result r;
        try (JavaSparkContext sc = new JavaSparkContext(conf(p.master()))) {
            sc.setLogLevel("OFF");
            r = MllibAnchor.run(sc, p.settings(), p.data());
        } catch (RuntimeException e) {
            stderr.println("steepest spark: the run failed: " + oneLine(rootMessage(e)));
            return RUN_FAILED;
        }
        MllibAnchor.Settings s = p.settings();
        StringBuilder b = new StringBuilder("{");
        b.append("\"model\":\"").append(s.model()).append("\",");
        b.append("\"workers\":").append(s.workers()).append(',');
        b.append("\"maxIter\":").append(s.maxIter()).append(',');
        b.append("\"iterations\":").append(r.iterations()).append(',');
        b.append("\"objective\":").append(num(r.objective())).append(',');
        b.append("\"testLoss\":").append(num(r.testLoss())).append(',');
        b.append("\"testAccuracy\":").append(num(r.testAccuracy())).append(',');
        b.append("\"seconds\":").append(num(r.seconds())).append(',');
        b.append("\"blas\":\"").append(MllibAnchor.blas()).append("\"}");
        String text = b.toString();
        if (out != null) {
            try {
                Files.createDirectories(out);
                Files.writeString(out.resolve("result.json"), text + "\n");
            } catch (IOException e) {
                stderr.println("steepest spark: cannot write into " + out + ": " + oneLine(e.getMessage()));
                return RUN_FAILED;
            }
        }
        if (json) {
            stdout.println(text);
        } else {
            stdout.printf(Locale.ROOT, "%s, %d workers: %d iterations, objective %.4f, test loss %.4f, test acc %.2f%%, %.1f s (%s)%n",
                    s.model(), s.workers(), r.iterations(), r.objective(), r.testLoss(), 100 * r.testAccuracy(),
                    r.seconds(), MllibAnchor.blas());
        }
        stdout.flush();
        return 0;
    }

    /** The Spark configuration: no web UI; on a standalone cluster, the project's jars shipped to the executors. */
    static SparkConf conf(String master) {
        SparkConf c = new SparkConf().setMaster(master).setAppName("steepest-spark")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("spark://")) {
            List<String> jars = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                String name = Path.of(entry).getFileName().toString();
                if (name.startsWith("steepest-") && name.endsWith(".jar")) {
                    jars.add(Path.of(entry).toAbsolutePath().toString());
                }
            }
            c.set("spark.jars", String.join(",", jars));
        }
        return c;
    }

    static String json(SparkTraining.Settings s, SparkTraining.Result r) {
        StringBuilder b = new StringBuilder("{");
        b.append("\"model\":\"mlp\",");
        b.append("\"mode\":\"").append(s.mode()).append("\",");
        b.append("\"workers\":").append(s.workers()).append(',');
        b.append("\"compress\":\"").append(s.compress()).append("\",");
        b.append("\"optimizer\":\"").append(s.optimizer()).append("\",");
        b.append("\"lr\":").append(num(s.lr())).append(',');
        b.append("\"batch\":").append(s.batch()).append(',');
        if (s.mode().equals("local")) {
            b.append("\"localSteps\":").append(s.localSteps()).append(',');
            b.append("\"outer\":\"").append(s.outer()).append("\",");
        }
        b.append("\"steps\":").append(r.steps()).append(',');
        b.append("\"bytesPerWorkerPerStep\":").append(num(r.bytesPerWorkerPerStep())).append(',');
        b.append("\"trainLoss\":").append(num(r.trainLoss())).append(',');
        b.append("\"testAccuracy\":").append(num(r.testAccuracy())).append(',');
        b.append("\"seconds\":").append(num(r.seconds())).append(',');
        b.append("\"secondsPerStep\":").append(num(r.secondsPerStep())).append(',');
        b.append("\"workerComputeShare\":").append(num(r.workerComputeShare())).append(',');
        b.append("\"stateResets\":").append(r.stateResets()).append(',');
        b.append("\"curves\":[");
        for (int i = 0; i < r.curves().size(); i++) {
            SparkTraining.EpochPoint e = r.curves().get(i);
            b.append(i == 0 ? "" : ",").append("{\"epoch\":").append(e.epoch()).append(",\"step\":").append(e.step())
                    .append(",\"trainLoss\":").append(num(e.trainLoss())).append(",\"testLoss\":").append(num(e.testLoss()))
                    .append(",\"testAccuracy\":").append(num(e.testAccuracy())).append(",\"seconds\":").append(num(e.seconds()))
                    .append('}');
        }
        return b.append("]}").toString();
    }

    private static String num(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static String oneLine(String message) {
        String m = message == null ? "unknown error" : message.strip();
        return m.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** Runs the command writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        SparkMain cmd = new SparkMain();
        cmd.stdout = out;
        cmd.stderr = err;
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("steepest spark: " + oneLine(ex.getMessage()) + " (see './steepest spark --help')");
            return BAD_INPUT;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }
}
