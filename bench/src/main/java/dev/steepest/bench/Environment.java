package dev.steepest.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What machine and which native kernels a benchmark ran on. */
final class Environment {

    private Environment() {
    }

    /** The 1-, 5- and 15-minute load averages (other processes sharing the machine), or "unknown". */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    /**
     * The OpenBLAS kernel: OPENBLAS_CORETYPE when the environment forces one, and the kernel OpenBLAS reports
     * when asked to be verbose (a child JVM runs {@link BlasProbe} with OPENBLAS_VERBOSE=2; openblas_get_corename
     * itself is not reachable through netlib's JNI).
     */
    static String openblasCore() {
        String forced = System.getenv("OPENBLAS_CORETYPE");
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        return "kernel " + reportedCore()
                + (forced == null ? " (OPENBLAS_CORETYPE unset: auto-detected)" : " (OPENBLAS_CORETYPE=" + forced + ")")
                + ", threads " + (threads == null ? "(OPENBLAS_NUM_THREADS unset: all cores)" : threads);
    }

    private static String reportedCore() {
        try {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                    BlasProbe.class.getName());
            pb.environment().put("OPENBLAS_VERBOSE", "2");
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            for (String line : out.split("\\R")) {
                if (line.startsWith("Core: ")) {
                    return line.substring(6).trim();
                }
            }
            return "not reported (no OpenBLAS with dynamic kernel selection loaded)";
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
