package dev.steepest.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The property runner: case count, distinct and stable seeds, failure messages and replay of one case. */
class PropertyTest {

    private static final String[] FLAGS = {Property.SEED, Property.NAME, Property.BASE_SEED};
    private final String[] saved = new String[FLAGS.length];

    /** These tests set the flags themselves: a replay flag on the command line must not reach them. */
    @BeforeEach
    void clearFlags() {
        for (int i = 0; i < FLAGS.length; i++) {
            saved[i] = System.clearProperty(FLAGS[i]);
        }
    }

    @AfterEach
    void restoreFlags() {
        for (int i = 0; i < FLAGS.length; i++) {
            if (saved[i] == null) {
                System.clearProperty(FLAGS[i]);
            } else {
                System.setProperty(FLAGS[i], saved[i]);
            }
        }
    }

    @Test
    void runsEveryCaseOnItsOwnSeedAndTheSameCasesEveryRun() {
        List<Long> first = new ArrayList<>();
        Property.forAll("p", 500, Random::nextLong, first::add);
        assertEquals(500, first.size());
        assertEquals(500, new HashSet<>(first).size(), "cases repeat");
        List<Long> second = new ArrayList<>();
        Property.forAll("p", 500, Random::nextLong, second::add);
        assertEquals(first, second);
        List<Long> other = new ArrayList<>();
        Property.forAll("q", 500, Random::nextLong, other::add);
        assertTrue(new HashSet<>(first).stream().noneMatch(other::contains), "two properties draw the same cases");
    }

    @Test
    void aBaseSeedDrawsOtherCases() {
        List<Long> plain = new ArrayList<>();
        Property.forAll("p", 50, Random::nextLong, plain::add);
        System.setProperty(Property.BASE_SEED, "12345");
        List<Long> based = new ArrayList<>();
        Property.forAll("p", 50, Random::nextLong, based::add);
        assertTrue(based.stream().noneMatch(plain::contains));
    }

    @Test
    void aFailureNamesThePropertyTheSeedAndTheInputAndReplaysAlone() {
        // fails on inputs divisible by 7: about one case in seven
        AssertionError e = assertThrows(AssertionError.class, () -> Property.forAll("divisible", 200,
                r -> new int[] {r.nextInt(1000), 3}, x -> assertTrue(x[0] % 7 != 0, "x % 7 == 0")));
        String m = e.getMessage();
        assertTrue(m.startsWith("property 'divisible' failed on case "), m);
        assertTrue(m.contains("of 200, seed "), m);
        assertTrue(m.contains("x % 7 == 0"), m);
        assertTrue(m.contains("-Dtest='PropertyTest#aFailureNamesThePropertyTheSeedAndTheInputAndReplaysAlone'"), m);
        assertInstanceOf(AssertionError.class, e.getCause());
        String seed = m.substring(m.indexOf("seed ") + 5, m.indexOf('\n'));
        int failing = new Random(Long.parseLong(seed)).nextInt(1000);
        assertEquals(0, failing % 7);
        assertTrue(m.contains("input: [" + failing + ", 3]"), m);
        assertTrue(m.contains("-Dsteepest.seed=" + seed), m);

        System.setProperty(Property.SEED, seed);
        List<int[]> seen = new ArrayList<>();
        AssertionError again = assertThrows(AssertionError.class, () -> Property.forAll("divisible", 200,
                r -> new int[] {r.nextInt(1000), 3}, x -> {
                    seen.add(x);
                    assertTrue(x[0] % 7 != 0);
                }));
        assertEquals(1, seen.size(), "a replay runs one case");
        assertEquals(failing, seen.get(0)[0]);
        assertTrue(again.getMessage().contains("case 1 of 1, seed " + seed), again.getMessage());

        System.setProperty(Property.NAME, "another property");
        seen.clear();
        Property.forAll("divisible", 200, r -> new int[] {r.nextInt(1000)}, seen::add);
        assertEquals(0, seen.size(), "a replay of another property skips this one");
    }

    @Test
    void exceptionsFailTheCaseToo() {
        AssertionError e = assertThrows(AssertionError.class, () -> Property.forAll("throws", 10, r -> 1.5, x -> {
            throw new IllegalStateException("boom");
        }));
        assertTrue(e.getMessage().contains("input: 1.5"), e.getMessage());
        assertTrue(e.getMessage().contains("IllegalStateException: boom"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Property.forAll("none", 0, r -> 1, x -> { }));
        System.setProperty(Property.SEED, "x");
        assertThrows(IllegalArgumentException.class, () -> Property.forAll("bad", 1, r -> 1, x -> { }));
    }

    record Pair(double[] a, String b) {
    }

    record Named(double[] a) {
        @Override
        public String toString() {
            return "named";
        }
    }

    @Test
    void inputsFormatWithEveryDigit() {
        assertEquals("Pair[a=[0.1, 1.0E-300, -0.0], b=x]", Format.of(new Pair(new double[] {0.1, 1e-300, -0.0}, "x")));
        assertEquals("named", Format.of(new Named(new double[] {1})));
        assertEquals("[[1.0, 2.0], [0.30000000000000004]]",
                Format.of(List.of(new double[] {1, 2}, new double[] {0.1 + 0.2})));
        assertEquals("[1.5f, 0.1f]", Format.of(new float[] {1.5f, 0.1f}));
        assertEquals("null", Format.of(null));
    }
}
