package dev.steepest.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A preset's options by name, as text ({@code weight_decay=0.1}, {@code betas=0.9,0.95}), read and checked by
 * {@link Presets}: a key the preset does not take, or a value it cannot use, is an {@link IllegalArgumentException}
 * naming the key. The names follow PyTorch's optimizers (torch.optim.Muon, torch.optim.AdamW).
 */
public final class PresetOptions {
    private final String preset;
    private final Map<String, String> values;

    private PresetOptions(String preset, Map<String, String> values) {
        this.preset = preset;
        this.values = values;
    }

    /**
     * Parses {@code KEY=VALUE} entries (as the command line's repeatable {@code --option} gives them) into an
     * ordered map; an entry without '=' or with an empty key, or a key given twice, is an
     * {@link IllegalArgumentException}.
     */
    public static Map<String, String> parse(List<String> keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        if (keyValues == null) {
            return out;
        }
        for (String kv : keyValues) {
            int eq = kv == null ? -1 : kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option '" + kv + "' is not of the form KEY=VALUE");
            }
            String key = kv.substring(0, eq).strip();
            String value = kv.substring(eq + 1).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("option '" + kv + "' has an empty key");
            }
            if (out.put(key, value) != null) {
                throw new IllegalArgumentException("option '" + key + "' is given twice; give each option once");
            }
        }
        return out;
    }

    /** Reads {@code values} for {@code preset}, first checking every key against {@code known}. */
    static PresetOptions of(String preset, Map<String, String> values, List<String> known) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (values != null) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                String key = e.getKey() == null ? "" : e.getKey().strip();
                if (!known.contains(key)) {
                    throw new IllegalArgumentException("preset '" + preset + "' has no option '" + key
                            + "'; its options: " + String.join(", ", known));
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("option '" + key + "' of preset '" + preset + "' has no value");
                }
                copy.put(key, e.getValue().strip());
            }
        }
        return new PresetOptions(preset, Collections.unmodifiableMap(copy));
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Map<String, String> values() {
        return values;
    }

    private IllegalArgumentException bad(String key, String what) {
        return new IllegalArgumentException("option '" + key + "' of preset '" + preset + "' " + what + ", got '"
                + values.get(key) + "'");
    }

    private static double parseNumber(String text) {
        String t = text.strip();
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new NumberFormatException(t);
        }
        return Double.parseDouble(t);
    }

    /** A finite number in [lo, hi] (hi exclusive when {@code hiOpen}); {@code def} when absent. */
    double number(String key, double def, double lo, double hi, boolean hiOpen) {
        if (!has(key)) {
            return def;
        }
        double v;
        try {
            v = parseNumber(values.get(key));
        } catch (NumberFormatException e) {
            throw bad(key, "must be a number");
        }
        if (!Double.isFinite(v) || v < lo || (hiOpen ? v >= hi : v > hi)) {
            throw bad(key, "must be in [" + lo + ", " + hi + (hiOpen ? ")" : "]"));
        }
        return v;
    }

    /** A positive number at most {@link Float#MAX_VALUE} (steps run in float); {@code def} when absent. */
    double positive(String key, double def) {
        if (!has(key)) {
            return def;
        }
        double v;
        try {
            v = parseNumber(values.get(key));
        } catch (NumberFormatException e) {
            throw bad(key, "must be a number");
        }
        if (!(v > 0) || v > Float.MAX_VALUE) {
            throw bad(key, "must be positive and at most " + Float.MAX_VALUE);
        }
        return v;
    }

    /** An integer in [lo, hi]; {@code def} when absent. */
    int integer(String key, int def, int lo, int hi) {
        if (!has(key)) {
            return def;
        }
        int v;
        try {
            v = Integer.parseInt(values.get(key).strip());
        } catch (NumberFormatException e) {
            throw bad(key, "must be an integer in " + lo + ".." + hi);
        }
        if (v < lo || v > hi) {
            throw bad(key, "must be an integer in " + lo + ".." + hi);
        }
        return v;
    }

    /** true or false (also True/False, 1/0); {@code def} when absent. */
    boolean bool(String key, boolean def) {
        if (!has(key)) {
            return def;
        }
        return switch (values.get(key).strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw bad(key, "must be true or false");
        };
    }

    /** {@code count} finite numbers written {@code A,B[,C]} (brackets or parentheses around them allowed). */
    double[] numbers(String key, double[] def) {
        if (!has(key)) {
            return def.clone();
        }
        String t = values.get(key).strip();
        if (t.length() >= 2 && (t.charAt(0) == '(' || t.charAt(0) == '[')) {
            t = t.substring(1, t.length() - 1);
        }
        String[] parts = t.split(",", -1);
        if (parts.length != def.length) {
            throw bad(key, "must be " + def.length + " numbers separated by commas");
        }
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = parseNumber(parts[i]);
            } catch (NumberFormatException e) {
                throw bad(key, "must be " + def.length + " numbers separated by commas");
            }
            if (!Double.isFinite(out[i])) {
                throw bad(key, "must be finite numbers");
            }
        }
        return out;
    }

    /** One of {@code choices}; {@code def} when absent. */
    String choice(String key, String def, String... choices) {
        if (!has(key)) {
            return def;
        }
        String v = values.get(key).strip();
        for (String c : choices) {
            if (c.equals(v)) {
                return c;
            }
        }
        throw bad(key, "must be one of " + String.join(", ", choices));
    }

    /** Every key given, in order. */
    List<String> keys() {
        return new ArrayList<>(values.keySet());
    }
}
