package dev.steepest.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SchedulesTest {

    @Test
    void valuesAtKnownSteps() {
        assertEquals(0.1, Schedules.constant(0.1).at(1000), 0);
        Schedule w = Schedules.linearWarmup(Schedules.constant(1), 4);
        assertEquals(0.25, w.at(1), 0);
        assertEquals(1.0, w.at(4), 0);
        assertEquals(1.0, w.at(9), 0);
        Schedule c = Schedules.cosineDecay(1, 10, 0.1);
        assertEquals(0.55, c.at(5), 1e-15);
        assertEquals(0.1, c.at(10), 1e-15);
        assertEquals(0.1, c.at(50), 1e-15);
        Schedule l = Schedules.linearDecay(1, 10, 0);
        assertEquals(0.7, l.at(3), 1e-15);
        assertEquals(0, l.at(12), 0);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Schedules.constant(0));
        assertThrows(IllegalArgumentException.class, () -> Schedules.constant(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Schedules.linearWarmup(Schedules.constant(1), 0));
        assertThrows(IllegalArgumentException.class, () -> Schedules.cosineDecay(1, 0, 0));
    }
}
