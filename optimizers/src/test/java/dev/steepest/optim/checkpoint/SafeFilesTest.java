package dev.steepest.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe writes: only regular files or new names are replaced, a failed write leaves the previous
 * files as they were, and a folder ends complete or untouched. Special files and links are made
 * inside a temporary folder; failures are real ones from the file system (a file name longer than
 * the file system allows, which the temporary name reaches first; a read-only folder when the
 * tests do not run as root).
 */
class SafeFilesTest {
    @TempDir
    Path dir;

    private static final byte[] OLD = "previous contents".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "new contents".getBytes(StandardCharsets.UTF_8);

    /** The names in {@code d}, sorted, to compare a folder before and after. */
    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void mkfifo(Path p) throws Exception {
        Process proc;
        try {
            proc = new ProcessBuilder("mkfifo", p.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(proc.waitFor() == 0 && Files.exists(p), "mkfifo failed");
    }

    /** A name that is itself allowed (≤ 255 bytes) but whose temporary name is not. */
    private static String longName() {
        return "c".repeat(250);
    }

    @Test
    void writesANewFileAndReplacesARegularOne() throws IOException {
        Path f = dir.resolve("a.bin");
        SafeFiles.write(f, OLD);
        assertArrayEquals(OLD, Files.readAllBytes(f));
        SafeFiles.write(f, NEW);
        assertArrayEquals(NEW, Files.readAllBytes(f));
        assertEquals(List.of("a.bin"), listing(dir), "no temporary file is left");
    }

    @Test
    void refusesASymlinkAndLeavesBothLinkAndTargetAlone() throws IOException {
        Path target = dir.resolve("target");
        Files.write(target, OLD);
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeFiles.write(link, NEW));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertTrue(Files.isSymbolicLink(link));
        assertArrayEquals(OLD, Files.readAllBytes(target));
        assertEquals(List.of("link", "target"), listing(dir));
    }

    @Test
    void refusesAFifoAndLeavesItAFifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        mkfifo(fifo);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeFiles.write(fifo, NEW));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS), "the FIFO must not be replaced");
        assertEquals(List.of("fifo"), listing(dir));
    }

    @Test
    void refusesAFolderAndAMissingFolder() {
        assertThrows(IllegalArgumentException.class, () -> SafeFiles.write(dir, NEW));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeFiles.write(dir.resolve("no/such/file"), NEW));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aFailedWriteLeavesThePreviousFileIntact() throws IOException {
        Path f = dir.resolve(longName());
        Files.write(f, OLD);
        assertThrows(UncheckedIOException.class, () -> SafeFiles.write(f, NEW));
        assertArrayEquals(OLD, Files.readAllBytes(f));
        assertEquals(List.of(longName()), listing(dir), "no temporary file is left");
    }

    @Test
    void aReadOnlyFolderIsRefusedBeforeWriting() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into read-only folders");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.write(ro.resolve("a"), OLD);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThrows(IllegalArgumentException.class, () -> SafeFiles.write(ro.resolve("a"), NEW));
            assertArrayEquals(OLD, Files.readAllBytes(ro.resolve("a")));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aNewFolderIsCreatedComplete() throws IOException {
        Path out = dir.resolve("new/report");
        SafeFiles.writeFolder(out, List.of("a", "b"), staging -> {
            Files.write(staging.resolve("a"), OLD);
            Files.write(staging.resolve("b"), NEW);
        });
        assertArrayEquals(OLD, Files.readAllBytes(out.resolve("a")));
        assertArrayEquals(NEW, Files.readAllBytes(out.resolve("b")));
        assertEquals(List.of("a", "b"), listing(out));
        assertEquals(List.of("report"), listing(dir.resolve("new")), "no staging folder is left");
    }

    @Test
    void aFailureWhileWritingANewFolderLeavesNoFolder() throws IOException {
        Path out = dir.resolve("report");
        assertThrows(UncheckedIOException.class, () -> SafeFiles.writeFolder(out, List.of("a", longName() + "x".repeat(10)),
                staging -> {
                    Files.write(staging.resolve("a"), OLD);
                    Files.write(staging.resolve(longName() + "x".repeat(10)), NEW); // 260 bytes: longer than a file name may be
                }));
        assertFalse(Files.exists(out));
        assertEquals(List.of(), listing(dir), "no staging folder is left");
    }

    @Test
    void aFailureWhileWritingIntoAnExistingFolderLeavesItUntouched() throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        Files.write(out.resolve("a"), OLD);
        Files.write(out.resolve("other"), OLD);
        assertThrows(UncheckedIOException.class, () -> SafeFiles.writeFolder(out, List.of("a", "b"), staging -> {
            Files.write(staging.resolve("a"), NEW);
            throw new IOException("No space left on device");
        }));
        assertEquals(List.of("a", "other"), listing(out));
        assertArrayEquals(OLD, Files.readAllBytes(out.resolve("a")));
    }

    @Test
    void anExistingFolderReceivesEveryFileAndKeepsTheOthers() throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        Files.write(out.resolve("a"), OLD);
        Files.write(out.resolve("other"), OLD);
        SafeFiles.writeFolder(out, List.of("a", "b"), staging -> {
            Files.write(staging.resolve("a"), NEW);
            Files.write(staging.resolve("b"), NEW);
        });
        assertEquals(List.of("a", "b", "other"), listing(out));
        assertArrayEquals(NEW, Files.readAllBytes(out.resolve("a")));
        assertArrayEquals(OLD, Files.readAllBytes(out.resolve("other")));
    }

    @Test
    void folderChecksRefuseFilesLinksAndSpecialEntries() throws Exception {
        Path file = Files.write(dir.resolve("file"), OLD);
        assertThrows(IllegalArgumentException.class, () -> SafeFiles.checkFolder(file, List.of("a")));
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), folder);
        assertThrows(IllegalArgumentException.class, () -> SafeFiles.checkFolder(link, List.of("a")));
        mkfifo(folder.resolve("a"));
        assertThrows(IllegalArgumentException.class, () -> SafeFiles.checkFolder(folder, List.of("a")));
        Files.createSymbolicLink(folder.resolve("b"), file);
        assertThrows(IllegalArgumentException.class, () -> SafeFiles.checkFolder(folder, List.of("b")));
        SafeFiles.checkFolder(folder, List.of("c"));
        SafeFiles.checkFolder(dir.resolve("new/deeper"), List.of("c"));
        assertThrows(IllegalArgumentException.class, () -> SafeFiles.checkFolder(file.resolve("sub"), List.of("c")));
    }

    @Test
    void checkpointWriteUsesTheSameRules() throws Exception {
        Checkpoint cp = new Checkpoint("spec", 3, 0, List.of(), Map.of("k", "v"));
        Path target = Files.write(dir.resolve("target"), OLD);
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThrows(IllegalArgumentException.class, () -> cp.write(link));
        assertArrayEquals(OLD, Files.readAllBytes(target));
        Path fifo = dir.resolve("fifo");
        mkfifo(fifo);
        assertThrows(IllegalArgumentException.class, () -> cp.write(fifo));
        assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
        Path ok = dir.resolve("ok.ckpt");
        cp.write(ok);
        assertEquals(3, Checkpoint.read(ok).step());
    }
}
