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
 * <p>Exit codes: 0 success; 2 bad input (one line on stderr, nothing on stdout, nothing done);
 * 3 the run itself failed (diverged, a non-finite value, a failed write; one line saying what and
 * what to try); 1 an internal error or a failed self-check (also one line, never a stack trace).
 */
@Command(name = "steepest", mixinStandardHelpOptions = true, version = "steepest 0.1.0",
        description = "Optimizers derived from norms: u = argmin ⟨g,Δ⟩ + c·‖Δ‖².",
        subcommands = {CommandLine.HelpCommand.class, DeriveCommand.class, OptimizeCommand.class, TraceCommand.class, CompareCommand.class,
                ExploreCommand.class},
        footer = {"", Main.EXIT_CODES})
public final class Main implements Callable<Integer> {

    /** Exit code for bad input: nothing was done and nothing printed on stdout. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a run that failed on valid input (diverged, non-finite value, failed write). */
    public static final int RUN_FAILED = 3;
    /** Exit code for an internal error (or {@code derive --demo} failing to verify a case). */
    public static final int INTERNAL = 1;
    /** The exit-code line every command's help ends with. */
    static final String EXIT_CODES = "Exit codes: 0 success; 2 bad input (one line on stderr, nothing on stdout,"
            + " nothing done); 3 the run failed (diverged, non-finite value, failed write; one line on stderr);"
            + " 1 internal error.";

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
            if (ex instanceof IllegalArgumentException) {
                c.getErr().println(who + ": " + oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            if (ex instanceof RunFailedException) {
                c.getErr().println(who + ": " + oneLine(ex.getMessage()));
                return RUN_FAILED;
            }
            if (ex instanceof UncheckedIOException) {
                c.getErr().println(who + ": write failed: " + oneLine(ex.getMessage())
                        + " (check free space and permissions; the previous files are unchanged)");
                return RUN_FAILED;
            }
            c.getErr().println(who + ": internal error: " + oneLine(String.valueOf(ex)));
            return INTERNAL;
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
