package dev.steepest.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, plain or gzipped, and checks it.
 *
 * <pre>
 *   bytes 0-1  zero
 *   byte  2    element type: 0x08 = unsigned byte (the only type the MNIST family uses)
 *   byte  3    number of dimensions d (1..4 accepted)
 *   then d big-endian 32-bit sizes, then exactly the product of the sizes in bytes
 * </pre>
 * Anything else (wrong magic, another element type, a zero or negative size, a payload
 * that is shorter or longer than the header says, a broken gzip stream) is an
 * {@link IllegalArgumentException} naming the file and the problem.
 */
public final class Idx {
    /** The element type code for unsigned bytes. */
    public static final int UNSIGNED_BYTE = 0x08;
    /** The largest file and the largest decompressed payload accepted, in bytes (the full Fashion-MNIST needs 47 MB). */
    public static final long MAX_BYTES = 256L << 20;

    private Idx() {
    }

    /** Reads {@code file}; gzip is recognised by its own magic, not by the file name. */
    public static IdxFile read(Path file) {
        byte[] raw;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new IllegalArgumentException("IDX file " + file + " is not a regular file");
            }
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("IDX file " + file + " has " + Files.size(file)
                        + " bytes; at most " + MAX_BYTES + " are read");
            }
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("IDX file not found: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read IDX file " + file + ": " + e.getMessage());
        }
        return read(raw, file.toString());
    }

    /** Reads an IDX stream (plain or gzipped); {@code source} names it in error messages. */
    public static IdxFile read(InputStream in, String source) {
        try {
            return read(in.readAllBytes(), source);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read IDX data " + source + ": " + e.getMessage());
        }
    }

    /** Reads IDX bytes (plain or gzipped); {@code source} names them in error messages. */
    public static IdxFile read(byte[] bytes, String source) {
        byte[] b = isGzip(bytes) ? gunzip(bytes, source, MAX_BYTES) : bytes;
        if (b.length < 4) {
            throw new IllegalArgumentException(source + ": not an IDX file: " + b.length
                    + " bytes, shorter than the 4-byte magic number");
        }
        if (b[0] != 0 || b[1] != 0) {
            throw new IllegalArgumentException(String.format(
                    "%s: not an IDX file: magic number starts with 0x%02x%02x, expected 0x0000",
                    source, b[0] & 0xff, b[1] & 0xff));
        }
        int type = b[2] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new IllegalArgumentException(String.format(
                    "%s: IDX element type 0x%02x is not supported; only unsigned bytes (0x08) are", source, type));
        }
        int rank = b[3] & 0xff;
        if (rank < 1 || rank > 4) {
            throw new IllegalArgumentException(source + ": IDX header declares " + rank
                    + " dimensions; expected 1 to 4");
        }
        int header = 4 + 4 * rank;
        if (b.length < header) {
            throw new IllegalArgumentException(source + ": truncated IDX header: " + rank + " dimensions need "
                    + header + " header bytes, the file has " + b.length);
        }
        int[] dims = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            int o = 4 + 4 * i;
            long d = ((long) (b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
            if (d <= 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(source + ": IDX dimension " + (i + 1) + " has size " + d
                        + "; sizes must be positive");
            }
            dims[i] = (int) d;
            size *= d;
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(source + ": IDX header declares more than " + MAX_BYTES
                        + " bytes of data");
            }
        }
        long have = (long) b.length - header;
        if (have < size) {
            throw new IllegalArgumentException(source + ": truncated: the header declares " + size
                    + " bytes of data, the file holds " + have);
        }
        if (have > size) {
            throw new IllegalArgumentException(source + ": " + (have - size)
                    + " unexpected bytes after the " + size + " bytes of data the header declares");
        }
        byte[] data = new byte[(int) size];
        System.arraycopy(b, header, data, 0, data.length);
        return new IdxFile(dims, data);
    }

    /** Encodes {@code file} as plain IDX bytes (used to write small fixtures and subsets). */
    public static byte[] encode(IdxFile file) {
        int rank = file.rank();
        byte[] out = new byte[4 + 4 * rank + file.data().length];
        out[2] = UNSIGNED_BYTE;
        out[3] = (byte) rank;
        for (int i = 0; i < rank; i++) {
            int d = file.dim(i);
            int o = 4 + 4 * i;
            out[o] = (byte) (d >>> 24);
            out[o + 1] = (byte) (d >>> 16);
            out[o + 2] = (byte) (d >>> 8);
            out[o + 3] = (byte) d;
        }
        System.arraycopy(file.data(), 0, out, 4 + 4 * rank, file.data().length);
        return out;
    }

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    /** Decompresses {@code b}, refusing a stream that expands to more than {@code limit} bytes. */
    static byte[] gunzip(byte[] b, String source, long limit) {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(new ByteArrayInputStream(b)))) {
            byte[] out = in.readNBytes((int) limit + 1);
            if (out.length > limit) {
                throw new IllegalArgumentException(source + ": decompresses to more than " + limit
                        + " bytes; larger IDX data is not read");
            }
            return out;
        } catch (EOFException e) {
            throw new IllegalArgumentException(source + ": truncated gzip stream");
        } catch (ZipException e) {
            throw new IllegalArgumentException(source + ": corrupt gzip stream: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot decompress: " + e.getMessage());
        }
    }
}
