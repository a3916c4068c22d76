package dev.steepest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Group;
import dev.steepest.optim.NonFiniteGradientException;
import dev.steepest.optim.NonFiniteParameterException;
import dev.steepest.optim.Stage;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerSpec;
import dev.steepest.optim.Param;
import dev.steepest.optim.PresetOptions;
import dev.steepest.optim.Presets;
import dev.steepest.optim.schedule.Schedules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code steepest trace}: what a preset does to given gradients, step by step, on one parameter. The parameter goes
 * through the same {@link Optimizer#step()} as in every other use of the library.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Runs a preset on one parameter of shape R or RxC from the given gradients and prints the",
            "parameter after each step."},
        footer = {"",
            "Presets: sgd, sgd-momentum, signsgd, sign-dual, muon, polargrad, scion, adamw, normuon, adamuon.",
            "--option KEY=VALUE (repeatable): the preset's options by their PyTorch names, e.g. for muon",
            "  lr, weight_decay, momentum, nesterov, ns_coefficients=A,B,C, eps, ns_steps,",
            "  adjust_lr_fn=original|match_rms_adamw (and ns_precision=float32|bfloat16); for adamw lr,",
            "  betas=B1,B2, eps, weight_decay; for normuon and adamuon lr, weight_decay, momentum, beta2, eps.",
            "VALUES (--init) and each gradient: comma-separated numbers, matrix rows separated by ';' (\"1,2;3,4\").",
            "--grads FILE: one gradient per line ('#' starts a comment, blank lines are skipped).",
            "The parameter is named by --name (default w): a matrix named w is a hidden matrix, a vector goes to the",
            "preset's fallback group. At most 1000000 entries per parameter and 10000000 entries over all steps.",
            "Every option and the whole file are checked before the first step.",
            Main.EXIT_CODES,
            "",
            "Example:",
            "  ./steepest trace --preset muon --shape 4x3 --lr 0.02 --option adjust_lr_fn=original \\",
            "      --option weight_decay=0.1 --random-grads 3 --seed 7 --json"})
public final class TraceCommand implements Callable<Integer> {
    /** The most entries one parameter may have. */
    static final int MAX_ENTRIES = 1_000_000;
    /** The most gradient entries over all steps. */
    static final long MAX_TOTAL = 10_000_000;
    private static final Pattern SHAPE = Pattern.compile("\\s*(\\d{1,9})\\s*(?:[xX×]\\s*(\\d{1,9})\\s*)?");

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", required = true, description = "The preset (see below).")
    String preset;

    @Option(names = "--shape", required = true, paramLabel = "R[xC]", description = "The parameter's shape: R or RxC.")
    String shape;

    @Option(names = "--lr", description = "Learning rate (default: the option lr, else the preset's).")
    Double lr;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A preset option (repeatable).")
    List<String> options;

    @Option(names = "--init", paramLabel = "VALUES", description = "The starting parameter (default: zeros).")
    String init;

    @Option(names = "--name", defaultValue = "w", description = "The parameter's name (default: ${DEFAULT-VALUE}).")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the gradients come from. */
    static final class Source {
        @Option(names = "--grads", required = true, paramLabel = "FILE", description = "One gradient per line.")
        Path file;

        @ArgGroup(exclusive = false, multiplicity = "1")
        RandomGrads random;
    }

    /** K standard normal gradients from a seed. */
    static final class RandomGrads {
        @Option(names = "--random-grads", required = true, paramLabel = "K", description = "K random gradients.")
        int steps;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of --random-grads (default: ${DEFAULT-VALUE}).")
        long seed;
    }

    @Option(names = "--json", description = "Print {\"preset\", \"options\", \"shape\", \"params\"}.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int[] dims = parseShape(shape);
        int size = dims.length == 1 ? dims[0] : dims[0] * dims[1];
        if (lr != null && (!(lr > 0) || lr > Float.MAX_VALUE)) {
            throw new IllegalArgumentException("--lr must be positive and at most " + Float.MAX_VALUE
                    + " (steps run in float), got " + lr);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("--name must not be blank");
        }
        Map<String, String> given = PresetOptions.parse(options);
        OptimizerSpec optimizerSpec = Presets.get(preset, lr == null ? null : Schedules.constant(lr), given);
        float[] values = new float[size];
        if (init != null) {
            copy(fit(GradientInput.parseValues(init, "--init"), dims, "--init"), values, "--init");
        }
        List<float[]> grads = source.file != null ? readGrads(source.file, dims) : randomGrads(dims);
        Param p = Param.of(name.strip(), values, dims);
        Optimizer opt = optimizerSpec.build(List.of(p));
        float limit = Float.POSITIVE_INFINITY;
        for (Group group : optimizerSpec.groups()) {
            if (group.rule().test(p)) {
                for (Stage st : group.chain().stages()) {
                    limit = Math.min(limit, st.inputLimit());
                }
                break;
            }
        }
        for (int t = 0; t < grads.size(); t++) {
            for (int i = 0; i < size; i++) {
                if (Math.abs(grads.get(t)[i]) > limit) {
                    throw new IllegalArgumentException("gradient " + (t + 1) + ", entry " + (i + 1) + " ("
                            + grads.get(t)[i] + ") is beyond what preset '" + preset + "' takes (|g| ≤ " + limit + ")");
                }
            }
        }

        Map<String, String> effective = new LinkedHashMap<>(Presets.options(preset));
        effective.putAll(given);
        if (lr != null) {
            effective.put("lr", Double.toString(lr));
        }
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode params = mapper.createArrayNode();
        for (int t = 1; t <= grads.size(); t++) {
            System.arraycopy(grads.get(t - 1), 0, p.grad(), 0, size);
            try {
                opt.step();
            } catch (NonFiniteGradientException | NonFiniteParameterException e) {
                out.flush();
                throw new RunFailedException("step " + t + ": " + e.getMessage() + " (try a smaller --lr)", e);
            }
            for (int i = 0; i < size; i++) {
                if (!Float.isFinite(values[i])) {
                    out.flush();
                    throw new RunFailedException("the parameter is not finite after step " + t + " (entry " + (i + 1)
                            + " is " + values[i] + "); try a smaller --lr");
                }
            }
            if (json) {
                params.add(nested(mapper, values, dims));
            } else {
                out.println("step " + t + ": " + text(values, dims));
            }
        }
        if (json) {
            ObjectNode o = mapper.createObjectNode();
            o.put("preset", preset);
            ObjectNode opts = o.putObject("options");
            effective.forEach(opts::put);
            ArrayNode sh = o.putArray("shape");
            for (int d : dims) {
                sh.add(d);
            }
            o.set("params", params);
            out.println(o.toString());
        }
        out.flush();
        return 0;
    }

