package dev.steepest.optim.schedule;

/**
 * The usual learning-rate schedules, as small pure functions of the step t (from 1).
 *
 * <pre>
 *   constant(lr)                 lr_t = lr
 *   linearWarmup(s, W)           lr_t = s(t) · min(1, t/W)
 *   cosineDecay(lr, T, lrEnd)    lr_t = lrEnd + (lr − lrEnd)·(1 + cos(π·min(t,T)/T))/2
 *   linearDecay(lr, T, lrEnd)    lr_t = lr + (lrEnd − lr)·min(t,T)/T
 * </pre>
 */
public final class Schedules {
    private Schedules() {
    }

    /** lr_t = lr. */
    public static Schedule constant(double lr) {
        positive("learning rate", lr);
        return new Fn("constant(" + lr + ")", t -> lr);
    }

    /** lr_t = s(t)·min(1, t/W): a linear ramp over the first W steps, then {@code base}. */
    public static Schedule linearWarmup(Schedule base, long warmupSteps) {
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("warm-up needs at least 1 step, got " + warmupSteps);
        }
        return new Fn("warmup(" + warmupSteps + ", " + base.spec() + ")",
                t -> base.at(t) * Math.min(1.0, (double) t / warmupSteps));
    }

    /** Cosine from lr at t = 0 to lrEnd at t = T, then lrEnd. */
    public static Schedule cosineDecay(double lr, long totalSteps, double lrEnd) {
        positive("learning rate", lr);
        horizon(totalSteps, lrEnd);
        return new Fn("cosine(" + lr + ", " + totalSteps + ", " + lrEnd + ")",
                t -> lrEnd + (lr - lrEnd) * (1 + Math.cos(Math.PI * Math.min(t, totalSteps) / totalSteps)) / 2);
    }

    /** Linear from lr at t = 0 to lrEnd at t = T, then lrEnd. */
    public static Schedule linearDecay(double lr, long totalSteps, double lrEnd) {
        positive("learning rate", lr);
        horizon(totalSteps, lrEnd);
        return new Fn("linear(" + lr + ", " + totalSteps + ", " + lrEnd + ")",
                t -> lr + (lrEnd - lr) * Math.min(t, totalSteps) / totalSteps);
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("the " + what + " must be positive and finite, got " + v);
        }
    }

    private static void horizon(long totalSteps, double lrEnd) {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("a decay needs at least 1 step, got " + totalSteps);
        }
        if (!(lrEnd >= 0) || Double.isInfinite(lrEnd)) {
            throw new IllegalArgumentException("the final learning rate must be ≥ 0 and finite, got " + lrEnd);
        }
    }

    private record Fn(String spec, java.util.function.LongToDoubleFunction f) implements Schedule {
        @Override
        public double at(long t) {
            return f.applyAsDouble(t);
        }

        @Override
        public String toString() {
            return spec;
        }
    }
}
