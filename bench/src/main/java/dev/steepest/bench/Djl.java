package dev.steepest.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/** Starts DJL's PyTorch engine once, or says why it cannot. */
final class Djl {

    private static NDManager manager;
    private static String failure;

    private Djl() {
    }

    /** The engine's root manager, or null when libtorch could not be loaded (see {@link #failure()}). */
    static synchronized NDManager manager() {
        if (manager == null && failure == null) {
            try {
                Engine engine = Engine.getEngine("PyTorch");
                manager = engine.newBaseManager();
            } catch (RuntimeException | LinkageError e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        return manager;
    }

    static String failure() {
        return failure;
    }

    static String describe() {
        NDManager m = manager();
        if (m == null) {
            return "DJL/libtorch unavailable: " + failure;
        }
        Engine e = m.getEngine();
        return "DJL " + Engine.getDjlVersion() + ", engine " + e.getEngineName() + " " + e.getVersion()
                + ", OMP_NUM_THREADS=" + env("OMP_NUM_THREADS");
    }

    static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "(unset)" : v;
    }
}
