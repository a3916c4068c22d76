package dev.steepest.optim.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The whole state of an optimizer, as written to and read from a file.
 *
 * <p>File format, version {@value #VERSION}, big-endian:
 * <pre>
 *   8 bytes   magic "STEEPOPT"
 *   int       format version
 *   long      payload length L
 *   L bytes   payload: UTF config, long step, long skipped,
 *             int #metadata, (UTF key, UTF value)*,
 *             int #params, per param: UTF name, int rank, int[rank] shape, UTF group,
 *               int #stages, per stage: int #buffers, per buffer: int n, n floats,
 *               boolean hasValues, [int n, n floats]
 *   int       CRC32 of every byte before it
 * </pre>
 * Written to a temporary file in the same folder, forced to disk, then renamed over the target
 * (only a regular file or a new name), so a crash leaves either the old file or the new one. Reading checks, in order, the magic,
 * the length (truncation), the checksum (corruption) and the version (newer files are refused);
 * each failure throws {@link CheckpointException} naming the file and the problem.
 */
public final class Checkpoint {
    /** The format version this build writes and the newest it reads. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "STEEPOPT".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 4 + 8;

    /**
     * One parameter's saved state.
     *
     * @param stageBuffers [stage][buffer][entry], in the order of the group's chain
     * @param values the parameter values, or null when not saved
     */
    public record Entry(String name, int[] shape, String group, float[][][] stageBuffers, float[] values) {
    }

    private final String config;
    private final long step;
    private final long skipped;
    private final List<Entry> entries;
    private final Map<String, String> metadata;

    /** A checkpoint; the caller hands over (does not keep using) the arrays in {@code entries}. */
    public Checkpoint(String config, long step, long skipped, List<Entry> entries, Map<String, String> metadata) {
        this.config = config;
        this.step = step;
        this.skipped = skipped;
        this.entries = List.copyOf(entries);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The optimizer configuration ({@code OptimizerSpec.spec()}) that wrote it. */
    public String config() {
        return config;
    }

    public long step() {
        return step;
    }

    public long skipped() {
        return skipped;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Free-form key/value pairs stored by the caller (e.g. the command line's preset and problem). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Writes this checkpoint to {@code file} atomically (temporary file, fsync, rename) with
     * {@link SafeFiles#write}: a symlink or non-regular target, or a missing or unwritable
     * folder, is an {@link IllegalArgumentException}; a failed write an {@link UncheckedIOException},
     * with the previous file left intact.
     */
    public void write(Path file) {
        SafeFiles.write(file, encode());
    }

    /** The file's bytes. */
    byte[] encode() {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(payload)) {
            out.writeUTF(config);
            out.writeLong(step);
            out.writeLong(skipped);
            out.writeInt(metadata.size());
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                out.writeUTF(m.getKey());
                out.writeUTF(m.getValue());
            }
            out.writeInt(entries.size());
            for (Entry e : entries) {
                out.writeUTF(e.name());
                out.writeInt(e.shape().length);
                for (int d : e.shape()) {
                    out.writeInt(d);
                }
                out.writeUTF(e.group());
                out.writeInt(e.stageBuffers().length);
                for (float[][] stage : e.stageBuffers()) {
                    out.writeInt(stage.length);
                    for (float[] b : stage) {
                        writeFloats(out, b);
                    }
                }
                out.writeBoolean(e.values() != null);
                if (e.values() != null) {
                    writeFloats(out, e.values());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = payload.toByteArray();
        ByteBuffer all = ByteBuffer.allocate(HEADER + body.length + 4);
        all.put(MAGIC).putInt(VERSION).putLong(body.length).put(body);
        CRC32 crc = new CRC32();
        crc.update(all.array(), 0, all.position());
        all.putInt((int) crc.getValue());
        return all.array();
    }

    /** Reads and checks {@code file}; throws {@link CheckpointException} for any problem. */
    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new CheckpointException(file, "not a regular file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "file not found");
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage());
        }
        return decode(file, bytes);
    }

    static Checkpoint decode(Path file, byte[] bytes) {
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new CheckpointException(file, bytes.length < MAGIC.length ? "truncated (" + bytes.length + " bytes)"
                    : "not a steepest optimizer checkpoint (bad magic bytes)");
        }
        if (bytes.length < HEADER + 4) {
            throw new CheckpointException(file, "truncated (" + bytes.length + " bytes, header alone needs " + (HEADER + 4) + ")");
        }
        ByteBuffer head = ByteBuffer.wrap(bytes);
        head.position(MAGIC.length);
        int version = head.getInt();
        long length = head.getLong();
        long expected = HEADER + length + 4;
        if (length < 0 || bytes.length < expected) {
            throw new CheckpointException(file, "truncated (" + bytes.length + " bytes, expected " + expected + ")");
        }
        if (bytes.length > expected) {
            throw new CheckpointException(file, "corrupt (" + (bytes.length - expected) + " unexpected trailing bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw new CheckpointException(file, "corrupt (checksum mismatch)");
        }
        if (version > VERSION) {
            throw new CheckpointException(file, "format version " + version + " is newer than this build reads (≤ "
                    + VERSION + ")");
        }
        if (version < 1) {
            throw new CheckpointException(file, "corrupt (format version " + version + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, HEADER, (int) length))) {
            String config = in.readUTF();
            long step = in.readLong();
            long skipped = in.readLong();
            int nMeta = count(in, "metadata entries");
            Map<String, String> meta = new LinkedHashMap<>();
            for (int i = 0; i < nMeta; i++) {
                meta.put(in.readUTF(), in.readUTF());
            }
            int n = count(in, "parameters");
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                int[] shape = new int[count(in, "dimensions")];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readInt();
                }
                String group = in.readUTF();
                float[][][] stages = new float[count(in, "stages")][][];
                for (int k = 0; k < stages.length; k++) {
                    stages[k] = new float[count(in, "buffers")][];
                    for (int b = 0; b < stages[k].length; b++) {
                        stages[k][b] = readFloats(in);
                    }
                }
                float[] values = in.readBoolean() ? readFloats(in) : null;
                entries.add(new Entry(name, shape, group, stages, values));
            }
            if (in.available() != 0) {
                throw new CheckpointException(file, "corrupt (" + in.available() + " unread payload bytes)");
            }
            if (step < 0 || skipped < 0) {
                throw new CheckpointException(file, "corrupt (negative step counter)");
            }
            return new Checkpoint(config, step, skipped, entries, meta);
        } catch (EOFException e) {
            throw new CheckpointException(file, "corrupt (payload ends early)");
        } catch (IOException e) {
            throw new CheckpointException(file, "corrupt (" + e.getMessage() + ")");
        }
    }

    private static int count(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad count of " + what + ": " + n);
        }
        return n;
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * 4 > in.available()) {
            throw new IOException("bad array length " + n);
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = Float.intBitsToFloat(in.readInt());
        }
        return f;
    }

    private static void writeFloats(DataOutputStream out, float[] f) throws IOException {
        out.writeInt(f.length);
        for (float v : f) {
            out.writeInt(Float.floatToRawIntBits(v));
        }
    }
}
