package dev.steepest.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.optim.schedule.Schedule;
import org.junit.jupiter.api.Test;

/** --schedule: constant keeps the choice; cosine warms up over 5% of the steps and ends at a tenth of the peak. */
class ScheduleTest {
    @Test
    void cosineWarmsUpThenDecaysToATenth() {
        Schedule s = OptimizerChoice.schedule("cosine", 0.01f, 100);
        assertEquals(0.01 / 5 * (0.001 + 0.009 * (1 + Math.cos(Math.PI / 100)) / 2) / 0.01, s.at(1), 1e-9, "step 1 of a 5-step ramp");
        assertTrue(s.at(5) > 0.0095, "the ramp ends at step 5: " + s.at(5));
        assertEquals(0.001, s.at(100), 1e-7, "a tenth of the peak at the last step");
        assertEquals(0.0055, s.at(50), 1e-4, "halfway down the cosine");
        assertEquals(0.01f, OptimizerChoice.schedule("constant", 0.01f, 100).at(77), 1e-9);
    }

    @Test
    void constantKeepsTheChoiceAndUnknownOrUnsupportedIsRefused() {
        OptimizerChoice sgd = OptimizerCatalog.get("sgd");
        assertSame(sgd, sgd.withSchedule("constant", 10));
        assertTrue(sgd.withSchedule("cosine", 10) != sgd);
        assertThrows(IllegalArgumentException.class, () -> sgd.withSchedule("step", 10));
        assertThrows(IllegalArgumentException.class, () -> OptimizerCatalog.get("djl-adamw").withSchedule("cosine", 10));
        assertSame(OptimizerCatalog.get("djl-adamw"), OptimizerCatalog.get("djl-adamw").withSchedule("constant", 10));
    }
}
