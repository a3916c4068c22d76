package dev.steepest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steepest.optim.NonFiniteGradientException;
import dev.steepest.optim.NonFiniteParameterException;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerSpec;
import dev.steepest.optim.Param;
import dev.steepest.optim.PresetOptions;
import dev.steepest.optim.Presets;
import dev.steepest.optim.schedule.Schedules;
import dev.steepest.optim.checkpoint.Checkpoint;
import dev.steepest.optim.checkpoint.SafeFiles;
import dev.steepest.problems.Problem;
import dev.steepest.problems.Problems;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code steepest optimize}: runs a preset on a built-in problem and prints the loss per step.
 * Saving after step K and resuming prints exactly the losses of an uninterrupted run.
 */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Runs a preset optimizer on a built-in problem and prints the loss before each step.",
            "Presets: sgd, sgd-momentum, signsgd, sign-dual, muon, polargrad, scion, adamw, normuon, adamuon.",
            "--option KEY=VALUE (repeatable) sets a preset option by its PyTorch name (see './steepest trace --help').",
            "Problems: quadratic, rosenbrock, logreg, least-squares."},
        footer = {"", "Every option and file is checked before the first step; --checkpoint must be a regular file or a"
                + " new name in a writable folder (it is replaced atomically). --steps is at most 10000000.",
            Main.EXIT_CODES})
public final class OptimizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", required = true, description = "optimizer preset")
    String preset;

    @Option(names = "--problem", required = true, description = "quadratic | rosenbrock | logreg | least-squares")
    String problem;

    @Option(names = "--steps", defaultValue = "100", description = "total number of steps (default ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--lr", description = "learning rate (default: the preset's, scaled for the problem)")
    Double lr;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "a preset option, e.g. weight_decay=0.1 (repeatable)")
    List<String> options;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the problem's data (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--checkpoint", description = "write optimizer state and parameters to FILE after step --checkpoint-at")
    Path checkpoint;

    @Option(names = "--checkpoint-at", description = "step after which to write --checkpoint (default: the last)")
    Long checkpointAt;

    @Option(names = "--resume", description = "continue from a file written by --checkpoint")
    Path resume;

    @Option(names = "--json", description = "print one JSON object {preset, problem, losses, final}")
    boolean json;

    /** The most steps one run takes. */
    static final long MAX_STEPS = 10_000_000;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut());
    }

    /**
     * Checks every option and file first (exit 2, nothing printed), then runs. A divergence or a
     * non-finite loss stops the run with {@link RunFailedException} (exit 3).
     */
    private int run(PrintWriter out) {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("--steps must be in 1.." + MAX_STEPS + ", got " + steps);
        }
        if (lr != null && (!(lr > 0) || lr > Float.MAX_VALUE)) {
            throw new IllegalArgumentException("--lr must be positive and at most " + Float.MAX_VALUE
                    + " (steps run in float), got " + lr);
        }
        if (checkpointAt != null && checkpoint == null) {
            throw new IllegalArgumentException("--checkpoint-at needs --checkpoint FILE");
        }
        if (checkpoint != null) {
            SafeFiles.checkTarget(checkpoint);
        }
        Map<String, String> given = PresetOptions.parse(options);
        Presets.formula(preset); // an unknown preset is named before the options are checked
        if (lr != null && given.containsKey("lr")) {
            throw new IllegalArgumentException("--lr and --option lr=" + given.get("lr")
                    + " are both given; give the learning rate once");
        }
        OptimizerSpec optimizerSpec = given.containsKey("lr") ? Presets.get(preset, given)
                : Presets.get(preset, Schedules.constant(lr != null ? lr : defaultLearningRate(preset, problem)), given);
        double rate = given.containsKey("lr") ? Double.parseDouble(given.get("lr"))
                : lr != null ? lr : defaultLearningRate(preset, problem);
        Problem p = Problems.create(problem, seed);
        Optimizer opt = optimizerSpec.build(p.params(Param::wrap));
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("preset", preset);
        meta.put("problem", problem);
        meta.put("seed", Long.toString(seed));
        meta.put("lr", Double.toString(rate));
        given.forEach((k, v) -> {
            if (!k.equals("lr")) {
                meta.put("option." + k, v);
            }
        });
        if (resume != null) {
            Checkpoint cp = Checkpoint.read(resume);
            for (String key : List.of("preset", "problem", "seed", "lr")) {
                String saved = cp.metadata().get(key);
                if (saved == null) {
                    throw new IllegalArgumentException("checkpoint " + resume + " was not written by steepest optimize");
                }
                if (!saved.equals(meta.get(key))) {
                    throw new IllegalArgumentException("checkpoint " + resume + " is for " + key + " " + saved
                            + ", not " + meta.get(key));
                }
            }
            if (cp.entries().stream().anyMatch(e -> e.values() == null)) {
                throw new IllegalArgumentException("checkpoint " + resume + " holds no parameter values");
            }
            opt.restore(cp);
            if (opt.stepCount() >= steps) {
                throw new IllegalArgumentException("checkpoint " + resume + " is already at step " + opt.stepCount()
                        + "; --steps must be larger");
            }
        }
        long start = opt.stepCount();
        long saveAt = checkpointAt != null ? checkpointAt : steps;
        if (checkpoint != null && (saveAt <= start || saveAt > steps)) {
            throw new IllegalArgumentException("--checkpoint-at must be in " + (start + 1) + ".." + steps + ", got " + saveAt);
        }
        List<Double> losses = new ArrayList<>();
        for (long t = start + 1; t <= steps; t++) {
            double loss = requireFinite(p.lossAndGradient(), t);
            losses.add(loss);
            if (!json) {
                out.println("step " + t + " loss " + loss);
            }
            try {
                opt.step();
            } catch (NonFiniteGradientException | NonFiniteParameterException e) {
                out.flush();
                throw new RunFailedException("diverged at step " + t + ": " + e.getMessage() + " (try a smaller --lr)", e);
            }
            if (checkpoint != null && t == saveAt) {
                opt.checkpoint(meta, true).write(checkpoint);
            }
        }
        double fin = requireFinite(p.loss(), steps + 1);
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.put("preset", preset);
            o.put("problem", problem);
            ArrayNode arr = o.putArray("losses");
            losses.forEach(arr::add);
            o.put("final", fin);
            out.println(o.toString());
        } else {
            out.println("final loss " + fin);
        }
        out.flush();
        return 0;
    }

    /** The loss before step {@code t}, or {@link RunFailedException} when it is not finite. */
    private static double requireFinite(double loss, long t) {
        if (!Double.isFinite(loss)) {
            throw new RunFailedException("diverged: the loss " + (t > 1 ? "after step " + (t - 1) : "at the start")
                    + " is " + loss + " (try a smaller --lr)");
        }
        return loss;
    }

    /** The preset's default learning rate, reduced for Rosenbrock's steep valley walls. */
    static double defaultLearningRate(String preset, String problem) {
        double base = Presets.defaultLearningRate(preset);
        return "rosenbrock".equals(problem) ? base / 10 : base;
    }
}
