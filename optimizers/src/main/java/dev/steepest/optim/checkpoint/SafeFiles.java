package dev.steepest.optim.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes files so that a target is replaced whole or not at all, and only when it is a regular
 * file or a new name: the bytes go to a temporary file in the target's folder, are forced to
 * disk, and the temporary file is renamed over the target.
 *
 * <p>{@link #checkTarget} and {@link #checkFolder} say before any work whether a write can
 * happen: a target that is a symlink, a folder, a device, a FIFO or any other non-regular file,
 * or a folder that is missing, not a folder or not writable, is an {@link IllegalArgumentException}
 * (bad input). A write that fails anyway (a full disk, a folder made read-only meanwhile) is an
 * {@link UncheckedIOException}, and the previous files are left as they were.
 */
public final class SafeFiles {
    private SafeFiles() {
    }

    /** Throws {@link IllegalArgumentException} unless {@code file} is a new name or a regular file in a writable folder. */
    public static void checkTarget(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            throw new IllegalArgumentException(file + " is not a file name");
        }
        if (Files.isSymbolicLink(file)) {
            throw new IllegalArgumentException(file + " is a symbolic link; give the path of a regular file");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(file + " exists and is not a regular file ("
                    + (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? "a folder" : "a device, FIFO or socket")
                    + "); give the path of a regular file or a new name");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("cannot write " + file + ": folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("cannot write " + file + ": folder " + dir + " is not writable");
        }
    }

    /**
     * Throws {@link IllegalArgumentException} unless {@code dir} is a folder, or a new name whose
     * nearest existing parent is a writable folder, and each of {@code names} in it is a new name
     * or a regular file.
     */
    public static void checkFolder(Path dir, List<String> names) {
        if (Files.isSymbolicLink(dir)) {
            throw new IllegalArgumentException(dir + " is a symbolic link; give the path of a folder");
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(dir + " exists and is not a folder");
            }
            if (!Files.isWritable(dir)) {
                throw new IllegalArgumentException("folder " + dir + " is not writable");
            }
            for (String n : names) {
                checkTarget(dir.resolve(n));
            }
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("cannot create folder " + dir + ": " + parent + " is not a folder");
        }
        if (!Files.isWritable(parent)) {
            throw new IllegalArgumentException("cannot create folder " + dir + ": " + parent + " is not writable");
        }
    }

    /** Writes {@code bytes} to {@code file}: checked, temporary file in its folder, forced to disk, renamed. */
    public static void write(Path file, byte[] bytes) {
        checkTarget(file);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            writeFully(tmp, bytes);
            move(tmp, file);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /** Writes the files of a folder into the staging folder it is given. */
    @FunctionalInterface
    public interface FolderWriter {
        void writeInto(Path staging) throws IOException;
    }

    /**
     * Writes the files {@code names} of folder {@code dir} so that the folder ends complete or
     * untouched: {@code writer} fills a fresh staging folder; a new {@code dir} is then the staging
     * folder renamed, an existing one receives each file by rename (over regular files only).
     * A failure while writing removes the staging folder and leaves {@code dir} as it was.
     * {@code writer} may write only files named in {@code names}.
     */
    public static void writeFolder(Path dir, List<String> names, FolderWriter writer) {
        checkFolder(dir, names);
        Path staging = null;
        try {
            boolean exists = Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
            Path parent = dir.toAbsolutePath().getParent();
            if (!exists) {
                Files.createDirectories(parent);
            }
            staging = Files.createTempDirectory(exists ? dir : parent, "." + dir.getFileName() + ".");
            writer.writeInto(staging);
            List<Path> written;
            try (var list = Files.list(staging)) {
                written = list.toList();
            }
            for (Path f : written) {
                if (!names.contains(f.getFileName().toString()) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalStateException("unexpected file " + f.getFileName() + " for " + dir);
                }
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            if (!exists) {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                staging = null;
                return;
            }
            for (Path f : written) {
                move(f, dir.resolve(f.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + dir + ": " + e, e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(SafeFiles::deleteQuietly);
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: the targets are untouched either way
        }
    }

    private static void writeFully(Path tmp, byte[] bytes) throws IOException {
        try {
            // temporary files are created owner-only; the result is an ordinary file
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // keep the platform's default
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        if (Files.isSymbolicLink(target) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " became a non-regular file while it was being written");
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the targets are untouched either way
        }
    }
}
