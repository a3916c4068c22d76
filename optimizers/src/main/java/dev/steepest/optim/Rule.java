package dev.steepest.optim;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Chooses parameters for a {@link Group} by name and shape. Each rule has a spec text, stored
 * in checkpoints so that an optimizer only restores state written by the same configuration.
 */
public final class Rule {
    private final String spec;
    private final Predicate<Param> test;

    private Rule(String spec, Predicate<Param> test) {
        this.spec = spec;
        this.test = test;
    }

    /** A custom rule; {@code spec} names it in checkpoints and messages. */
    public static Rule of(String spec, Predicate<Param> test) {
        return new Rule(spec, test);
    }

    /** Every parameter. */
    public static Rule any() {
        return new Rule("any", p -> true);
    }

    /** Parameters whose {@link Role} is one of {@code roles}. */
    public static Rule role(Role... roles) {
        String s = "role:" + String.join(",", Arrays.stream(roles).map(r -> r.name().toLowerCase(Locale.ROOT))
                .toArray(String[]::new));
        return new Rule(s, p -> Arrays.asList(roles).contains(Role.of(p)));
    }

    /** Parameters whose name matches the regular expression {@code regex} entirely. */
    public static Rule nameMatches(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad parameter-name pattern '" + regex + "': " + e.getDescription());
        }
        return new Rule("name~" + regex, p -> pattern.matcher(p.name()).matches());
    }

    /** Parameters of rank {@code rank}. */
    public static Rule rank(int rank) {
        return new Rule("rank:" + rank, p -> p.rank() == rank);
    }

    /** Parameters of rank ≥ 2 (seen as matrices). */
    public static Rule matrix() {
        return new Rule("matrix", Param::isMatrix);
    }

    public Rule and(Rule other) {
        return new Rule("(" + spec + " & " + other.spec + ")", test.and(other.test));
    }

    public Rule or(Rule other) {
        return new Rule("(" + spec + " | " + other.spec + ")", test.or(other.test));
    }

    public Rule negate() {
        return new Rule("!" + spec, test.negate());
    }

    public boolean test(Param p) {
        return test.test(p);
    }

    public String spec() {
        return spec;
    }

    @Override
    public String toString() {
        return spec;
    }
}
