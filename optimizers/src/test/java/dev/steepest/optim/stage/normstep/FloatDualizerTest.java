package dev.steepest.optim.stage.normstep;

import dev.steepest.core.Dualized;
import dev.steepest.core.Norm;
import dev.steepest.core.Norms;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Param;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The float fast paths of {@link FloatDualizer} give what the core's {@link Norm#dualize} gives. */
class FloatDualizerTest {

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(7) == 0 ? 0f : (float) r.nextGaussian();
        }
        return x;
    }

    static void agrees(Norm norm, Param p, float[] g) {
        Dualized core = norm.dualize(p.tensor(g.clone()));
        float[] fast = g.clone();
        FloatDualizer.Result r = FloatDualizer.dualizeInPlace(norm, p, fast);
        assertEquals(core.dualNorm(), r.dualNorm(), 1e-6 * Math.abs(core.dualNorm()), norm.spec() + " dual norm");
        assertTrue(Double.isNaN(r.orthogonalityError()));
        for (int i = 0; i < g.length; i++) {
            assertEquals((float) core.direction().at(i), fast[i], 1e-7f, norm.spec() + " direction at " + i);
        }
    }

    @Test
    void fastPathsMatchTheCore() {
        for (int n : new int[] {1, 7, 64, 1001, 5000}) {
            float[] g = random(n, n);
            Param v = Param.vector("v", new float[n]);
            agrees(Norms.parse("linf"), v, g);
            agrees(Norms.parse("l2"), v, g);
        }
        float[] m = random(12 * 35, 3);
        Param w = Param.matrix("w", 12, 35, new float[12 * 35]);
        agrees(Norms.parse("maxabs"), w, m);
        agrees(Norms.parse("frobenius"), w, m);
        // zero gradients stay zero with dual norm 0
        agrees(Norms.parse("l2"), Param.vector("z", new float[9]), new float[9]);
        agrees(Norms.parse("linf"), Param.vector("z", new float[9]), new float[9]);
    }

    @Test
    void otherNormsStillGoThroughTheCore() {
        float[] g = random(20, 9);
        Param v = Param.vector("v", new float[20]);
        Norm l1 = Norms.parse("l1");
        Dualized core = l1.dualize(Tensor.vector(toDouble(g)));
        float[] out = g.clone();
        FloatDualizer.dualizeInPlace(l1, v, out);
        for (int i = 0; i < g.length; i++) {
            assertEquals((float) core.direction().at(i), out[i]);
        }
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
