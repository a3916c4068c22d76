package dev.steepest.djl;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps DJL parameters onto the names the optimizers' group rules read.
 *
 * <p>DJL hands an optimizer only a parameter id. Given the model's {@link Block}, each id gets
 * the block's path name ({@code "02Linear_weight"}); the parameters of the last layer that owns
 * a weight matrix (rank ≥ 2) get the prefix {@code "output/"}, so that rules which treat the
 * read-out layer apart (Muon, Scion) see it as {@link dev.steepest.optim.Role#OUTPUT}. Rank-1
 * parameters (biases, gains) are vectors by shape; other matrices are hidden weights.
 */
public final class ParameterNames {
    /** The prefix given to the parameters of the output layer. */
    public static final String OUTPUT_PREFIX = "output/";

    private ParameterNames() {
    }

    /** Parameter id → steepest name, in the block's parameter order, for trainable parameters. */
    public static Map<String, String> of(Block block) {
        List<Pair<String, Parameter>> params = block.getParameters().stream()
                .filter(p -> p.getValue().requiresGradient()).toList();
        String outputLayer = null;
        for (Pair<String, Parameter> p : params) {
            if (isMatrix(p.getValue())) {
                outputLayer = layerOf(p.getKey());
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : params) {
            String key = p.getKey();
            boolean output = outputLayer != null && layerOf(key).equals(outputLayer);
            names.put(p.getValue().getId(), output ? OUTPUT_PREFIX + key : key);
        }
        return names;
    }

    private static boolean isMatrix(Parameter p) {
        return p.getShape() != null ? p.getShape().dimension() >= 2
                : p.isInitialized() && p.getArray().getShape().dimension() >= 2;
    }

    /** "04Linear_weight" → "04Linear": the layer part of a block path name. */
    static String layerOf(String key) {
        int i = key.lastIndexOf('_');
        return i < 0 ? key : key.substring(0, i);
    }
}
