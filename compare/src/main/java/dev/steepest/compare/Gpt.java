package dev.steepest.compare;

import ai.djl.ndarray.NDArray;
import dev.steepest.optim.qkclip.QkClip;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A small decoder-only transformer for character-level language modelling, written with DJL's
 * NDArray operations: token and position embeddings, {@code layers} pre-norm blocks of causal
 * multi-head self-attention and a GELU MLP (4× width), a final layer norm and a linear head.
 *
 * <p>Input: token ids of shape (B, T) with T ≤ {@code context}, as INT64. Output: logits of shape
 * (B·T, vocabulary), row b·T + t predicting the token after position t of sequence b, so that
 * {@code Loss.softmaxCrossEntropyLoss()} applies to labels of shape (B·T).
 *
 * <p>Parameter names follow the roles the optimizers' group rules read ({@link dev.steepest.optim.Role}):
 * {@code token_embed} and {@code pos_embed} are embeddings; the attention and MLP matrices
 * ({@code l0_attn_qkv_weight}, …) are hidden matrices; biases and layer-norm gains are vectors; the
 * head ({@code lm_head_weight}, the last matrix) is the output layer. Initialization as GPT-2:
 * N(0, 0.02) for weights and embeddings, N(0, 0.02/√(2·layers)) for the matrices that write into the
 * residual stream, zero biases, unit gains.
 */
public final class Gpt extends AbstractBlock {
    /** Sizes of a model. */
    public record Config(int vocabulary, int context, int width, int layers, int heads) {
        public Config {
            if (vocabulary < 2 || context < 1 || width < 1 || layers < 1 || heads < 1 || width % heads != 0) {
                throw new IllegalArgumentException("bad transformer sizes: vocabulary " + vocabulary + ", context "
                        + context + ", width " + width + " (a multiple of heads " + heads + "), layers " + layers);
            }
        }

        /** The number of trainable numbers. */
        public long parameterCount() {
            long d = width;
            long perLayer = 2 * (2 * d) + (3 * d * d + 3 * d) + (d * d + d) + (4 * d * d + 4 * d) + (4 * d * d + d);
            return (long) vocabulary * d + (long) context * d + layers * perLayer + 2 * d + d * vocabulary + vocabulary;
        }
    }

    private final Config config;
    private final Parameter tokenEmbed;
    private final Parameter posEmbed;
    private final List<Parameter[]> blocks = new ArrayList<>();
    private final Parameter finalGain;
    private final Parameter finalBias;
    private final Parameter headWeight;
    private final Parameter headBias;
    /** Per layer and head, the largest pre-softmax logit of the last training forward pass (when recorded). */
    private final float[][] maxLogits;
    private boolean recordLogits;

    /** A new, uninitialized model of these sizes. */
    public Gpt(Config config) {
        this.config = config;
        int d = config.width();
        float std = 0.02f;
        float residual = (float) (0.02 / Math.sqrt(2.0 * config.layers()));
        tokenEmbed = weight("token_embed", std, config.vocabulary(), d);
        posEmbed = weight("pos_embed", std, config.context(), d);
        for (int l = 0; l < config.layers(); l++) {
            String p = "l" + l + "_";
            blocks.add(new Parameter[] {
                gain(p + "ln1_gain", d), bias(p + "ln1_bias", d),
                weight(p + "attn_qkv_weight", std, 3 * d, d), bias(p + "attn_qkv_bias", 3 * d),
                weight(p + "attn_proj_weight", residual, d, d), bias(p + "attn_proj_bias", d),
                gain(p + "ln2_gain", d), bias(p + "ln2_bias", d),
                weight(p + "mlp_fc_weight", std, 4 * d, d), bias(p + "mlp_fc_bias", 4 * d),
                weight(p + "mlp_proj_weight", residual, d, 4 * d), bias(p + "mlp_proj_bias", d)});
        }
        finalGain = gain("lnf_gain", d);
        finalBias = bias("lnf_bias", d);
        headWeight = weight("lm_head_weight", std, config.vocabulary(), d);
        headBias = bias("lm_head_bias", config.vocabulary());
        maxLogits = new float[config.layers()][];
    }

    /** Layer {@code l}'s per-head largest logits from the last recorded training forward pass (a copy), or null. */
    float[] maxLogits(int l) {
        return maxLogits[l] == null ? null : maxLogits[l].clone();
    }

    /** Whether training forward passes record each head's largest logit (for {@link #qkClip}). */
    public void recordLogits(boolean on) {
        recordLogits = on;
    }

