package dev.steepest.cli;

import dev.steepest.core.linalg.Orthogonalizer;

/** Placeholder until the core's orthogonalizer registry is available: every name is rejected clearly. */
final class Orthogonalizers {
    private Orthogonalizers() {
    }

    static Orthogonalizer parse(String spec) {
        throw new IllegalArgumentException("--orthogonalizer " + spec + ": orthogonalizers are not available in this build");
    }
}
