package dev.steepest.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code ./steepest}.
 *
 * <p>Exit codes: 0 success, 2 bad input (one line on stderr, nothing on stdout), 1 an internal
 * error (also one line, never a stack trace).
 */
@Command(name = "steepest", mixinStandardHelpOptions = true, version = "steepest 0.1.0",
        description = "Optimizers derived from norms: u = argmin ⟨g,Δ⟩ + c·‖Δ‖².",
        subcommands = {CommandLine.HelpCommand.class, DeriveCommand.class, OptimizeCommand.class, CompareCommand.class, ExploreCommand.class})
public final class Main implements Callable<Integer> {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("steepest: missing command; try './steepest --help'");
        return BAD_INPUT;
    }

    /** Runs the command line on the process's standard streams (UTF-8) and returns its exit code. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(out, err, args);
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns its exit code (2 for bad input). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The configured command line: one-line errors and exit code 2 for bad input. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            String message = oneLine(ex.getMessage());
            if (c.getCommand() instanceof DeriveCommand) {
                message = DeriveCommand.clarify(message, args);
            }
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + message
                    + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            String who = c.getCommandSpec().qualifiedName();
            if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException) {
                c.getErr().println(who + ": " + oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            c.getErr().println(who + ": internal error: " + oneLine(String.valueOf(ex)));
            return 1;
        });
        return cl;
    }

    /** A message on one line, without picocli's "Error: " prefix. */
    static String oneLine(String message) {
        String m = message == null ? "unknown error" : message.strip();
        if (m.startsWith("Error: ")) {
            m = m.substring("Error: ".length());
        }
        return m.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
