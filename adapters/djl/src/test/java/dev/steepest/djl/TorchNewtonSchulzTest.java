package dev.steepest.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Tensor;
import dev.steepest.core.linalg.NewtonSchulz;
import dev.steepest.core.linalg.Orthogonalizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The PyTorch-run quintic agrees with the core's double-precision one up to float rounding. */
class TorchNewtonSchulzTest {

    @Test
    void agreesWithTheCoreQuinticOnWideTallAndSquareMatrices() {
        Random r = new Random(4);
        TorchNewtonSchulz torch = new TorchNewtonSchulz();
        for (int[] shape : new int[][] {{5, 12}, {12, 5}, {7, 7}, {1, 9}}) {
            double[] d = new double[shape[0] * shape[1]];
            for (int i = 0; i < d.length; i++) {
                d[i] = r.nextGaussian() * 1e-3;
            }
            Tensor g = Tensor.matrix(shape[0], shape[1], d);
            Orthogonalizer.Polar core = NewtonSchulz.ns5().orthogonalize(g);
            Orthogonalizer.Polar ours = torch.orthogonalize(g);
            assertEquals(shape[0], ours.factor().rows());
            assertEquals(shape[1], ours.factor().cols());
            assertTrue(core.factor().maxAbsDiff(ours.factor()) < 1e-4,
                    shape[0] + "x" + shape[1] + ": differs by " + core.factor().maxAbsDiff(ours.factor()));
            assertEquals(core.orthogonalityError(), ours.orthogonalityError(), 1e-3);
        }
        Orthogonalizer.Polar zero = torch.orthogonalize(Tensor.matrix(2, 3, new double[6]));
        assertEquals(0, zero.factor().maxAbs());
    }
}
