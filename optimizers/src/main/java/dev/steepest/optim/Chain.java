package dev.steepest.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An ordered list of stages: each transforms the update its predecessor left (optax's
 * {@code chain}). The optimizer then applies θ ← θ − lr_t · update.
 *
 * <p>{@link #of} checks the documented order ({@link Phase}: clip → smooth → direction → scale →
 * decay); {@link #anyOrder} takes the stages as given, for experiments that mean another order.
 */
public final class Chain {
    private final List<Stage> stages;

    private Chain(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    /** Stages in the documented phase order; throws naming the first stage out of order. */
    public static Chain of(Stage... stages) {
        for (int i = 1; i < stages.length; i++) {
            if (stages[i].phase().compareTo(stages[i - 1].phase()) < 0) {
                throw new IllegalArgumentException("stage '" + stages[i].spec() + "' (" + stages[i].phase()
                        + ") comes after '" + stages[i - 1].spec() + "' (" + stages[i - 1].phase()
                        + "); stages run in the order CLIP → SMOOTH → DIRECTION → SCALE → DECAY"
                        + " (use Chain.anyOrder to mean another order)");
            }
        }
        return new Chain(List.of(stages));
    }

    /** Stages in exactly the given order, unchecked. */
    public static Chain anyOrder(Stage... stages) {
        return new Chain(List.of(stages));
    }

    /** This chain followed by {@code more}, with the same order check as {@link #of}. */
    public Chain then(Stage... more) {
        List<Stage> all = new ArrayList<>(stages);
        all.addAll(List.of(more));
        return of(all.toArray(new Stage[0]));
    }

    public List<Stage> stages() {
        return stages;
    }

    /** The stages' specs joined by " → ". */
    public String spec() {
        return stages.isEmpty() ? "identity" : stages.stream().map(Stage::spec).collect(Collectors.joining(" → "));
    }

    @Override
    public String toString() {
        return spec();
    }
}
