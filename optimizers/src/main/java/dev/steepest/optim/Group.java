package dev.steepest.optim;

import dev.steepest.optim.schedule.Schedule;

/**
 * A parameter group: the parameters a {@link Rule} selects, the {@link Chain} they go through,
 * and their learning-rate {@link Schedule}. The step for a parameter of the group is
 * θ ← θ − lr_t · chain(g).
 */
public record Group(String name, Rule rule, Schedule learningRate, Chain chain) {
    public Group {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a group needs a non-blank name");
        }
        if (rule == null || learningRate == null || chain == null) {
            throw new IllegalArgumentException("group '" + name + "' needs a rule, a learning rate and a chain");
        }
    }

    /** Configuration text, stored in checkpoints. */
    public String spec() {
        return name + "[" + rule.spec() + "] lr=" + learningRate.spec() + ": " + chain.spec();
    }
}
