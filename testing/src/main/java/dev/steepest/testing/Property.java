package dev.steepest.testing;

import java.util.Random;

/**
 * Runs a property over seeded random cases: case i draws its input from a {@link Random} seeded with its own
 * seed, derived from a base seed and i, so any one case can be replayed alone.
 *
 * <p>A failing case throws an {@link AssertionError} naming the property, the case's seed and its input, with the
 * original failure as the cause. System properties:
 * <ul>
 *   <li>{@code -Dsteepest.seed=SEED} runs only the case with that seed (in every property that runs; add
 *       {@code -Dsteepest.property=NAME} or {@code -Dtest=Class#method} to pick one);</li>
 *   <li>{@code -Dsteepest.baseSeed=N} draws another set of cases; the default, N = 0, is fixed per property
 *       name so that every build checks the same cases.</li>
 * </ul>
 */
public final class Property {
    /** System property: the seed of the one case to run. */
    public static final String SEED = "steepest.seed";
    /** System property: with {@link #SEED}, the name of the one property to run. */
    public static final String NAME = "steepest.property";
    /** System property: the base seed the case seeds are derived from. */
    public static final String BASE_SEED = "steepest.baseSeed";

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Property() {
    }

    /** Draws one input of a case. */
    @FunctionalInterface
    public interface Generator<T> {
        /** The input drawn from {@code random}. */
        T next(Random random);
    }

    /** Checks one input; fails by throwing. */
    @FunctionalInterface
    public interface Check<T> {
        /** Throws (an assertion error or any exception) when the property does not hold for {@code input}. */
        void check(T input) throws Exception;
    }

    /**
     * Checks {@code check} on {@code cases} inputs from {@code generator}; with {@code -Dsteepest.seed} set, on
     * the one input of that seed.
     */
    public static <T> void forAll(String name, int cases, Generator<T> generator, Check<? super T> check) {
        if (cases < 1) {
            throw new IllegalArgumentException("cases must be at least 1, got " + cases);
        }
        String caller = caller();
        String replay = System.getProperty(SEED);
        if (replay != null && !replay.isBlank()) {
            String only = System.getProperty(NAME);
            if (only != null && !only.isBlank() && !only.equals(name)) {
                return;
            }
            long seed;
            try {
                seed = Long.parseLong(replay.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + SEED + " must be a long, got '" + replay + "'");
            }
            runCase(name, caller, 0, 1, seed, generator, check);
            return;
        }
        long base = baseSeed(name);
        for (int i = 0; i < cases; i++) {
            runCase(name, caller, i, cases, caseSeed(base, i), generator, check);
        }
    }

    /** The base seed of a property: from {@code -Dsteepest.baseSeed} (default 0) and the property's name. */
    static long baseSeed(String name) {
        String base = System.getProperty(BASE_SEED);
        long n = 0;
        if (base != null && !base.isBlank()) {
            try {
                n = Long.parseLong(base.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + BASE_SEED + " must be a long, got '" + base + "'");
            }
        }
        return mix(n ^ name.hashCode());
    }

    /** The seed of case {@code i}: SplitMix64 steps from the base seed. */
    static long caseSeed(long base, int i) {
        return mix(base + GOLDEN * (i + 1L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static <T> void runCase(String name, String caller, int i, int cases, long seed, Generator<T> generator,
                                    Check<? super T> check) {
        T input;
        try {
            input = generator.next(new Random(seed));
        } catch (RuntimeException e) {
            throw new AssertionError(header(name, i, cases, seed) + "\n  the generator failed: " + e
                    + "\n  " + replay(name, caller, seed), e);
        }
        try {
            check.check(input);
        } catch (Exception | AssertionError e) {
            String message = header(name, i, cases, seed) + "\n  input: " + Format.of(input) + "\n  failure: " + e
                    + "\n  " + replay(name, caller, seed);
            throw new AssertionError(message, e);
        }
    }

    private static String header(String name, int i, int cases, long seed) {
        return "property '" + name + "' failed on case " + (i + 1) + " of " + cases + ", seed " + seed;
    }

    private static String replay(String name, String caller, long seed) {
        return "replay this case alone: -D" + SEED + "=" + seed + " '-D" + NAME + "=" + name + "'"
                + (caller == null ? "" : " -Dtest='" + caller + "'");
    }

    /** Class#method of the test that called {@link #forAll}, for the replay hint. */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Property.class.getName()))
                .findFirst()
                .map(f -> simpleName(f.getClassName()) + "#" + methodName(f.getMethodName()))
                .orElse(null));
    }

    /** A lambda's method lambda$name$0 is named after the method it sits in. */
    private static String methodName(String method) {
        if (method.startsWith("lambda$")) {
            int end = method.indexOf('$', 7);
            return end < 0 ? method.substring(7) : method.substring(7, end);
        }
        return method;
    }

    private static String simpleName(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        int nested = s.indexOf('$');
        return nested < 0 ? s : s.substring(0, nested);
    }
}
