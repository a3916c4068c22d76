package dev.steepest.compare;

import dev.steepest.core.kernels.Simd;
import dev.steepest.core.linalg.Blas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a comparison ran, recorded in {@code results.json} and the report: the BLAS/LAPACK implementation and
 * library behind the matrix steps, the elementwise kernels' path, Java, OS, CPU and the steepest version.
 *
 * @param blas       the BLAS/LAPACK in use ({@link Blas#describe()}: implementation, version, library path)
 * @param blasNative whether the matrix steps ran native code
 * @param kernels    the elementwise kernels' path ({@link Simd#describe()}: Vector API with its lanes, or plain)
 * @param java       Java vendor and version
 * @param os         operating system, version and architecture
 * @param cpu        CPU model and the number of processors Java sees
 * @param steepest   the steepest version
 */
public record RunEnvironment(String blas, boolean blasNative, String kernels, String java, String os, String cpu,
                             String steepest) {

    /** The environment of this process. */
    public static RunEnvironment current() {
        Blas b = Blas.get();
        return new RunEnvironment(b.describe(), b.nativeCode(), Simd.describe(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " processors", version());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown CPU model";
    }

    private static String version() {
        try (InputStream in = RunEnvironment.class.getResourceAsStream("steepest.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
