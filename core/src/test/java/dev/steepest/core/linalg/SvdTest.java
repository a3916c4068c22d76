package dev.steepest.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Matrices;
import dev.steepest.core.Tensor;
import dev.steepest.testing.Property;
import org.junit.jupiter.api.Test;

/** The exact SVD: known cases, reconstruction and orthogonality. */
class SvdTest {

    @Test
    void knownSingularValues() {
        // [[3,0],[4,5]]: GᵀG = [[25,20],[20,25]] has eigenvalues 45 and 5
        Svd.Decomposition d = Svd.decompose(Tensor.matrix(new double[][] {{3, 0}, {4, 5}}));
        assertArrayEquals(new double[] {Math.sqrt(45), Math.sqrt(5)}, d.sigma(), 1e-14);
        assertEquals(2, d.rank());
        // a diagonal matrix: singular values are the absolute diagonal, sorted
        Svd.Decomposition diag = Svd.decompose(Tensor.matrix(new double[][] {{1, 0, 0}, {0, -7, 0}, {0, 0, 3}}));
        assertArrayEquals(new double[] {7, 3, 1}, diag.sigma(), 0);
    }

    @Test
    void rankDeficientAndZeroMatrices() {
        Svd.Decomposition d = Svd.decompose(Tensor.matrix(new double[][] {{1, 2}, {2, 4}, {3, 6}}));
        assertEquals(1, d.rank());
        assertEquals(Math.sqrt(14) * Math.sqrt(5), d.sigma()[0], 1e-13);
        assertEquals(0, d.sigma()[1], 0);
        assertOrthonormalColumns(d.u());
        assertOrthonormalColumns(d.v());

        Svd.Decomposition z = Svd.decompose(Tensor.matrix(2, 3, new double[6]));
        assertEquals(0, z.rank());
        assertArrayEquals(new double[] {0, 0}, z.sigma(), 0);
        assertTrue(z.polar().isZero());
        assertOrthonormalColumns(z.u());
        assertOrthonormalColumns(z.v());
    }

    @Test
    void wideAndTallShapes() {
        for (int[] shape : new int[][] {{1, 5}, {5, 1}, {3, 7}, {7, 3}, {6, 6}}) {
            Tensor g = Matrices.gaussian(shape[0], shape[1], 17);
            Svd.Decomposition d = Svd.decompose(g);
            int k = Math.min(shape[0], shape[1]);
            assertEquals(shape[0], d.u().rows());
            assertEquals(k, d.u().cols());
            assertEquals(shape[1], d.v().rows());
            assertEquals(k, d.v().cols());
            assertReconstructs(g, d);
        }
    }

    @Test
    void rejectsVectorsAndNonFiniteEntries() {
        assertThrows(IllegalArgumentException.class, () -> Svd.decompose(Tensor.vector(1, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> Svd.decompose(Tensor.matrix(1, 2, new double[] {1, Double.NaN})));
    }

    @Test
    void polarFactorOfAKnownMatrix() {
        // [[0,2],[-3,0]] = U Σ Vᵀ with U Vᵀ = [[0,1],[-1,0]]
        Svd svd = new Svd();
        Orthogonalizer.Polar p = svd.orthogonalize(Tensor.matrix(new double[][] {{0, 2}, {-3, 0}}));
        assertArrayEquals(new double[] {0, 1, -1, 0}, p.factor().toArray(), 1e-15);
        assertTrue(p.orthogonalityError() < 1e-15);
        assertTrue(svd.exact());
        assertEquals("svd", svd.spec());
    }

    @Test
    void reconstructsWithOrthonormalFactors() {
        Property.forAll("reconstructsWithOrthonormalFactors", 400, Matrices::any, g -> {
            Svd.Decomposition d = Svd.decompose(g);
            assertReconstructs(g, d);
            assertOrthonormalColumns(d.u());
            assertOrthonormalColumns(d.v());
            double[] s = d.sigma();
            for (int i = 1; i < s.length; i++) {
                assertTrue(s[i - 1] >= s[i], "descending");
            }
            assertTrue(s[s.length - 1] >= 0);
            Orthogonalizer.Polar p = new Svd().orthogonalize(g);
            // ‖OᵀO − I‖_F on the smaller side: √(k − r) for the exact U_r V_rᵀ at rank r (0 for a zero matrix)
            int k = Math.min(g.rows(), g.cols());
            double expected = d.rank() == 0 ? 0 : Math.sqrt(k - d.rank());
            assertTrue(Math.abs(p.orthogonalityError() - expected) < 1e-12, "error " + p.orthogonalityError());
        });
    }

    static void assertReconstructs(Tensor g, Svd.Decomposition d) {
        Tensor back = d.compose(d.sigma());
        double scale = Math.max(d.largest(), Double.MIN_NORMAL);
        assertTrue(back.maxAbsDiff(g) <= 1e-13 * scale, "reconstruction error " + back.maxAbsDiff(g) + " for " + g);
    }

    static void assertOrthonormalColumns(Tensor q) {
        int n = q.rows();
        int k = q.cols();
        double[] qt = Mat.transpose(q.toArray(), n, k);
        double err = Mat.frobeniusDistance(Mat.gramOfRows(qt, k, n), Mat.identity(k));
        assertTrue(err < 1e-13, "‖QᵀQ − I‖ = " + err);
    }
}
