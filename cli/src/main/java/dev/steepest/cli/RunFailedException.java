package dev.steepest.cli;

/**
 * The run itself failed although its input was valid (it diverged, a value became non-finite,
 * a write failed): exit code {@link Main#RUN_FAILED}. The message says what happened and what
 * to try.
 */
final class RunFailedException extends RuntimeException {
    RunFailedException(String message) {
        super(message);
    }

    RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
