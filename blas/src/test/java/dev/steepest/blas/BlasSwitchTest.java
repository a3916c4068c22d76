package dev.steepest.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.linalg.Blas;
import dev.steepest.core.linalg.JavaBlas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dsteepest.blas.java=true} selects the plain Java BLAS even with OpenBLAS on the class path (CI runs the
 * core and optimizer tests once with it), and the build hands the flag to the test JVMs.
 */
class BlasSwitchTest {

    /** What a fresh JVM with this class path finds: class name and whether it runs native code. */
    public static void main(String[] args) {
        System.out.println(Blas.get().getClass().getName() + " " + Blas.get().nativeCode());
    }

    static String inFreshJvm(String... flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(List.of(flags));
        cmd.add(BlasSwitchTest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void theSwitchSelectsPlainJavaWhereOpenBlasWouldLoad() throws Exception {
        assertEquals(JavaBlas.class.getName() + " false", inFreshJvm("-Dsteepest.blas.java=true"));
        assertEquals(OpenBlas.class.getName() + " true", inFreshJvm("-Dsteepest.blas.java=false"));
    }

    @Test
    void thisTestJvmUsesWhatTheBuildWasAskedFor() {
        if (Boolean.getBoolean("steepest.blas.java")) {
            assertInstanceOf(JavaBlas.class, Blas.get());
            assertFalse(Blas.get().nativeCode());
        } else {
            assertInstanceOf(OpenBlas.class, Blas.get());
        }
    }
}
