package dev.steepest.optim.qkclip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** QK-clip on a small attention block, logits computed here from the weights (causal, scaled by 1/√d). */
class QkClipTest {
    static final int WIDTH = 8, HEADS = 2, IN = 8, T = 5;

    /** Per head, the largest causal logit (q_i·k_j)/√hd, j ≤ i, over the sequence x (T × IN). */
    static float[] maxLogits(float[] w, float[] b, float[][] x) {
        int hd = WIDTH / HEADS;
        float[] out = new float[HEADS];
        java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
        for (int h = 0; h < HEADS; h++) {
            for (int i = 0; i < T; i++) {
                for (int j = 0; j <= i; j++) {
                    double dot = 0;
                    for (int e = 0; e < hd; e++) {
                        dot += project(w, b, x[i], h * hd + e) * project(w, b, x[j], WIDTH + h * hd + e);
                    }
                    out[h] = (float) Math.max(out[h], dot / Math.sqrt(hd));
                }
            }
        }
        return out;
    }

    static double project(float[] w, float[] b, float[] x, int row) {
        double s = b[row];
        for (int c = 0; c < IN; c++) {
            s += (double) w[row * IN + c] * x[c];
        }
        return s;
    }

    @Test
    void aHeadAboveTauIsScaledToTauAndTheOthersAndTheValuesAreUntouched() {
        Random r = new Random(7);
        float[] w = new float[3 * WIDTH * IN];
        float[] b = new float[3 * WIDTH];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (0.1 * r.nextGaussian());
        }
        // head 1's queries and keys large: its logits far above those of head 0
        for (int row : new int[] {4, 5, 6, 7, WIDTH + 4, WIDTH + 5, WIDTH + 6, WIDTH + 7}) {
            for (int c = 0; c < IN; c++) {
                w[row * IN + c] *= 4;
            }
        }
        float[][] x = new float[T][IN];
        for (float[] row : x) {
            for (int c = 0; c < IN; c++) {
                row[c] = (float) r.nextGaussian();
            }
        }
        float[] before = maxLogits(w, b, x);
        double tau = (before[0] + before[1]) / 2;
        float[] w0 = w.clone();
        float[] b0 = b.clone();
        int n = QkClip.clip(w, b, WIDTH, HEADS, before, tau);
        assertEquals(1, n);
        float[] after = maxLogits(w, b, x);
        assertEquals(before[0], after[0], 0f, "head 0 was below τ");
        assertEquals(tau, after[1], 1e-4 * tau, "head 1 is clipped to τ exactly (up to float rounding)");
        for (int row = 0; row < 3 * WIDTH; row++) {
            boolean scaled = row % WIDTH >= 4 && row < 2 * WIDTH;
            for (int c = 0; c < IN; c++) {
                if (!scaled) {
                    assertEquals(w0[row * IN + c], w[row * IN + c], 0f, "row " + row);
                }
            }
            if (!scaled) {
                assertEquals(b0[row], b[row], 0f, "bias " + row);
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        float[] w = new float[3 * WIDTH * IN];
        assertThrows(IllegalArgumentException.class, () -> QkClip.clip(w, null, WIDTH, HEADS, new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> QkClip.clip(w, null, WIDTH, 3, new float[3], 1));
        assertThrows(IllegalArgumentException.class, () -> QkClip.clip(w, null, WIDTH, HEADS, new float[3], 1));
        assertThrows(IllegalArgumentException.class,
                () -> QkClip.clip(w, null, WIDTH, HEADS, new float[] {Float.NaN, 0}, 1));
        assertEquals(0, QkClip.clip(w, null, WIDTH, HEADS, new float[] {0.5f, 1f}, 1));
    }
}
