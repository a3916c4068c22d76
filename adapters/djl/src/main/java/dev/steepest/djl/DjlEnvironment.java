package dev.steepest.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes DJL's PyTorch engine start with no network: the native library comes from the
 * {@code pytorch-native-cpu} jar on the classpath, is unpacked once into a writable cache,
 * and DJL is told never to download.
 *
 * <p>Sets, only where the user has not: {@code ai.djl.offline=true}, and {@code DJL_CACHE_DIR}
 * to {@code ~/.djl.ai} when that is writable, else to {@code java.io.tmpdir/steepest-djl-cache}.
 * Call before the first use of an {@code NDManager}; calling again is harmless.
 */
public final class DjlEnvironment {
    private DjlEnvironment() {
    }

    /** Applies the offline settings and returns the cache folder in use. */
    public static synchronized Path configureOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null && System.getenv("OMP_NUM_THREADS") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        String set = firstNonBlank(System.getProperty("DJL_CACHE_DIR"), System.getenv("DJL_CACHE_DIR"));
        if (set != null) {
            return Path.of(set);
        }
        Path home = Path.of(System.getProperty("user.home", "."), ".djl.ai");
        Path cache = writable(home) ? home : Path.of(System.getProperty("java.io.tmpdir"), "steepest-djl-cache");
        System.setProperty("DJL_CACHE_DIR", cache.toString());
        return cache;
    }

    private static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
