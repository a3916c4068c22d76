package dev.steepest.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.steepest.djl.DjlEnvironment;
import dev.steepest.djl.ParameterNames;
import dev.steepest.optim.Param;
import dev.steepest.optim.Role;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transformer's shapes, causality and parameter roles, on a tiny model. */
class GptTest {
    private static final Gpt.Config TINY = new Gpt.Config(7, 8, 16, 2, 2);

    @BeforeAll
    static void offline() {
        DjlEnvironment.configureOffline();
    }

    private static float[] logits(Model model, Gpt block, long[] ids) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray x = m.create(ids, new Shape(1, ids.length));
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(ids.length, TINY.vocabulary()), y.getShape());
            return y.toFloatArray();
        }
    }

    @Test
    void changingAFutureTokenLeavesEarlierLogitsUnchanged() {
        Engine.getInstance().setRandomSeed(3);
        try (Model model = Model.newInstance("gpt-test")) {
            Gpt block = new Gpt(TINY);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, TINY.context()));
            long[] a = {1, 4, 2, 6, 0, 3, 5, 2};
            long[] b = a.clone();
            int changed = 5;
            b[changed] = 1;
            float[] la = logits(model, block, a);
            float[] lb = logits(model, block, b);
            int v = TINY.vocabulary();
            for (int t = 0; t < a.length; t++) {
                float[] ra = Arrays.copyOfRange(la, t * v, (t + 1) * v);
                float[] rb = Arrays.copyOfRange(lb, t * v, (t + 1) * v);
                if (t < changed) {
                    assertArrayEquals(ra, rb, 1e-6f, "position " + t + " must not see position " + changed);
                } else {
                    double diff = 0;
                    for (int k = 0; k < v; k++) {
                        diff = Math.max(diff, Math.abs(ra[k] - rb[k]));
                    }
                    assertTrue(diff > 1e-5, "position " + t + " sees position " + changed + " (max change " + diff + ")");
                }
            }
            // a shorter sequence gives the same logits as the prefix of a longer one
            float[] prefix = logits(model, block, Arrays.copyOf(a, 3));
            assertArrayEquals(Arrays.copyOf(la, 3 * v), prefix, 1e-5f);
            assertThrows(IllegalArgumentException.class, () -> logits(model, block, new long[TINY.context() + 1]));
        }
    }

    private static void trainingForward(Model model, Gpt block, long[] ids) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            block.forward(new ParameterStore(m, false), new NDList(m.create(ids, new Shape(1, ids.length))), true);
        }
    }

    @Test
    void qkClipBringsEveryHeadAboveTauToTauOnTheSameBatch() {
        Engine.getInstance().setRandomSeed(5);
        try (Model model = Model.newInstance("gpt-qkclip")) {
            Gpt block = new Gpt(TINY);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, TINY.context()));
            long[] ids = {1, 4, 2, 6, 0, 3, 5, 2};
            block.recordLogits(true);
            trainingForward(model, block, ids);
            float[][] before = new float[TINY.layers()][];
            float smallest = Float.POSITIVE_INFINITY;
            for (int l = 0; l < TINY.layers(); l++) {
                before[l] = block.maxLogits(l);
                assertEquals(TINY.heads(), before[l].length);
                for (float v : before[l]) {
                    if (v > 0) {
                        smallest = Math.min(smallest, v);
                    }
                }
            }
            assertTrue(smallest < Float.POSITIVE_INFINITY, "some head has a positive largest logit");
            double tau = smallest * 0.5;
            int clipped = block.qkClip(tau);
            assertTrue(clipped > 0);
            // layer 0's input does not depend on the clip: its clipped heads now peak at τ, the others as before
            trainingForward(model, block, ids);
            float[] after = block.maxLogits(0);
            for (int h = 0; h < TINY.heads(); h++) {
                if (before[0][h] > tau) {
                    assertEquals(tau, after[h], 1e-3 * tau, "head " + h + " of layer 0 is clipped to τ");
                } else {
                    assertEquals(before[0][h], after[h], 1e-6f, "head " + h + " of layer 0 was at most τ");
                }
            }
            assertThrows(IllegalArgumentException.class, () -> block.qkClip(0));
        }
    }

    @Test
    void parameterCountAndRolesFollowTheGroupRules() {
        try (Model model = Model.newInstance("gpt-roles")) {
            Gpt block = new Gpt(TINY);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, TINY.context()));
            long count = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                count += p.getValue().getArray().size();
            }
            assertEquals(TINY.parameterCount(), count);
            Map<String, String> names = ParameterNames.of(block);
            for (Pair<String, Parameter> p : block.getParameters()) {
                String name = names.get(p.getValue().getId());
                Shape s = p.getValue().getArray().getShape();
                int[] shape = Arrays.stream(s.getShape()).mapToInt(x -> (int) x).toArray();
                Role role = Role.of(Param.of(name, new float[(int) s.size()], shape));
                String key = p.getKey();
                Role expected = key.endsWith("embed") ? Role.EMBEDDING : key.startsWith("lm_head") ? Role.OUTPUT
                        : s.dimension() == 1 ? Role.VECTOR : Role.HIDDEN;
                assertEquals(expected, role, key + " as " + name);
            }
            assertEquals(ParameterNames.OUTPUT_PREFIX + "lm_head_weight",
                    names.get(block.getParameters().get("lm_head_weight").getId()));
        }
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Gpt.Config(7, 8, 15, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Gpt.Config(1, 8, 16, 1, 2));
    }
}
