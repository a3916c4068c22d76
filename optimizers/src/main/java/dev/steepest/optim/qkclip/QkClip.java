package dev.steepest.optim.qkclip;

/**
 * QK-clip (MuonClip, Kimi K2): after an optimizer step, every attention head whose largest pre-softmax logit
 * on the batch exceeded τ has its query and key projections scaled by √(τ/max), so that the same input would give
 * that head a largest logit of exactly τ. The logit qᵢ·kⱼ is bilinear in the two projections, so scaling each by
 * √γ scales it by γ = τ/max; heads at or below τ are left alone.
 *
 * <p>Layout: a fused projection of {@code 3·width} output rows (queries, keys, values), each head owning
 * {@code width/heads} consecutive rows of the query block and of the key block; {@code weight} is row-major
 * (3·width × in), {@code bias} (3·width) may be null. Both are scaled in place, so a bias does not undo the clip.
 */
public final class QkClip {
    private QkClip() {
    }

    /**
     * Clips the heads of one attention layer.
     *
     * @param weight the fused q/k/v projection, row-major, 3·width rows
     * @param bias its bias (3·width entries), or null
     * @param width the model width (rows per block)
     * @param heads the number of heads (dividing width)
     * @param maxLogits per head, the largest pre-softmax logit seen on the batch (after the 1/√d scale)
     * @param tau the threshold τ &gt; 0
     * @return how many heads were scaled
     */
    public static int clip(float[] weight, float[] bias, int width, int heads, float[] maxLogits, double tau) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("QK-clip's τ must be positive and finite, got " + tau);
        }
        if (heads < 1 || width % heads != 0) {
            throw new IllegalArgumentException(heads + " heads do not divide width " + width);
        }
        if (weight.length % (3 * width) != 0 || (bias != null && bias.length != 3 * width)
                || maxLogits.length != heads) {
            throw new IllegalArgumentException("a fused q/k/v projection of 3·" + width + " rows and " + heads
                    + " logits are needed");
        }
        int in = weight.length / (3 * width);
        int hd = width / heads;
        int clipped = 0;
        for (int h = 0; h < heads; h++) {
            float max = maxLogits[h];
            if (Float.isNaN(max)) {
                throw new IllegalArgumentException("head " + h + "'s largest logit is NaN");
            }
            if (max <= tau) {
                continue;
            }
            float s = (float) Math.sqrt(tau / max);
            for (int block = 0; block < 2; block++) { // queries, then keys
                for (int r = block * width + h * hd; r < block * width + (h + 1) * hd; r++) {
                    for (int c = 0; c < in; c++) {
                        weight[r * in + c] *= s;
                    }
                    if (bias != null) {
                        bias[r] *= s;
                    }
                }
            }
            clipped++;
        }
        return clipped;
    }
}