    /**
     * QK-clip with threshold τ on every layer, from the logits of the last training forward pass (MuonClip):
     * see {@link QkClip}. Returns how many heads were scaled.
     */
    public int qkClip(double tau) {
        int n = 0;
        for (int l = 0; l < blocks.size(); l++) {
            if (maxLogits[l] == null) {
                throw new IllegalStateException("no logits recorded; call recordLogits(true) before training");
            }
            NDArray w = blocks.get(l)[2].getArray();
            NDArray b = blocks.get(l)[3].getArray();
            float[] wv = w.toFloatArray();
            float[] bv = b.toFloatArray();
            int k = QkClip.clip(wv, bv, config.width(), config.heads(), maxLogits[l], tau);
            if (k > 0) {
                w.set(wv);
                b.set(bv);
            }
            n += k;
        }
        return n;
    }

    /** The sizes of this model. */
    public Config config() {
        return config;
    }

    private Parameter weight(String name, float std, long... shape) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(std)).optShape(new Shape(shape)).build());
    }

    private Parameter bias(String name, long n) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.BIAS)
                .optInitializer(Initializer.ZEROS).optShape(new Shape(n)).build());
    }

    private Parameter gain(String name, long n) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.GAMMA)
                .optInitializer(Initializer.ONES).optShape(new Shape(n)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        if (ids.getShape().dimension() != 2) {
            throw new IllegalArgumentException("token ids must have shape (batch, time), got " + ids.getShape());
        }
        if (ids.getDataType() != DataType.INT64) {
            ids = ids.toType(DataType.INT64, false);
        }
        long b = ids.getShape().get(0);
        int t = (int) ids.getShape().get(1);
        if (t > config.context()) {
            throw new IllegalArgumentException("sequence of " + t + " tokens is longer than the context " + config.context());
        }
        var device = ids.getDevice();
        int d = config.width();
        int h = config.heads();
        int hd = d / h;
        NDArray x = ids.getNDArrayInternal().embedding(ids, ps.getValue(tokenEmbed, device, training),
                SparseFormat.DENSE).singletonOrThrow();
        x = x.add(ps.getValue(posEmbed, device, training).get(new NDIndex("0:" + t)));
        NDArray mask = causalMask(ids.getManager(), t);
        float scale = (float) (1.0 / Math.sqrt(hd));
        for (Parameter[] p : blocks) {
            NDArray a = layerNorm(x, ps.getValue(p[0], device, training), ps.getValue(p[1], device, training));
            NDArray qkv = linear(a, ps.getValue(p[2], device, training), ps.getValue(p[3], device, training));
            NDList parts = qkv.split(3, 2);
            NDArray q = parts.get(0).reshape(b, t, h, hd).transpose(0, 2, 1, 3);
            NDArray k = parts.get(1).reshape(b, t, h, hd).transpose(0, 2, 3, 1);
            NDArray v = parts.get(2).reshape(b, t, h, hd).transpose(0, 2, 1, 3);
            NDArray scores = q.matMul(k).mul(scale).add(mask);
            if (training && recordLogits) {
                maxLogits[blocks.indexOf(p)] = scores.transpose(1, 0, 2, 3).reshape(h, -1).max(new int[] {1})
                        .toFloatArray();
            }
            NDArray att = scores.softmax(-1);
            NDArray y = att.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, d);
            x = x.add(linear(y, ps.getValue(p[4], device, training), ps.getValue(p[5], device, training)));
            NDArray m = layerNorm(x, ps.getValue(p[6], device, training), ps.getValue(p[7], device, training));
            m = Activation.gelu(linear(m, ps.getValue(p[8], device, training), ps.getValue(p[9], device, training)));
            x = x.add(linear(m, ps.getValue(p[10], device, training), ps.getValue(p[11], device, training)));
        }
        x = layerNorm(x, ps.getValue(finalGain, device, training), ps.getValue(finalBias, device, training));
        NDArray logits = linear(x, ps.getValue(headWeight, device, training), ps.getValue(headBias, device, training));
        return new NDList(logits.reshape(b * t, config.vocabulary()));
    }

    /** (T, T): 0 on and below the diagonal, a large negative number above it (a position sees only its past). */
    static NDArray causalMask(NDManager manager, int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = -1e9f;
            }
        }
        return manager.create(m, new Shape(t, t));
    }

    private NDArray layerNorm(NDArray x, NDArray gain, NDArray bias) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(config.width()), gain, bias, 1e-5f).singletonOrThrow();
    }

    private static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0) * in.get(1), config.vocabulary())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no child blocks: every parameter is this block's own
    }

}
