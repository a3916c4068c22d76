package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.optim.schedule.Schedule;
import dev.steepest.optim.schedule.Schedules;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What Optimizer.step refuses, and when: bad rates, gradients beyond a float state, overflow, threads, aliasing. */
class StepGuardsTest {

    private static Schedule rate(String spec, java.util.function.LongToDoubleFunction f) {
        return new Schedule() {
            @Override
            public double at(long t) {
                return f.applyAsDouble(t);
            }

            @Override
            public String spec() {
                return spec;
            }
        };
    }

    private static Optimizer sgd(Schedule lr, Param... ps) {
        return OptimizerSpec.builder("sgd").group("all", Rule.any(), lr, Chain.of()).build().build(List.of(ps));
    }

    @Test
    void aNegativeOrNaNOrHugeRateIsRefusedBeforeAnythingChanges() {
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY, 1e39}) {
            Param p = Param.vector("w", 1f, 2f);
            p.grad()[0] = 1f;
            p.grad()[1] = 1f;
            Optimizer opt = sgd(rate("bad", t -> t == 1 ? 0.5 : bad), p);
            opt.step();
            float[] before = p.values().clone();
            IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
            assertTrue(e.getMessage().contains("step 2") && e.getMessage().contains("'all'"), e.getMessage());
            assertArrayEquals(before, p.values(), "rate " + bad);
            assertEquals(1, opt.stepCount(), "rate " + bad);
        }
    }

    @Test
    void adamsFusedPassFindsAGradientWhoseSquareOverflowsAFloat() {
        // the default policy: found in the update's own pass (v overflows there), after the step was written
        for (int n : new int[] {3, 300}) {
            Param p = Param.vector("w", new float[n]);
            Optimizer opt = Presets.get("adamw", 1e-3).build(List.of(p));
            p.grad()[n / 2] = -3e19f;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, opt::step);
            assertTrue(e.getMessage().contains("entry " + n / 2) && e.getMessage().contains("'w'")
                    && e.getMessage().contains("may hold part"), e.getMessage());
            assertEquals(1, opt.stepCount());
        }
    }

    @Test
    void adamRefusesAGradientWhoseSquareOverflowsAFloat() {
        Param p = Param.vector("w", 1f, 2f, 3f);
        Optimizer opt = Presets.get("adamw", 1e-3).withNonFinitePolicy(NonFinitePolicy.ERROR_UNCHANGED)
                .build(List.of(p));
        p.grad()[1] = 3e19f; // g² = 9e38 > Float.MAX_VALUE: v would become +∞ and freeze this coordinate
        float[] before = p.values().clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, opt::step);
        assertTrue(e.getMessage().contains("entry 1") && e.getMessage().contains("'w'"), e.getMessage());
        assertArrayEquals(before, p.values());
        assertEquals(0, opt.stepCount());
        for (int k = 0; k < opt.stageCount("w"); k++) {
            for (int b = 0; b < opt.state("w", k).count(); b++) {
                for (float v : opt.state("w", k).buffer(b)) {
                    assertEquals(0f, v);
                }
            }
        }
        p.grad()[1] = 1e19f; // g² = 1e38 fits: the step runs and every moment stays finite
        opt.step();
        for (float v : opt.state("w", 0).buffer(1)) {
            assertTrue(Float.isFinite(v));
        }
        assertTrue(p.values()[1] < 2f);
    }

    @Test
    void plainSgdTakesTheSameGradientAdamRefuses() {
        Param p = Param.vector("w", 0f);
        p.grad()[0] = 3e19f;
        sgd(Schedules.constant(1e-20), p).step();
        assertEquals(-0.3f, p.values()[0], 1e-6f);
    }

    @Test
    void anUpdateThatOverflowsNamesTheParameterAndEntry() {
        Param a = Param.vector("a", 1f, 1f);
        Param b = Param.vector("b", 1f, 1f, 1f);
        b.grad()[2] = 3e38f;
        Optimizer opt = Presets.get("sgd-momentum", 0.1).build(List.of(a, b));
        opt.step(); // m = 3e38: finite
        assertTrue(Float.isFinite(b.values()[2]));
        NonFiniteParameterException e = assertThrows(NonFiniteParameterException.class, opt::step); // m = 0.9m + g = ∞
        assertEquals("b", e.parameter());
        assertEquals(2, e.index());
        assertTrue(e.getMessage().contains("smaller learning rate"), e.getMessage());
    }

    @Test
    void parametersSharingAnArrayAreRefused() {
        float[] shared = new float[4];
        Param a = Param.vector("a", shared);
        Param b = Param.vector("b", shared);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sgd(Schedules.constant(0.1), a, b));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("'b'"), e.getMessage());
        float[] grad = new float[2];
        Param c = Param.wrap("c", new int[] {2}, new float[2], grad);
        Param d = Param.wrap("d", new int[] {2}, new float[2], grad);
        assertThrows(IllegalArgumentException.class, () -> sgd(Schedules.constant(0.1), c, d));
    }

    @Test
    void aSecondThreadSteppingAtTheSameTimeFailsFast() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Schedule blocking = rate("blocking", t -> {
            if (t == 1) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 0.1;
        });
        Param p = Param.vector("w", 1f);
        p.grad()[0] = 1f;
        Optimizer opt = sgd(blocking, p);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<StepReport> first = pool.submit(opt::step);
            inside.await();
            ConcurrentModificationException e = assertThrows(ConcurrentModificationException.class, opt::step);
            assertTrue(e.getMessage().contains("not thread-safe"), e.getMessage());
            release.countDown();
            first.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, opt.stepCount());
        assertEquals(0.9f, p.values()[0], 1e-7f);
        opt.step();
        assertEquals(2, opt.stepCount());
    }
}
