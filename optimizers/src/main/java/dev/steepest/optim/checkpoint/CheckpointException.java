package dev.steepest.optim.checkpoint;

import java.nio.file.Path;

/** A checkpoint file cannot be used: missing, truncated, corrupt, or of a newer format. */
public final class CheckpointException extends IllegalArgumentException {
    public CheckpointException(Path file, String problem) {
        super("checkpoint " + file + ": " + problem);
    }
}
