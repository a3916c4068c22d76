package dev.steepest.cli;

import dev.steepest.core.Tensor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./steepest derive}: derives one steepest-descent step in closed form, explains it like a
 * worked solution (or prints it as JSON), and checks it against the reference solver.
 *
 * <p>The whole output is built before anything is printed, so bad input leaves stdout empty.
 */
@Command(name = "derive", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {
            "Derive the steepest-descent step for a norm and a gradient, and check it numerically.",
            "  penalized:   u = argmin ⟨g,Δ⟩ + c·‖Δ‖² = −(‖g‖_*/(2c))·t*",
            "  constrained: u = argmin_{‖Δ‖≤η} ⟨g,Δ⟩ = −η·t*"},
        footer = {"",
            "NORM: l2, l1, linf, lp:P (1<P<∞), diag:d1,d2,..., wlinf:w1,w2,..., mahalanobis:FILE,",
            "      frobenius, spectral, nuclear, schatten:P, colnorm, rownorm, maxabs, rms (matrices).",
            "VALUES: comma-separated numbers; matrix rows separated by ';' (\"1,2;3,4\").",
            "FILE (--grad-file): the same syntax, or one row per line (commas or spaces; '#' comments).",
            "EXPR: numbers, alpha (or α, lambda, λ), + - * / ^, parentheses, implicit products (2alpha);",
            "      at most 200 characters, 32 levels deep. It uses alpha exactly when --alpha is given;",
            "      c must evaluate to a positive finite number (docs/STEEPEST.md §7).",
            "JSON: c is null for the constrained form; radius is ‖g‖_*/(2c) (penalized) or η (constrained).",
            "--grad-file: a regular file of at most 64 MiB and 1000000 entries. The spectral family (spectral,",
            "nuclear, schatten, rms) takes an exact SVD, limited to 65536 entries (e.g. 256x256). A result beyond",
            "the range of a double is bad input.",
            Main.EXIT_CODES + " --demo exits 1 if a case does not verify.",
            "",
            "Examples:",
            "  ./steepest derive --demo",
            "  ./steepest derive --norm linf --penalty \"1/(2*alpha)\" --alpha 0.5 --grad \"3,-1,2\"",
            "  ./steepest derive --norm spectral --radius 0.1 --random 3x4 --seed 7 --json"})
public final class DeriveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    /** Either the demo or one problem. */
    static final class Mode {
        @Option(names = "--demo", required = true,
                description = "Print the homework's worked cases, each verified.")
        boolean demo;

        @ArgGroup(exclusive = false, multiplicity = "1")
        Problem problem;
    }

    /** One problem: a norm, a step form, a gradient. */
    static final class Problem {
        @Option(names = "--norm", required = true, paramLabel = "NORM", description = "The norm, e.g. linf, lp:3, spectral.")
        String norm;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Form form;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = "--orthogonalizer", paramLabel = "svd|ns5|cubic:K|polar-express",
                description = "How the spectral family computes U Vᵀ (default: exact SVD).")
        String orthogonalizer;

        @Option(names = "--json", description = "Print one JSON object instead of the worked solution.")
        boolean json;
    }

    /** The penalized form (a penalty expression) or the constrained form (a radius). */
    static final class Form {
        @ArgGroup(exclusive = false, multiplicity = "1")
        PenaltyOptions penalty;

        @Option(names = "--radius", required = true, paramLabel = "R", description = "Constrained form: radius η ≥ 0.")
        Double radius;
    }

    /** A penalty expression and the α it may use. */
    static final class PenaltyOptions {
        @Option(names = "--penalty", required = true, paramLabel = "EXPR",
                description = "Penalized form: c as an expression in alpha, e.g. \"1/(2alpha)\", \"alpha/2\", \"α^2\", \"0.25\".")
        String expression;

        @Option(names = "--alpha", paramLabel = "A", description = "The value of alpha in the penalty (required when it uses alpha, refused when it does not).")
        Double alpha;
    }

    /** Where the gradient comes from. */
    static final class Source {
        @Option(names = "--grad", required = true, paramLabel = "VALUES", description = "The gradient: \"3,-1,2\" or \"1,2;3,4\".")
        String values;

        @Option(names = "--grad-file", required = true, paramLabel = "FILE", description = "A file holding the gradient.")
        Path file;

        @ArgGroup(exclusive = false, multiplicity = "1")
        RandomOptions random;
    }

    /** A random gradient of a given shape. */
    static final class RandomOptions {
        @Option(names = "--random", required = true, paramLabel = "SHAPE",
                description = "A standard normal gradient of shape N or RxC, e.g. 5 or 3x4.")
        String shape;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed for --random (default: ${DEFAULT-VALUE}).")
        long seed;
    }

    @Override
    public Integer call() {
        if (mode.demo) {
            Demo.Result demo = Demo.run();
            spec.commandLine().getOut().print(demo.text());
            spec.commandLine().getOut().flush();
            return demo.verified() ? 0 : 1;
        }
        Problem p = mode.problem;
        Derivation d = Derivation.of(new Derivation.Request(p.norm, p.orthogonalizer,
                p.form.penalty == null ? null : p.form.penalty.expression,
                p.form.penalty == null ? null : p.form.penalty.alpha,
                p.form.radius, gradient(p.source)));
        String text = p.json ? JsonReport.text(d) : Report.text(d);
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * A clearer message than picocli's for the usual mix-ups (picocli's messages for nested
     * groups can list whole groups): options given with {@code --demo}, both step forms, two
     * gradient sources, {@code --alpha} without {@code --penalty}, {@code --seed} without
     * {@code --random}. Returns {@code message} unchanged otherwise.
     */
    static String clarify(String message, String[] args) {
        java.util.Set<String> given = new java.util.LinkedHashSet<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                given.add(eq < 0 ? a : a.substring(0, eq));
            }
        }
        if (given.contains("--help") || given.contains("--version")) {
            return message;
        }
        if (given.isEmpty()) {
            return "nothing to derive: give --demo, or --norm NORM, --penalty EXPR [--alpha A] or --radius R,"
                    + " and --grad VALUES, --grad-file FILE or --random SHAPE";
        }
        if (given.contains("--demo") && given.size() > 1) {
            return "--demo takes no other options; run it alone, or drop it to derive one problem";
        }
        if (given.contains("--penalty") && given.contains("--radius")) {
            return "--penalty and --radius are mutually exclusive: give --penalty EXPR (penalized form) or --radius R (constrained form)";
        }
        java.util.List<String> sources = new java.util.ArrayList<>();
        for (String o : new String[] {"--grad", "--grad-file", "--random"}) {
            if (given.contains(o)) {
                sources.add(o);
            }
        }
        if (sources.size() > 1) {
            return String.join(" and ", sources) + " are mutually exclusive: give the gradient one way";
        }
        if (given.contains("--alpha") && !given.contains("--penalty")) {
            return "--alpha is used only with --penalty EXPR (the constrained form --radius R has no alpha)";
        }
        if (given.contains("--seed") && !given.contains("--random")) {
            return "--seed is used only with --random SHAPE";
        }
        return message;
    }

    private static Tensor gradient(Source s) {
        if (s.values != null) {
            return GradientInput.parseValues(s.values);
        }
        if (s.file != null) {
            return GradientInput.readFile(s.file);
        }
        return GradientInput.random(s.random.shape, s.random.seed);
    }
}
