package dev.steepest.optim;

import dev.steepest.optim.schedule.Schedule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An optimizer's definition, independent of any model: parameter groups (optax's
 * {@code partition}), each a rule, a learning-rate schedule and a chain of stages, plus what
 * to do with non-finite gradients. {@link #build} binds it to parameters.
 *
 * <pre>
 *   OptimizerSpec spec = OptimizerSpec.builder("my-muon")
 *       .group("hidden", Rule.role(Role.HIDDEN), Schedules.constant(0.02),
 *              Chain.of(Momentum.nesterov(0.95), NormStep.constrained(spectral), ShapeScale.fanRatio()))
 *       .group("rest", Rule.any(), Schedules.constant(3e-4), Adam.adamW(0.9, 0.95, 1e-8, 0.01))
 *       .build();
 *   Optimizer opt = spec.build(params);
 * </pre>
 * Each parameter joins the first group whose rule it matches.
 */
public final class OptimizerSpec {
    private final String name;
    private final List<Group> groups;
    private final NonFinitePolicy nonFinite;

    private OptimizerSpec(String name, List<Group> groups, NonFinitePolicy nonFinite) {
        this.name = name;
        this.groups = List.copyOf(groups);
        this.nonFinite = nonFinite;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A one-group optimizer: every parameter through {@code chain} at learning rate {@code lr}. */
    public static OptimizerSpec single(String name, Schedule lr, Chain chain) {
        return builder(name).group("all", Rule.any(), lr, chain).build();
    }

    public String name() {
        return name;
    }

    public List<Group> groups() {
        return groups;
    }

    public NonFinitePolicy nonFinitePolicy() {
        return nonFinite;
    }

    /** The same definition with another non-finite policy. */
    public OptimizerSpec withNonFinitePolicy(NonFinitePolicy policy) {
        return new OptimizerSpec(name, groups, policy);
    }

    /** The whole configuration as text; two optimizers share checkpoints only when this is equal. */
    public String spec() {
        return name + " {" + groups.stream().map(Group::spec).collect(Collectors.joining("; ")) + "} nonfinite="
                + nonFinite.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Binds this definition to {@code params}, with fresh state; throws when a parameter matches no group. */
    public Optimizer build(List<Param> params) {
        return new Optimizer(this, params);
    }

    @Override
    public String toString() {
        return spec();
    }

    /** Builds an {@link OptimizerSpec}. */
    public static final class Builder {
        private final String name;
        private final List<Group> groups = new ArrayList<>();
        private NonFinitePolicy nonFinite = NonFinitePolicy.ERROR;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an optimizer needs a non-blank name");
            }
            this.name = name;
        }

        /** Adds a group; parameters join the first group whose rule matches. */
        public Builder group(String groupName, Rule rule, Schedule lr, Chain chain) {
            groups.add(new Group(groupName, rule, lr, chain));
            return this;
        }

        public Builder onNonFinite(NonFinitePolicy policy) {
            this.nonFinite = policy;
            return this;
        }

        public OptimizerSpec build() {
            if (groups.isEmpty()) {
                throw new IllegalArgumentException("optimizer '" + name + "' has no parameter group");
            }
            Set<String> seen = new HashSet<>();
            for (Group g : groups) {
                if (!seen.add(g.name())) {
                    throw new IllegalArgumentException("optimizer '" + name + "': two groups named '" + g.name() + "'");
                }
            }
            return new OptimizerSpec(name, groups, nonFinite);
        }
    }
}
