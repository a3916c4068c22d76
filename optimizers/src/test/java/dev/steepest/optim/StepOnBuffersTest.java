package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Optimizer#stepOnBuffers} against what it promises: the same as copying the buffers into the parameters'
 * arrays, {@link Optimizer#step()} and copying the values back, bit for bit in parameters and state, for every preset
 * and non-finite policy, with the same refusals. Two optimizers of one spec start from the same values; one steps
 * arrays, the other buffers (vector and matrix parameters, lengths on both sides of the Vector API's threshold).
 * A failure names preset, policy and seed.
 */
class StepOnBuffersTest {

    static ByteBuffer direct(float[] x) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 * x.length).order(ByteOrder.nativeOrder());
        b.asFloatBuffer().put(x);
        return b;
    }

    static float[] floats(ByteBuffer b) {
        float[] out = new float[b.limit() / 4];
        b.duplicate().position(0).order(ByteOrder.nativeOrder()).asFloatBuffer().get(out);
        return out;
    }

    static List<Param> params(int rows, int cols) {
        return List.of(Param.matrix("layers.0.weight", rows, cols, new float[rows * cols]),
                Param.vector("layers.0.bias", new float[rows]), Param.vector("scale", new float[cols * 3]));
    }

    static List<float[]> state(Optimizer opt) {
        List<float[]> out = new ArrayList<>();
        for (Param p : opt.params()) {
            for (int k = 0; k < opt.stageCount(p.name()); k++) {
                for (int m = 0; m < opt.state(p.name(), k).count(); m++) {
                    out.add(opt.state(p.name(), k).buffer(m));
                }
            }
        }
        return out;
    }

    @Test
    void everyPresetStepsBuffersExactlyAsItStepsArrays() {
        SplittableRandom seeds = new SplittableRandom(29);
        for (String preset : Presets.NAMES) {
            for (NonFinitePolicy policy : NonFinitePolicy.values()) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                int rows = 1 + r.nextInt(30), cols = 1 + r.nextInt(90);
                List<Param> a = params(rows, cols), b = params(rows, cols);
                OptimizerSpec spec = Presets.get(preset, 0.01).withNonFinitePolicy(policy);
                Optimizer onArrays = spec.build(a), onBuffers = spec.build(b);
                ByteBuffer[] values = new ByteBuffer[a.size()], grads = new ByteBuffer[a.size()];
                for (int i = 0; i < a.size(); i++) {
                    float[] start = new float[a.get(i).size()];
                    for (int j = 0; j < start.length; j++) {
                        start[j] = (float) r.nextGaussian();
                    }
                    System.arraycopy(start, 0, a.get(i).values(), 0, start.length);
                    values[i] = direct(start);
                    grads[i] = direct(new float[start.length]);
                }
                for (int t = 1; t <= 4; t++) {
                    String what = preset + ", " + policy + ", seed " + seed + ", step " + t;
                    for (int i = 0; i < a.size(); i++) {
                        float[] g = a.get(i).grad();
                        for (int j = 0; j < g.length; j++) {
                            g[j] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-2, 2)));
                        }
                        grads[i].asFloatBuffer().put(g);
                    }
                    StepReport ra = onArrays.step();
                    StepReport rb = onBuffers.stepOnBuffers(values, grads);
                    for (int i = 0; i < a.size(); i++) {
                        assertArrayEquals(a.get(i).values(), floats(values[i]), what + ": " + a.get(i).name());
                        assertArrayEquals(a.get(i).grad(), floats(grads[i]), what + ": the gradient must stay");
                    }
                    List<float[]> sa = state(onArrays), sb = state(onBuffers);
                    for (int k = 0; k < sa.size(); k++) {
                        assertArrayEquals(sa.get(k), sb.get(k), what + ": state " + k);
                    }
                    assertEquals(ra.predictedChange(), rb.predictedChange(), 1e-5 * Math.abs(ra.predictedChange()), what);
                    assertEquals(onArrays.stepCount(), onBuffers.stepCount(), what);
                }
            }
        }
    }

    @Test
    void aNonFiniteGradientIsRefusedAsOnArrays() {
        SplittableRandom seeds = new SplittableRandom(31);
        for (String preset : Presets.NAMES) {
            for (NonFinitePolicy policy : NonFinitePolicy.values()) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                List<Param> a = params(8, 40), b = params(8, 40);
                OptimizerSpec spec = Presets.get(preset, 0.01).withNonFinitePolicy(policy);
                Optimizer onArrays = spec.build(a), onBuffers = spec.build(b);
                ByteBuffer[] values = new ByteBuffer[a.size()], grads = new ByteBuffer[a.size()];
                int bad = r.nextInt(a.size());
                for (int i = 0; i < a.size(); i++) {
                    float[] g = a.get(i).grad();
                    for (int j = 0; j < g.length; j++) {
                        g[j] = (float) r.nextGaussian();
                    }
                    if (i == bad) {
                        g[r.nextInt(g.length)] = new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}[r.nextInt(3)];
                    }
                    values[i] = direct(new float[g.length]);
                    grads[i] = direct(g);
                }
                String what = preset + ", " + policy + ", seed " + seed;
                if (policy == NonFinitePolicy.SKIP) {
                    assertTrue(onBuffers.stepOnBuffers(values, grads).skipped(), what);
                    assertEquals(1, onBuffers.skippedSteps(), what);
                    continue;
                }
                NonFiniteGradientException ea = assertThrows(NonFiniteGradientException.class, onArrays::step, what);
                NonFiniteGradientException eb = assertThrows(NonFiniteGradientException.class,
                        () -> onBuffers.stepOnBuffers(values, grads), what);
                assertEquals(ea.getMessage(), eb.getMessage(), what);
                assertEquals(ea.applied(), eb.applied(), what);
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i).values(), floats(values[i]), what + ": " + a.get(i).name());
                }
            }
        }
    }

    @Test
    void parametersWithoutBuffersStepInTheirArrays() {
        List<Param> a = params(5, 70), b = params(5, 70);
        OptimizerSpec spec = Presets.get("adamw", 0.01);
        Optimizer onArrays = spec.build(a), mixed = spec.build(b);
        ByteBuffer[] values = new ByteBuffer[3], grads = new ByteBuffer[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < a.get(i).size(); j++) {
                a.get(i).grad()[j] = b.get(i).grad()[j] = (float) Math.sin(j + 10 * i);
            }
        }
        values[1] = direct(new float[a.get(1).size()]);
        grads[1] = direct(a.get(1).grad());
        onArrays.step();
        mixed.stepOnBuffers(values, grads);
        assertArrayEquals(a.get(0).values(), b.get(0).values());
        assertArrayEquals(a.get(1).values(), floats(values[1]));
        assertArrayEquals(a.get(2).values(), b.get(2).values());
    }

    @Test
    void fusedFormsOnBuffersLeaveTheParametersArraysAlone() {
        // sgd, momentum and adamw run their kernels on the buffers themselves; the arrays stay as they were (zeros)
        for (String preset : new String[] {"sgd", "sgd-momentum", "adamw"}) {
            List<Param> ps = params(6, 70);
            Optimizer opt = Presets.get(preset, 0.01).build(ps);
            ByteBuffer[] values = new ByteBuffer[3], grads = new ByteBuffer[3];
            for (int i = 0; i < 3; i++) {
                float[] g = new float[ps.get(i).size()];
                java.util.Arrays.fill(g, 1f);
                values[i] = direct(new float[g.length]);
                grads[i] = direct(g);
            }
            opt.stepOnBuffers(values, grads);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(new float[ps.get(i).size()], ps.get(i).values(), preset);
                assertTrue(floats(values[i])[0] < 0, preset + ": the buffer holds the step");
            }
        }
    }

    @Test
    void aBuffersPositionDoesNotMoveItsFloats() {
        // the floats are at bytes [0, 4n) whatever the position: the kernels and the copying path read the same
        for (NonFinitePolicy policy : NonFinitePolicy.values()) {
            for (String preset : new String[] {"sgd-momentum", "signsgd"}) {
                List<Param> a = params(3, 30), b = params(3, 30);
                OptimizerSpec spec = Presets.get(preset, 0.01).withNonFinitePolicy(policy);
                Optimizer onArrays = spec.build(a), onBuffers = spec.build(b);
                ByteBuffer[] values = new ByteBuffer[3], grads = new ByteBuffer[3];
                for (int i = 0; i < 3; i++) {
                    float[] g = a.get(i).grad();
                    for (int j = 0; j < g.length; j++) {
                        g[j] = (float) Math.cos(3 * j + i);
                        a.get(i).values()[j] = (float) Math.sin(j - i);
                    }
                    values[i] = direct(a.get(i).values());
                    grads[i] = direct(g);
                    values[i].position(8);
                    grads[i].position(4);
                }
                onArrays.step();
                onBuffers.stepOnBuffers(values, grads);
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(a.get(i).values(), floats(values[i]), preset + ", " + policy);
                }
            }
        }
    }

    @Test
    void badBuffersAreRefusedBeforeAnythingChanges() {
        List<Param> ps = params(4, 20);
        Optimizer opt = Presets.get("sgd-momentum", 0.1).build(ps);
        ByteBuffer w = direct(new float[80]), g = direct(new float[80]);
        ByteBuffer[] none = new ByteBuffer[3];
        assertThrows(IllegalArgumentException.class, () -> opt.stepOnBuffers(new ByteBuffer[2], new ByteBuffer[2]));
        assertThrows(IllegalArgumentException.class, () -> opt.stepOnBuffers(new ByteBuffer[] {w, null, null}, none));
        assertThrows(IllegalArgumentException.class,
                () -> opt.stepOnBuffers(new ByteBuffer[] {direct(new float[79]), null, null}, new ByteBuffer[] {g, null, null}));
        assertThrows(IllegalArgumentException.class, () -> opt.stepOnBuffers(
                new ByteBuffer[] {ByteBuffer.allocate(320).order(ByteOrder.nativeOrder()), null, null},
                new ByteBuffer[] {g, null, null}));
        assertEquals(0, opt.stepCount());
    }
}
