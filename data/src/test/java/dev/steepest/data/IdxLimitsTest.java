package dev.steepest.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX input is bounded: special files are refused unread, a gzip stream may not expand past the limit. */
class IdxLimitsTest {

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        return bos.toByteArray();
    }

    @Test
    void aStreamThatExpandsPastTheLimitIsRefused() throws IOException {
        byte[] zeros = new byte[1 << 20]; // 1 MiB of zeros compresses to about a kilobyte
        byte[] packed = gzip(zeros);
        assertTrue(packed.length < 10_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Idx.gunzip(packed, "bomb.gz", 100_000));
        assertTrue(e.getMessage().contains("decompresses to more than 100000"), e.getMessage());
        assertArrayEquals(zeros, Idx.gunzip(packed, "ok.gz", zeros.length), "exactly the limit is read");
    }

    @Test
    void aFifoOrAFolderIsRefusedWithoutReading(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("train-images-idx3-ubyte");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(p.waitFor() == 0, "mkfifo failed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(fifo));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Idx.read(dir));
    }
}
