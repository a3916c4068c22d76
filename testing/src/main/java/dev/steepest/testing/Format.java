package dev.steepest.testing;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * Formats a test input for a failure message: every double with all the digits that read back to the same value
 * ({@link Double#toString(double)}), arrays, collections and records element by element.
 */
public final class Format {
    private Format() {
    }

    /** The input as text. */
    public static String of(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof double[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(a[i]);
            }
            sb.append(']');
        } else if (v instanceof float[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(a[i]).append('f');
            }
            sb.append(']');
        } else if (v instanceof int[] a) {
            sb.append(java.util.Arrays.toString(a));
        } else if (v instanceof long[] a) {
            sb.append(java.util.Arrays.toString(a));
        } else if (v instanceof byte[] a) {
            sb.append(java.util.Arrays.toString(a));
        } else if (v instanceof boolean[] a) {
            sb.append(java.util.Arrays.toString(a));
        } else if (v instanceof Object[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "");
                append(sb, a[i]);
            }
            sb.append(']');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                sb.append(first ? "" : ", ");
                first = false;
                append(sb, o);
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                append(sb, e.getKey());
                sb.append('=');
                append(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Float f) {
            sb.append(f).append('f');
        } else if (v instanceof Record r) {
            appendRecord(sb, r);
        } else {
            sb.append(v);
        }
    }

    /** A record with its own toString keeps it; otherwise each component is formatted as above. */
    private static void appendRecord(StringBuilder sb, Record r) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        StringBuilder plain = new StringBuilder(r.getClass().getSimpleName()).append('[');
        for (int i = 0; i < components.length; i++) {
            try {
                var accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                values[i] = accessor.invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                sb.append(r);
                return;
            }
            plain.append(i > 0 ? ", " : "").append(components[i].getName()).append('=').append(values[i]);
        }
        String own = r.toString();
        if (!own.equals(plain.append(']').toString())) {
            sb.append(own);
            return;
        }
        sb.append(r.getClass().getSimpleName()).append('[');
        for (int i = 0; i < components.length; i++) {
            sb.append(i > 0 ? ", " : "").append(components[i].getName()).append('=');
            append(sb, values[i]);
        }
        sb.append(']');
    }
}
