package dev.steepest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.steepest.core.linalg.Blas;
import dev.steepest.core.kernels.Simd;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./steepest bench [--quick] [--json FILE]}: one table per family (elementwise bandwidth against the
 * triad, Optimizer.step() of the elementwise presets against their fused kernels, DJL's own optimizer update and
 * our DJL adapter, Newton–Schulz against its GEMMs and libtorch, the exact polar factor
 * against SGESDD, the muon optimizer step against its BLAS calls alone), every figure a median with its interquartile range, every comparison a ratio of runs taken in
 * the same rounds. {@code --jmh [JMH options]} runs the JMH benchmarks instead.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path json = null;
        java.util.Set<String> only = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--json" -> {
                    if (i + 1 >= args.length) {
                        fail("--json needs a file name");
                    }
                    json = Path.of(args[++i]);
                }
                case "--only" -> {
                    if (i + 1 >= args.length) {
                        fail("--only needs a family: elementwise, step, djl, newton-schulz, polar, matrix");
                    }
                    String f = args[++i];
                    if (!List.of("elementwise", "step", "djl", "newton-schulz", "polar", "matrix").contains(f)) {
                        fail("unknown family '" + f + "' for --only (elementwise, step, djl, newton-schulz, polar, matrix)");
                    }
                    if (f.equals("matrix")) { // the matrix families: Newton–Schulz, polar factor, muon step
                        only.addAll(List.of("newton-schulz", "polar", "step-muon"));
                    } else {
                        only.add(f);
                    }
                }
                case "--jmh" -> {
                    String[] rest = java.util.Arrays.copyOfRange(args, i + 1, args.length);
                    org.openjdk.jmh.Main.main(rest);
                    return;
                }
                case "-h", "--help" -> {
                    System.out.println("usage: steepest bench [--quick] [--json FILE] [--only FAMILY]... | steepest bench --jmh [JMH options]");
                    return;
                }
                default -> fail("unknown option '" + args[i] + "' (usage: steepest bench [--quick] [--json FILE] [--only FAMILY]... | --jmh [JMH options])");
            }
        }
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                fail("cannot write --json " + json + ": directory " + parent + " does not exist");
            }
        }
        if (quick) {
            Timing.WARMUP_NS = 300_000_000L;
        }
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        out.println("steepest bench" + (quick ? " --quick" : ""));
        out.println("machine: " + Environment.cpu() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + "Java " + System.getProperty("java.vm.version") + ", load average " + Environment.load());
        out.println("elementwise: " + Simd.describe());
        out.println("matrix: " + Blas.get().describe());
        java.util.function.Predicate<String> on = f -> only.isEmpty() || only.contains(f);
        if (on.test("djl") || on.test("newton-schulz")) {
            out.println("torch: " + Djl.describe());
        }
        Table table = new Table(out);
        List<Row> rows = new ArrayList<>();
        int[] sizes = {1 << 20, 1 << 24};
        String[] names = {"1M", "16M"};
        for (int k = 0; k < sizes.length && on.test("elementwise"); k++) {
            boolean big = k == 1;
            rows.addAll(ElementwiseFamily.run(sizes[k], names[k], quick ? 2 : 5, quick ? (big ? 9 : 21) : (big ? 31 : 61),
                    big, table));
        }
        for (int k = 0; k < sizes.length && on.test("step"); k++) {
            boolean big = k == 1;
            rows.addAll(StepFamily.run(sizes[k], String.valueOf(sizes[k]), quick ? 2 : 5,
                    quick ? (big ? 9 : 21) : (big ? 31 : 61), table));
        }
        for (int k = 0; k < sizes.length && on.test("djl"); k++) {
            boolean big = k == 1;
            rows.addAll(DjlFamily.run(sizes[k], String.valueOf(sizes[k]), quick ? 1 : 3,
                    quick ? (big ? 5 : 11) : (big ? 15 : 31), big, table));
        }
        int[][] shapes = {{256, 256}, {1024, 1024}, {1024, 4096}};
        if (System.getenv("STEEPEST_BENCH_SHAPES") != null) {
            shapes = parseShapes(System.getenv("STEEPEST_BENCH_SHAPES"));
        }
        for (int k = 0; k < shapes.length && on.test("newton-schulz"); k++) {
            int[] r = reps(shapes[k], quick, false);
            rows.addAll(MatrixFamily.run(shapes[k][0], shapes[k][1], r[0], r[1], true, table));
        }
        for (int k = 0; k < shapes.length && on.test("polar"); k++) {
            int[] r = reps(shapes[k], quick, true);
            rows.addAll(MatrixFamily.runPolar(shapes[k][0], shapes[k][1], r[0], r[1], true, table));
        }
        int[][] stepShapes = {{784, 256}, {1024, 1024}};
        for (int k = 0; k < stepShapes.length && on.test("step-muon"); k++) {
            int[] r = reps(stepShapes[k], quick, false);
            rows.addAll(MatrixFamily.runStep(stepShapes[k][0], stepShapes[k][1], r[0], Math.max(r[1], quick ? 9 : 21),
                    table));
        }
        table.flush();
        long misses = rows.stream().filter(r -> "MISS".equals(r.verdict())).count();
        long passes = rows.stream().filter(r -> "PASS".equals(r.verdict())).count();
        out.printf("%ntargets: %d PASS, %d MISS; total %.0f s; load average now %s%n", passes, misses,
                (System.nanoTime() - t0) / 1e9, Environment.load());
        if (json != null) {
            try {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), rows);
            } catch (IOException e) {
                fail("cannot write --json " + json + ": " + e.getMessage());
            }
            out.println("wrote " + rows.size() + " rows to " + json);
        }
        System.exit(0); // libtorch leaves non-daemon threads behind
    }

    private static void fail(String message) {
        System.err.println("steepest bench: " + message);
        System.exit(2);
    }

    /** "256x256,512x2048": matrix shapes for the matrix families (wide: rows ≤ cols). */
    private static int[][] parseShapes(String text) {
        String[] parts = text.split(",");
        int[][] shapes = new int[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            String[] rc = parts[i].trim().split("x");
            try {
                shapes[i] = new int[] {Integer.parseInt(rc[0]), Integer.parseInt(rc[1])};
            } catch (RuntimeException e) {
                fail("STEEPEST_BENCH_SHAPES: expected shapes like 256x256,1024x4096, got '" + parts[i] + "'");
            }
            if (shapes[i][0] < 1 || shapes[i][0] > shapes[i][1]) {
                fail("STEEPEST_BENCH_SHAPES: shapes must be wide (1 <= rows <= cols), got '" + parts[i] + "'");
            }
        }
        return shapes;
    }

    /** {warm-up, rounds} for a matrix shape: fewer rounds for bigger matrices. */
    private static int[] reps(int[] shape, boolean quick, boolean polar) {
        long size = (long) shape[0] * shape[1];
        if (size <= 256 * 256) {
            return quick ? new int[] {3, polar ? 9 : 15} : new int[] {5, polar ? 21 : 41};
        }
        if (size <= 1024 * 1024) {
            return quick ? new int[] {1, 5} : new int[] {2, polar ? 9 : 11};
        }
        // large native calls need no JIT warm-up (their buffers are allocated, hence touched, up front)
        return quick ? new int[] {0, 3} : new int[] {1, polar ? 5 : 7};
    }
}
