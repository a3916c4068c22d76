package dev.steepest.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What machine and which native kernels a benchmark ran on. */
final class Environment {

    private Environment() {
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
     * The OpenBLAS kernel: OPENBLAS_CORETYPE when the environment forces one, else OpenBLAS picks from the CPU
     * (the corename call, openblas_get_corename, is not reachable through netlib's JNI).
     */
    static String openblasCore() {
        String forced = System.getenv("OPENBLAS_CORETYPE");
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        return (forced == null ? "kernel auto-detected (OPENBLAS_CORETYPE unset)" : "kernel forced by OPENBLAS_CORETYPE=" + forced)
                + ", threads " + (threads == null ? "(OPENBLAS_NUM_THREADS unset: all cores)" : threads);
    }
}