    static int[] parseShape(String text) {
        Matcher m = SHAPE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--shape '" + text + "' is not of the form R or RxC (e.g. 5 or 4x3)");
        }
        long r = Long.parseLong(m.group(1));
        long c = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        if (r < 1 || c < 1) {
            throw new IllegalArgumentException("--shape: every dimension must be positive, got '" + text.strip() + "'");
        }
        if (r * c > MAX_ENTRIES) {
            throw new IllegalArgumentException("--shape " + text.strip() + " has " + r * c + " entries; at most "
                    + MAX_ENTRIES + " are allowed");
        }
        return m.group(2) == null ? new int[] {(int) r} : new int[] {(int) r, (int) c};
    }

    /** {@code t} checked against the shape: a matrix of the same rows and columns, or (for R or 1xC) a vector. */
    private static Tensor fit(Tensor t, int[] dims, String where) {
        boolean ok;
        if (dims.length == 1) {
            ok = !t.isMatrix() && t.size() == dims[0];
        } else if (t.isMatrix()) {
            ok = t.rows() == dims[0] && t.cols() == dims[1];
        } else {
            ok = dims[0] == 1 && t.size() == dims[1];
        }
        if (!ok) {
            String got = t.isMatrix() ? t.rows() + "x" + t.cols() : "a vector of " + t.size();
            String want = dims.length == 1 ? "a vector of " + dims[0] : dims[0] + "x" + dims[1];
            throw new IllegalArgumentException(where + " is " + got + " but --shape is " + want);
        }
        return t;
    }

    private static void copy(Tensor t, float[] into, String where) {
        double[] d = t.toArray();
        for (int i = 0; i < d.length; i++) {
            float f = (float) d[i];
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException(where + ": entry " + (i + 1) + " (" + d[i] + ") overflows a float");
            }
            into[i] = f;
        }
    }

    private static List<float[]> readGrads(Path file, int[] dims) {
        List<String> lines = GradientInput.readLines(file, "--grads");
        int size = dims.length == 1 ? dims[0] : dims[0] * dims[1];
        List<float[]> out = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = GradientInput.withoutComment(lines.get(ln));
            if (line.isBlank()) {
                continue;
            }
            if ((long) (out.size() + 1) * size > MAX_TOTAL) {
                throw new IllegalArgumentException("--grads " + file + " holds more than " + MAX_TOTAL
                        + " entries in all; give fewer gradients");
            }
            String where = "--grads " + file + " line " + (ln + 1);
            float[] g = new float[size];
            copy(fit(GradientInput.parseValues(line, where), dims, where), g, where);
            out.add(g);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--grads " + file + " holds no gradient");
        }
        return out;
    }

    private List<float[]> randomGrads(int[] dims) {
        int size = dims.length == 1 ? dims[0] : dims[0] * dims[1];
        int k = source.random.steps;
        if (k < 1 || (long) k * size > MAX_TOTAL) {
            throw new IllegalArgumentException("--random-grads must be in 1.." + Math.max(1, MAX_TOTAL / size)
                    + " for this shape, got " + k);
        }
        java.util.Random rng = new java.util.Random(source.random.seed);
        List<float[]> out = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            float[] g = new float[size];
            for (int i = 0; i < size; i++) {
                g[i] = (float) rng.nextGaussian();
            }
            out.add(g);
        }
        return out;
    }

    private static ArrayNode nested(ObjectMapper mapper, float[] v, int[] dims) {
        ArrayNode a = mapper.createArrayNode();
        if (dims.length == 1) {
            for (float f : v) {
                a.add(f);
            }
            return a;
        }
        for (int r = 0; r < dims[0]; r++) {
            ArrayNode row = a.addArray();
            for (int c = 0; c < dims[1]; c++) {
                row.add(v[r * dims[1] + c]);
            }
        }
        return a;
    }

    /** The values in derive's syntax: entries separated by ',', matrix rows by ';'. */
    private static String text(float[] v, int[] dims) {
        int cols = dims.length == 1 ? v.length : dims[1];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(i % cols == 0 ? ";" : ",");
            }
            sb.append(v[i]);
        }
        return sb.toString();
    }
}
