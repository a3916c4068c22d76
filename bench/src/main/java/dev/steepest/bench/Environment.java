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
}
