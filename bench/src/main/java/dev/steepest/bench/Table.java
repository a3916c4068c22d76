package dev.steepest.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Collects one table's rows and prints them with aligned columns. */
final class Table {

    private final PrintStream out;
    private String title;
    private List<String[]> rows = new ArrayList<>();

    Table(PrintStream out) {
        this.out = out;
    }

    void header(String title, String... columns) {
        flush();
        this.title = title;
        rows.add(columns);
    }

    void row(String... cells) {
        rows.add(cells);
    }

    /** Prints the pending table, if any. */
    void flush() {
        if (title == null) {
            return;
        }
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        out.println();
        out.println("== " + title);
        for (int k = 0; k < rows.size(); k++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String cell = rows.get(k)[i];
                sb.append(i == 0 ? String.format("%-" + width[i] + "s", cell) : String.format("  %" + width[i] + "s", cell));
            }
            out.println(sb.toString().stripTrailing());
            if (k == 0) {
                out.println("-".repeat(sb.length()));
            }
        }
        out.flush();
        title = null;
        rows = new ArrayList<>();
    }

    /** A one-line note under the tables. */
    void note(String line) {
        flush();
        out.println(line);
    }
}
