package dev.steepest.core.kernels;

/**
 * Whether the Vector API path ({@link VectorKernels}) is used.
 *
 * <p>The incubator module {@code jdk.incubator.vector} is present only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}. Without it, {@link VectorKernels} is never touched (every call to
 * it sits behind {@link #ENABLED}, a constant the JIT folds), so the plain loops in {@link PlainKernels} run and
 * nothing fails. Setting the system property {@code steepest.kernels.vector=false} forces the plain path.
 */
public final class Simd {

    /** True when the Vector API kernels are in use. */
    public static final boolean ENABLED = detect();

    /** Below this many elements the plain loops are used even when the Vector API is present. */
    static final int MIN_LENGTH = 64;

    private Simd() {
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("steepest.kernels.vector", "true"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            // links the class and its species now, so a broken setup falls back instead of failing later
            return VectorKernels.lanes() > 1;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** A one-line description of the path in use, for reports. */
    public static String describe() {
        return ENABLED ? "Vector API, " + VectorKernels.lanes() + " float lanes" : "plain loops (jdk.incubator.vector absent or disabled)";
    }
}
