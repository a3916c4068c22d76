package dev.steepest.core.linalg;

import dev.steepest.core.Shape;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** Workspaces kept per thread and matrix shape, so that repeated float steps on the same shapes allocate nothing. */
public final class PerShape<T> {
    private final ThreadLocal<Map<Long, T>> map = ThreadLocal.withInitial(HashMap::new);
    private final BiFunction<Integer, Integer, T> factory;

    /** Workspaces made by {@code factory} from (rows, cols). */
    public PerShape(BiFunction<Integer, Integer, T> factory) {
        this.factory = factory;
    }

    /** The workspace for {@code shape} on this thread, made on first use. */
    public T get(Shape shape) {
        long key = ((long) shape.rows() << 32) | shape.cols();
        Map<Long, T> m = map.get();
        T t = m.get(key);
        if (t == null) {
            t = factory.apply(shape.rows(), shape.cols());
            m.put(key, t);
        }
        return t;
    }
}
