package dev.steepest.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignCodecTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 64, 65, 1000})
    void packsOneBitPerEntryAndKeepsEverySign(int n) {
        Random r = new Random(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        long[] bits = SignCodec.pack(v, 7);
        assertEquals((n + 63) / 64, bits.length);
        for (int i = 0; i < n; i++) {
            assertEquals(v[i] > 0 ? 1 : -1, SignCodec.sign(bits, i), "n " + n + " entry " + i);
        }
    }

    @Test
    void zeroEntriesGetBothSigns() {
        float[] v = new float[10_000];
        long[] bits = SignCodec.pack(v, 12345);
        int plus = 0;
        for (int i = 0; i < v.length; i++) {
            plus += SignCodec.sign(bits, i) > 0 ? 1 : 0;
        }
        assertTrue(plus > 4700 && plus < 5300, "plus signs among zeros: " + plus);
    }

    @Test
    void majorityVoteByHand() {
        float[][] workers = {{1, -2, 3, -4}, {2, 1, -1, -1}, {-5, 1, 2, -3}};
        long[][] bits = new long[3][];
        float[] scales = new float[3];
        for (int k = 0; k < 3; k++) {
            bits[k] = SignCodec.pack(workers[k], 0);
            scales[k] = SignCodec.l1(workers[k]);
        }
        assertEquals(10f, scales[0]);
        float[] out = new float[4];
        SignCodec.majority(bits, scales, out);
        float a = (10f + 5f + 11f) / 3 / 4;
        // votes: (+,+,-) = +, (-,+,+) = +, (+,-,+) = +, (-,-,-) = -
        assertEquals(a, out[0], 1e-6);
        assertEquals(a, out[1], 1e-6);
        assertEquals(a, out[2], 1e-6);
        assertEquals(-a, out[3], 1e-6);
        // two workers that disagree: a tie gives 0
        SignCodec.majority(new long[][] {bits[0], bits[1]}, new float[] {10, 5}, out);
        assertEquals(0f, out[1]);
        assertEquals(0f, out[2]);
        assertEquals(7.5f / 4, out[0], 1e-6);
    }

    @Test
    void meanOfScaledSignsByHand() {
        float[][] workers = {{1, -3}, {-2, -2}};
        long[][] bits = {SignCodec.pack(workers[0], 0), SignCodec.pack(workers[1], 0)};
        float[] out = new float[2];
        SignCodec.meanScaled(bits, new float[] {4, 4}, out);
        // worker 0 stands for (2, -2), worker 1 for (-2, -2)
        assertEquals(0f, out[0], 1e-6);
        assertEquals(-2f, out[1], 1e-6);
    }
}
