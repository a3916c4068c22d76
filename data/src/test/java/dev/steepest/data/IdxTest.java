package dev.steepest.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    static byte[] images(int n, int rows, int cols) {
        byte[] data = new byte[n * rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37);
        }
        return Idx.encode(new IdxFile(new int[] {n, rows, cols}, data));
    }

    static byte[] labels(int... y) {
        byte[] data = new byte[y.length];
        for (int i = 0; i < y.length; i++) {
            data[i] = (byte) y[i];
        }
        return Idx.encode(new IdxFile(new int[] {y.length}, data));
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static IllegalArgumentException fails(byte[] b) {
        return assertThrows(IllegalArgumentException.class, () -> Idx.read(b, "x.idx"));
    }

    @Test
    void readsHeaderAndPayload() {
        IdxFile f = Idx.read(images(2, 3, 4), "x");
        assertArrayEquals(new int[] {2, 3, 4}, f.dims());
        assertEquals(24, f.data().length);
        assertEquals((5 * 37) & 0xff, f.unsigned(5));
    }

    @Test
    void readsGzipByMagicNotName() throws IOException {
        byte[] plain = images(2, 2, 2);
        assertEquals(Idx.read(plain, "a"), Idx.read(gzip(plain), "b"));
    }

    @Test
    void rejectsBadMagic() {
        byte[] b = images(1, 2, 2);
        b[0] = 1;
        assertTrue(fails(b).getMessage().contains("magic"));
        byte[] c = images(1, 2, 2);
        c[2] = 0x0D; // float elements
        assertTrue(fails(c).getMessage().contains("element type 0x0d"));
        byte[] d = images(1, 2, 2);
        d[3] = 0;
        assertTrue(fails(d).getMessage().contains("0 dimensions"));
        assertTrue(fails(new byte[] {0, 0}).getMessage().contains("shorter than the 4-byte magic"));
    }

    @Test
    void rejectsTruncatedPayloadAndHeader() {
        byte[] b = images(3, 4, 4);
        IllegalArgumentException e = fails(Arrays.copyOf(b, b.length - 1));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("48 bytes"), e.getMessage());
        assertTrue(fails(Arrays.copyOf(b, 9)).getMessage().contains("truncated IDX header"));
    }

    @Test
    void rejectsTrailingBytesAndZeroSizes() {
        byte[] b = images(1, 2, 2);
        assertTrue(fails(Arrays.copyOf(b, b.length + 3)).getMessage().contains("3 unexpected bytes"));
        byte[] z = images(1, 2, 2);
        z[7] = 0; // first dimension = 0
        assertTrue(fails(z).getMessage().contains("dimension 1 has size 0"));
    }

    @Test
    void rejectsTruncatedGzip() throws IOException {
        byte[] g = gzip(images(4, 8, 8));
        assertTrue(fails(Arrays.copyOf(g, g.length / 2)).getMessage().contains("gzip"));
    }

    @Test
    void labelsOutOfRangeAndCountMismatchAreNamed() {
        IdxFile x = Idx.read(images(3, 2, 2), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabeledImages.of(x, Idx.read(labels(0, 10, 1), "y"), 10, "tiny"));
        assertTrue(e.getMessage().contains("label 10 of example 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LabeledImages.of(x, Idx.read(labels(0, 1), "y"), 10, "tiny"));
        assertTrue(e.getMessage().contains("3 images but 2 labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LabeledImages.of(Idx.read(labels(0, 1, 2), "y"), Idx.read(labels(0, 1, 2), "y"), 10, "tiny"));
        assertTrue(e.getMessage().contains("3 dimensions"), e.getMessage());
    }

    @Test
    void pixelsAreScaledToUnitInterval() {
        byte[] data = {0, (byte) 255, (byte) 128, 1};
        LabeledImages s = LabeledImages.of(new IdxFile(new int[] {1, 2, 2}, data),
                new IdxFile(new int[] {1}, new byte[] {7}), 10, "t");
        assertArrayEquals(new float[] {0f, 1f, 128 / 255f, 1 / 255f}, s.gather(new int[] {0}, 0, 1));
        assertEquals(7, s.label(0));
    }

    @Test
    void encodeThenReadIsIdentity() {
        // every count 1..5 and shape 1..6 × 1..6
        for (int n = 1; n <= 5; n++) {
            for (int r = 1; r <= 6; r++) {
                for (int c = 1; c <= 6; c++) {
                    byte[] b = images(n, r, c);
                    IdxFile read = Idx.read(b, "p");
                    assertArrayEquals(new int[] {n, r, c}, read.dims(), n + "x" + r + "x" + c);
                    assertArrayEquals(b, Idx.encode(read), n + "x" + r + "x" + c);
                }
            }
        }
    }

    @Test
    void readsAFolderOfMixedPlainAndGzippedFiles(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(3, 2, 2));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(0, 1, 9)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(2, 2, 2)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(3, 4));
        ImageDataset d = Datasets.resolve(dir.toString());
        assertEquals(3, d.train().size());
        assertEquals(2, d.test().size());
        assertEquals(9, d.train().label(2));
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.fromDirectory(dir));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void missingFolderIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.resolve("/no/such/folder"));
        assertTrue(e.getMessage().contains("/no/such/folder"));
    }

    @Test
    void shippedSubsetLoads() {
        ImageDataset d = Datasets.shipped();
        assertEquals(6000, d.train().size());
        assertEquals(1000, d.test().size());
        assertEquals(28, d.train().rows());
        int[] counts = new int[10];
        for (int i = 0; i < d.train().size(); i++) {
            counts[d.train().label(i)]++;
        }
        for (int c : counts) {
            assertTrue(c > 400, "every class is present in the shipped subset: " + Arrays.toString(counts));
        }
    }
}
