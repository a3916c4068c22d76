package dev.steepest.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused steps on direct buffers (parameters in native memory) pinned to their array forms: for every length,
 * every start of the buffer within a 64-byte line (so the vector loop starts after 0 to 15 plain entries) and both
 * kernel paths (Vector API and plain loops), the buffer and the state arrays hold exactly the floats the array kernel
 * writes, bit for bit; the reported ⟨g, u⟩ agrees to rounding (its sum is split into other blocks). Inputs mix
 * magnitudes, exact zeros and −0. A failure names seed, length and start.
 */
class DirectKernelsTest {

    static final int[] LENGTHS = {0, 1, 7, 15, 16, 17, 63, 64, 65, 127, 128, 1000, 2047, 2048, 2049, 4097, 10_007};
    static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(12);
            x[i] = k == 0 ? 0f : k == 1 ? -0f : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-4, 4)));
        }
        return x;
    }

    /** A direct buffer over {@code x}'s floats whose first float sits {@code shift} floats past a 64-byte boundary. */
    static ByteBuffer direct(float[] x, int shift) {
        ByteBuffer line = ByteBuffer.allocateDirect(4 * x.length + 192).alignedSlice(64); // capacity rounded down to 64s
        ByteBuffer b = line.position(4 * shift).limit(4 * shift + 4 * x.length).slice().order(NATIVE);
        b.asFloatBuffer().put(x);
        return b;
    }

    static float[] floats(ByteBuffer b) {
        float[] out = new float[b.limit() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    static void close(double expected, double actual, String what) {
        double tol = 1e-5 * Math.abs(expected) + 1e-30;
        assertTrue(Math.abs(expected - actual) <= tol, what + ": ⟨g, u⟩ expected " + expected + " got " + actual);
    }

    /** One kernel on arrays and on buffers, through Elementwise (the path in use) and through both loop kinds. */
    interface Case {
        /** Runs on arrays (buffers null) or buffers; returns ⟨g, u⟩. */
        double run(float[] w, ByteBuffer wb, float[] m, float[] v, float[] g, ByteBuffer gb, int path);
    }

    static final int ELEMENTWISE = 0, PLAIN = 1, VECTOR = 2;

    void pin(String name, Case c) {
        for (int n : LENGTHS) {
            long seed = 1000L * n + name.hashCode();
            float[] g = random(n, seed);
            float[] w = random(n, seed + 1);
            float[] m = random(n, seed + 2);
            float[] v = random(n, seed + 3);
            for (int i = 0; i < n; i++) {
                v[i] = Math.abs(v[i]);
            }
            float[] wa = w.clone(), ma = m.clone(), va = v.clone();
            double dotArrays = c.run(wa, null, ma, va, g, null, ELEMENTWISE);
            for (int shift = 0; shift < 16; shift++) {
                for (int path : Simd.ENABLED ? new int[] {ELEMENTWISE, PLAIN, VECTOR} : new int[] {ELEMENTWISE, PLAIN}) {
                    String what = name + ", seed " + seed + ", n " + n + ", start +" + shift + " floats, path " + path;
                    ByteBuffer wb = direct(w, shift), gb = direct(g, 15 - shift);
                    float[] mb = m.clone(), vb = v.clone();
                    double dot = c.run(null, wb, mb, vb, null, gb, path);
                    assertArrayEquals(wa, floats(wb), what + ": w");
                    assertArrayEquals(ma, mb, what + ": first state");
                    assertArrayEquals(va, vb, what + ": second state");
                    assertArrayEquals(g, floats(gb), what + ": g must stay as it was");
                    close(dotArrays, dot, what);
                }
            }
        }
    }

    @Test
    void sgdOnBuffersWritesWhatTheArrayKernelWrites() {
        pin("sgd", (w, wb, m, v, g, gb, path) -> wb == null ? Elementwise.descend(w, g, g, 0.01f) : switch (path) {
            case PLAIN -> PlainKernels.descend(wb, gb, 0.01f, 0, wb.limit() / 4);
            case VECTOR -> VectorKernels.descend(wb, gb, 0.01f, 0, wb.limit() / 4);
            default -> Elementwise.descend(wb, gb, 0.01f);
        });
    }

    @Test
    void momentumOnBuffersWritesWhatTheArrayKernelWrites() {
        pin("momentum", (w, wb, m, v, g, gb, path) -> wb == null ? Elementwise.momentumSgd(w, m, g, 0.9f, 0.01f)
                : switch (path) {
                    case PLAIN -> PlainKernels.momentumSgd(wb, m, gb, 0.9f, 0.01f, 0, m.length);
                    case VECTOR -> VectorKernels.momentumSgd(wb, m, gb, 0.9f, 0.01f, 0, m.length);
                    default -> Elementwise.momentumSgd(wb, m, gb, 0.9f, 0.01f);
                });
    }

    @Test
    void nesterovOnBuffersWritesWhatTheArrayKernelWrites() {
        pin("nesterov", (w, wb, m, v, g, gb, path) -> wb == null ? Elementwise.nesterovSgd(w, m, g, 0.95f, 0.01f)
                : switch (path) {
                    case PLAIN -> PlainKernels.nesterovSgd(wb, m, gb, 0.95f, 0.01f, 0, m.length);
                    case VECTOR -> VectorKernels.nesterovSgd(wb, m, gb, 0.95f, 0.01f, 0, m.length);
                    default -> Elementwise.nesterovSgd(wb, m, gb, 0.95f, 0.01f);
                });
    }

    @Test
    void emaOnBuffersWritesWhatTheArrayKernelWrites() {
        pin("ema", (w, wb, m, v, g, gb, path) -> wb == null ? Elementwise.emaSgd(w, m, g, 0.9f, 0.01f)
                : switch (path) {
                    case PLAIN -> PlainKernels.emaSgd(wb, m, gb, 0.9f, 0.01f, 0, m.length);
                    case VECTOR -> VectorKernels.emaSgd(wb, m, gb, 0.9f, 0.01f, 0, m.length);
                    default -> Elementwise.emaSgd(wb, m, gb, 0.9f, 0.01f);
                });
    }

    @Test
    void adamAndAdamwOnBuffersWriteWhatTheArrayKernelWrites() {
        for (float wd : new float[] {0f, 0.1f}) {
            float c1 = Elementwise.biasCorrection(0.9f, 3), c2 = Elementwise.biasCorrection(0.999f, 3);
            pin("adamw wd " + wd, (w, wb, m, v, g, gb, path) -> wb == null
                    ? Elementwise.adamw(w, m, v, g, 0.01f, 0.9f, 0.999f, 1e-8f, wd, 3)
                    : switch (path) {
                        case PLAIN -> PlainKernels.adamw(wb, m, v, gb, 0.01f, 0.9f, 0.999f, 1e-8f, wd, c1, c2, 0, m.length);
                        case VECTOR -> VectorKernels.adamw(wb, m, v, gb, 0.01f, 0.9f, 0.999f, 1e-8f, wd, c1, c2, 0, m.length);
                        default -> Elementwise.adamw(wb, m, v, gb, 0.01f, 0.9f, 0.999f, 1e-8f, wd, 3);
                    });
        }
    }

    @Test
    void adamOnBuffersReportsAnOverflowingSecondMoment() {
        for (int n : new int[] {3, 300}) {
            float[] g = new float[n];
            g[n - 1] = 3e19f; // g² > Float.MAX_VALUE
            float[] m = new float[n], v = new float[n];
            double dot = Elementwise.adamw(direct(new float[n], 0), m, v, direct(g, 0), 0.01f, 0.9f, 0.999f, 1e-8f, 0f, 1);
            assertTrue(Double.isNaN(dot), "n=" + n);
            assertEquals(Float.POSITIVE_INFINITY, v[n - 1]);
        }
    }

    @Test
    void aNonFiniteGradientGivesANonFiniteDot() {
        for (int n : new int[] {5, 500}) {
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                float[] g = random(n, n);
                g[n / 2] = bad;
                assertTrue(!Double.isFinite(Elementwise.descend(direct(new float[n], 1), direct(g, 0), 0.1f)));
                assertTrue(!Double.isFinite(Elementwise.momentumSgd(direct(new float[n], 0), new float[n], direct(g, 3),
                        0.9f, 0.1f)));
            }
        }
    }

    @Test
    void buffersThatAreNotNativeParameterMemoryAreRefused() {
        float[] x = random(100, 5);
        ByteBuffer ok = direct(x, 0);
        ByteBuffer heap = ByteBuffer.allocate(400).order(NATIVE);
        ByteBuffer swapped = direct(x, 0).order(NATIVE == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        ByteBuffer readOnly = direct(x, 0).asReadOnlyBuffer().order(NATIVE);
        ByteBuffer shorter = direct(random(99, 6), 0);
        ByteBuffer ragged = ByteBuffer.allocateDirect(402).order(NATIVE);
        assertThrows(IllegalArgumentException.class, () -> Elementwise.descend(heap, ok, 0.1f));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.descend(ok, swapped, 0.1f));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.descend(readOnly, ok, 0.1f));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.descend(ok, shorter, 0.1f));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.descend(ragged, ragged, 0.1f));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.descend(ok, ok, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.momentumSgd(ok, new float[99], ok, 0.9f, 0.1f));
        assertThrows(IllegalArgumentException.class,
                () -> Elementwise.adamw(ok, new float[100], new float[100], ok, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 0));
        // a read-only gradient is fine: it is only read
        Elementwise.descend(direct(x, 0), readOnly, 0.1f);
        assertArrayEquals(x, floats(readOnly));
    }
}
