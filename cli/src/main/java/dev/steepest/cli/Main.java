package dev.steepest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./steepest}. */
@Command(name = "steepest", mixinStandardHelpOptions = true, version = "steepest 0.1.0",
        description = "Optimizers derived from norms: u = argmin ⟨g,Δ⟩ + c·‖Δ‖².",
        subcommands = {CommandLine.HelpCommand.class, OptimizeCommand.class})
public final class Main {

    /** Runs the command line and returns its exit code (2 for bad input). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("steepest: " + e.getMessage());
            return 2;
        });
        return cl.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
