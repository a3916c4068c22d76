package dev.steepest.spark;

import java.util.concurrent.ConcurrentHashMap;

/**
 * State a worker carries from one Spark job to the next (the error-feedback residual, the
 * inner optimizer of local steps), kept in the executor JVM keyed by run and partition.
 *
 * <p>Kept next to the cached data shard rather than shipped: shipping it each step would cost
 * as many bytes as the uncompressed gradient and undo the compression. Each entry remembers
 * the job (step or round) that last wrote it and the state before that job, so a task that
 * Spark reruns on the same executor starts again from the same state. A task that finds no
 * state of its previous job (its executor was lost, so the partition moved) starts from a
 * fresh state and says so in its {@link Contribution}; the run counts such restarts. A resumed
 * run's first job hands each worker its state from the checkpoint instead ({@link Carried}).
 */
final class WorkerState {
    private static final ConcurrentHashMap<String, Entry> STORE = new ConcurrentHashMap<>();

    /** {@code before}: the state as it was when job {@code job} started; {@code after}: as it left it. */
    record Entry(long job, Object before, Object after) {
    }

    private WorkerState() {
    }

    static Entry get(String run, int partition) {
        return STORE.get(run + "/" + partition);
    }

    static void put(String run, int partition, Entry e) {
        STORE.put(run + "/" + partition, e);
    }

    /** Drops every entry of {@code run}. */
    static void clear(String run) {
        STORE.keySet().removeIf(k -> k.startsWith(run + "/"));
    }
}
