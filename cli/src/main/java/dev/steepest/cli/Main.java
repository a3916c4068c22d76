package dev.steepest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./steepest}. */
@Command(name = "steepest", mixinStandardHelpOptions = true, version = "steepest 0.1.0",
        description = "Optimizers derived from norms: u = argmin ⟨g,Δ⟩ + c·‖Δ‖².",
        subcommands = {CommandLine.HelpCommand.class, CompareCommand.class})
public final class Main {

    /** Runs the command line and returns its exit code (2 for bad input). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
