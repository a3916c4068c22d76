package dev.steepest.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process with captured streams. */
final class Cli {
    private Cli() {
    }

    /** What one run printed and returned. */
    record Outcome(int code, String out, String err) {
        /** The lines printed on stderr. */
        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }
}
