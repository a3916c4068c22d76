package dev.steepest.core.linalg;

import java.util.List;
import java.util.Locale;

/** The registry of named orthogonalizers: {@code svd}, {@code ns5}, {@code cubic:K}, {@code polar-express[:K]}. */
public final class Orthogonalizers {
    private Orthogonalizers() {
    }

    /** Every specification form accepted, for help texts. */
    public static final List<String> FORMS = List.of("svd", "ns5", "cubic:K", "polar-express", "polar-express:K");

    /** The most steps a {@code cubic:K} or {@code polar-express:K} may ask for. */
    public static final int MAX_STEPS = 1000;

    /** The exact orthogonalizer, used where none is given. */
    public static Orthogonalizer exact() {
        return new Svd();
    }

    /** Parses {@code spec}; throws {@link IllegalArgumentException} naming the problem. */
    public static Orthogonalizer parse(String spec) {
        return parse(spec, null);
    }

    /** Parses {@code spec} into an orthogonalizer whose float path runs on {@code blas} ({@code null}: {@link Blas#get()}). */
    public static Orthogonalizer parse(String spec, Blas blas) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no orthogonalizer given; choose one of " + String.join(", ", FORMS));
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? null : s.substring(colon + 1).strip();
        switch (name) {
            case "svd":
                noArg(name, arg);
                return new Svd(blas);
            case "ns5":
                noArg(name, arg);
                return NewtonSchulz.ns5(blas);
            case "cubic":
                if (arg == null || arg.isEmpty()) {
                    throw new IllegalArgumentException("orthogonalizer 'cubic' needs a number of steps: cubic:K, e.g. cubic:20");
                }
                return NewtonSchulz.cubic(steps(name, arg), blas);
            case "polar-express":
                return new PolarExpress(arg == null ? PolarExpress.DEFAULT_STEPS : steps(name, arg), blas);
            default:
                throw new IllegalArgumentException("unknown orthogonalizer '" + s + "'; choose one of "
                        + String.join(", ", FORMS));
        }
    }

    private static void noArg(String name, String arg) {
        if (arg != null) {
            throw new IllegalArgumentException("orthogonalizer '" + name + "' takes no parameter, got '" + name + ":"
                    + arg + "'");
        }
    }

    private static int steps(String name, String text) {
        int k;
        try {
            k = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("orthogonalizer '" + name + "': the number of steps K must be a positive"
                    + " integer, got '" + text + "'");
        }
        if (k < 1 || k > MAX_STEPS) {
            throw new IllegalArgumentException("orthogonalizer '" + name + "': the number of steps K must be between 1"
                    + " and " + MAX_STEPS + ", got " + k);
        }
        return k;
    }
}
