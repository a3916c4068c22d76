package dev.steepest.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steepest.core.Step;
import dev.steepest.core.Tensor;
import java.io.UncheckedIOException;

/**
 * Writes a {@link Derivation} as one JSON object with exactly the keys
 * {@code norm, form, c, radius, gradient, dualNorm, direction, step, objective, name, formula, symbolic,
 * stepCoefficient, orthogonalizer, agrees, reference}.
 *
 * <p>{@code c} is the penalty coefficient for the penalized form and {@code null} for the
 * constrained form; {@code radius} is never null: ‖g‖_* / (2c) (penalized) or η (constrained).
 * Vectors are arrays, matrices arrays of rows; integral values are written without a fraction.
 * {@code reference.objective} and {@code reference.stepMaxAbsDiff} are null when the gradient is
 * too large for the reference solver (see {@link Derivation#checkable}). {@code symbolic} is the step in
 * closed form ({@link Symbolic#text()}, e.g. "u = −(α/2)·g") and {@code stepCoefficient} its scalar, 1/(2c)
 * as an expression in α that {@code --penalty} reads (penalized) or η (constrained).
 * {@code orthogonalizer} is the one asked for ({@code null}: exact SVD where needed); {@code agrees}
 * whether the reference solver ran and agrees with the step ({@code null} when it did not run).
 */
final class JsonReport {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The object as a tree. */
    static ObjectNode tree(Derivation d) {
        Step s = d.step();
        boolean penalized = s.form() == Step.Form.PENALIZED;
        ObjectNode o = F.objectNode();
        o.put("norm", d.norm().spec());
        o.put("form", s.form().label());
        o.set("c", penalized ? number(d.c()) : F.nullNode());
        o.set("radius", number(s.radius()));
        o.set("gradient", tensor(d.gradient()));
        o.set("dualNorm", number(s.dualNorm()));
        o.set("direction", tensor(s.direction()));
        o.set("step", tensor(s.update()));
        o.set("objective", number(s.objective()));
        o.put("name", penalized ? d.info().penalizedName() : d.info().constrainedName());
        o.put("formula", formula(d));
        Symbolic sym = Symbolic.of(d);
        o.put("symbolic", sym.text());
        o.put("stepCoefficient", sym.coefficient());
        o.set("orthogonalizer", d.orthogonalizer() == null ? F.nullNode() : F.textNode(d.orthogonalizer().spec()));
        o.set("agrees", d.reference() == null ? F.nullNode() : F.booleanNode(d.agrees()));
        ObjectNode ref = F.objectNode();
        Derivation.Check check = d.reference();
        ref.set("objective", check == null ? F.nullNode() : number(check.objective()));
        ref.set("stepMaxAbsDiff", check == null ? F.nullNode() : number(check.stepMaxAbsDiff()));
        ref.put("unique", d.norm().uniqueAt(d.gradient()));
        o.set("reference", ref);
        return o;
    }

    /** The object as indented text, ending with a newline. */
    static String text(Derivation d) {
        try {
            return MAPPER.writeValueAsString(tree(d)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The step's formula with the dual norm and dualizer spelled out. */
    static String formula(Derivation d) {
        String head = d.form() == Step.Form.PENALIZED ? "u = −(‖g‖_*/(2c))·t*" : "u = −η·t*";
        return head + ", ‖g‖_* = " + d.info().dualTitle() + ", t* = " + d.info().dualizerFormula();
    }

    /** A number; integral values as integers. A non-finite value is an error: {@link Derivation#of} refuses them first. */
    static JsonNode number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("non-finite number " + v + " in the JSON output");
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return F.numberNode((long) v);
        }
        return F.numberNode(v);
    }

    /** A vector as an array, a matrix as an array of rows. */
    static ArrayNode tensor(Tensor t) {
        ArrayNode a = F.arrayNode();
        if (!t.isMatrix()) {
            for (double v : t.toArray()) {
                a.add(number(v));
            }
            return a;
        }
        for (double[] row : t.toRows()) {
            ArrayNode r = a.addArray();
            for (double v : row) {
                r.add(number(v));
            }
        }
        return a;
    }
}
