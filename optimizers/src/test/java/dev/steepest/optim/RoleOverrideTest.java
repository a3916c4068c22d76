package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A role set by hand wins over the naming rules, and moves the parameter to that role's group. */
class RoleOverrideTest {

    @Test
    void anOutputLayerTheNamesMissGoesToTheFallbackGroupOnceMarked() {
        Param fc1 = Param.matrix("fc1_weight", 4, 3, new float[12]);
        Param fc3 = Param.matrix("fc3_weight", 2, 4, new float[8]);
        assertEquals(Role.HIDDEN, Role.of(fc3), "the naming rules read fc3 as a hidden matrix");
        assertNull(fc3.roleOverride());
        Param marked = fc3.withRole(Role.OUTPUT);
        assertEquals(Role.OUTPUT, Role.of(marked));
        assertSame(fc3.values(), marked.values(), "the same arrays");
        assertSame(fc3.grad(), marked.grad());

        Optimizer guessed = Presets.get("muon", 0.01).build(List.of(fc1, fc3));
        assertEquals("hidden", guessed.groupOf("fc3_weight"));
        Optimizer set = Presets.get("muon", 0.01).build(List.of(fc1, marked));
        assertEquals("hidden", set.groupOf("fc1_weight"));
        assertEquals("rest", set.groupOf("fc3_weight"));

        // a role set by hand is taken as given, and a vector marked hidden meets the spectral norm's shape check
        Param bias = Param.vector("b", 1f, 2f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Presets.get("muon", 0.01).build(List.of(bias.withRole(Role.HIDDEN))));
        assertTrue(e.getMessage().contains("b[2]") && e.getMessage().contains("spectral"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fc3.withRole(null));
    }
}
