package dev.steepest.kernels;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which BLAS and LAPACK run: netlib's {@code JNIBLAS}/{@code JNILAPACK} when the system library loads
 * ({@code libblas.so.3} / {@code liblapack.so.3}, e.g. {@code apt-get install libopenblas0}), else its pure-Java
 * implementation. The fast path needs the system library; without it everything still works, slower.
 */
public final class Netlib {

    /**
     * netlib announces its choice on java.util.logging at INFO the first time; a library should not write to
     * its users' stderr, so its two loggers are held here at WARNING (held strongly: JUL keeps loggers weakly).
     */
    private static final java.util.logging.Logger[] QUIET = {
            java.util.logging.Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder"),
            java.util.logging.Logger.getLogger("dev.ludovic.netlib.lapack.InstanceBuilder")};

    static {
        for (java.util.logging.Logger l : QUIET) {
            l.setLevel(java.util.logging.Level.WARNING);
        }
    }

    private Netlib() {
    }

    /** The BLAS in use ({@link BLAS#getInstance()}, without its log line). */
    public static BLAS blas() {
        return BLAS.getInstance();
    }

    /** The LAPACK in use ({@link LAPACK#getInstance()}, without its log line). */
    public static LAPACK lapack() {
        return LAPACK.getInstance();
    }

    /** Class name of the BLAS implementation in use. */
    public static String blasImpl() {
        return blas().getClass().getName();
    }

    /** Class name of the LAPACK implementation in use. */
    public static String lapackImpl() {
        return lapack().getClass().getName();
    }

    /** True when BLAS calls go through JNI to a native library. */
    public static boolean nativeBlas() {
        return blasImpl().contains("JNI");
    }

    /** Native BLAS/LAPACK libraries mapped into this process (from /proc/self/maps; empty elsewhere). */
    public static List<String> loadedNativeLibraries() {
        blas();
        lapack();
        List<String> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String path = line.substring(slash);
                String name = path.substring(path.lastIndexOf('/') + 1);
                if ((name.contains("blas") || name.contains("lapack")) && !found.contains(path)) {
                    found.add(path);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: report nothing
        }
        return found;
    }

    /** One line: implementations, mapped libraries, and OpenBLAS settings from the environment. */
    public static String describe() {
        String core = System.getenv("OPENBLAS_CORETYPE");
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        return "BLAS " + blasImpl() + ", LAPACK " + lapackImpl()
                + ", libraries " + loadedNativeLibraries()
                + ", OPENBLAS_CORETYPE=" + (core == null ? "(unset: OpenBLAS auto-detects)" : core)
                + ", OPENBLAS_NUM_THREADS=" + (threads == null ? "(unset)" : threads);
    }
}
