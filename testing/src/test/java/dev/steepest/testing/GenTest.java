package dev.steepest.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generators reach the cases they promise: edge values, zeros, ties, one entry, rank deficiency. */
class GenTest {

    @Test
    void finiteDoublesAreFiniteAndReachTheEdges() {
        Random r = new Random(1);
        boolean huge = false;
        boolean subnormal = false;
        boolean negativeZero = false;
        for (int i = 0; i < 20_000; i++) {
            double v = Gen.finite(r);
            assertTrue(Double.isFinite(v), "not finite: " + v);
            huge |= Math.abs(v) == Double.MAX_VALUE;
            subnormal |= v != 0 && Math.abs(v) < Double.MIN_NORMAL;
            negativeZero |= Double.doubleToRawLongBits(v) == Long.MIN_VALUE;
        }
        assertTrue(huge && subnormal && negativeZero);
    }

    @Test
    void vectorsHoldOneEntryZerosTiesAndExtremeMagnitudes() {
        Random r = new Random(2);
        int single = 0;
        int allZero = 0;
        int ties = 0;
        int huge = 0;
        int tiny = 0;
        for (int i = 0; i < 5000; i++) {
            double[] x = Gen.vector(r);
            assertTrue(x.length >= 1 && x.length <= 12);
            single += x.length == 1 ? 1 : 0;
            double max = 0;
            boolean zero = true;
            boolean tie = false;
            for (int a = 0; a < x.length; a++) {
                max = Math.max(max, Math.abs(x[a]));
                zero &= x[a] == 0;
                for (int b = 0; b < a; b++) {
                    tie |= x[a] != 0 && Math.abs(x[a]) == Math.abs(x[b]);
                }
            }
            allZero += zero ? 1 : 0;
            ties += tie ? 1 : 0;
            huge += max > 1e90 ? 1 : 0;
            tiny += max > 0 && max < 1e-90 ? 1 : 0;
        }
        assertTrue(single > 100 && allZero > 50 && ties > 500 && huge > 300 && tiny > 300,
                single + " " + allZero + " " + ties + " " + huge + " " + tiny);
    }

    @Test
    void rankDeficientMatricesHaveLowRank() {
        Random r = new Random(3);
        for (int i = 0; i < 200; i++) {
            int m = 2 + r.nextInt(4);
            int n = 2 + r.nextInt(4);
            double[] d = Gen.matrix(r, m, n, Gen.MatrixKind.RANK_DEFICIENT, 1);
            assertTrue(rank(d, m, n) < Math.min(m, n), "full rank " + m + "x" + n);
        }
        assertEquals(0, rank(Gen.matrix(r, 3, 4, Gen.MatrixKind.ZERO, 1), 3, 4));
        assertEquals(3, rank(Gen.matrix(r, 3, 4, Gen.MatrixKind.EQUAL_SINGULAR_VALUES, 1), 3, 4));
        int deficient = 0;
        for (int i = 0; i < 1000; i++) {
            deficient += rank(Gen.matrix(r, 3, 3), 3, 3) < 3 ? 1 : 0;
        }
        assertTrue(deficient > 200, "rank-deficient draws: " + deficient);
    }

    @Test
    void floatsStayInRangeAndRepeat() {
        Random r = new Random(4);
        int repeats = 0;
        for (int i = 0; i < 1000; i++) {
            float[] x = Gen.floats(r, 6, -4, 4);
            for (int a = 0; a < x.length; a++) {
                assertTrue(x[a] >= -4 && x[a] <= 4);
                for (int b = 0; b < a; b++) {
                    repeats += x[a] == x[b] && x[a] != 0 ? 1 : 0;
                }
            }
        }
        assertTrue(repeats > 50, "repeats " + repeats);
    }

    /** Rank by Gaussian elimination with partial pivoting, relative tolerance 1e-9. */
    static int rank(double[] d, int m, int n) {
        double[][] a = new double[m][n];
        double scale = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = d[i * n + j];
                scale = Math.max(scale, Math.abs(a[i][j]));
            }
        }
        int rank = 0;
        for (int col = 0; col < n && rank < m; col++) {
            int pivot = rank;
            for (int i = rank; i < m; i++) {
                if (Math.abs(a[i][col]) > Math.abs(a[pivot][col])) {
                    pivot = i;
                }
            }
            if (Math.abs(a[pivot][col]) <= 1e-9 * scale) {
                continue;
            }
            double[] t = a[pivot];
            a[pivot] = a[rank];
            a[rank] = t;
            for (int i = rank + 1; i < m; i++) {
                double f = a[i][col] / a[rank][col];
                for (int j = col; j < n; j++) {
                    a[i][j] -= f * a[rank][j];
                }
            }
            rank++;
        }
        return rank;
    }
}
