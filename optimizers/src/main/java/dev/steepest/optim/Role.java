package dev.steepest.optim;

import java.util.regex.Pattern;

/**
 * The role of a parameter in a network, guessed from its name and shape; presets choose norms
 * by role (Muon: spectral on {@link #HIDDEN}, AdamW on the rest).
 *
 * <p>Rules, first match wins: a name containing {@code embed}, {@code wte}, {@code wpe} or
 * {@code token} → {@link #EMBEDDING}; a name containing {@code head}, {@code output},
 * {@code classifier}, {@code logits} or {@code readout} → {@link #OUTPUT}; rank 1 →
 * {@link #VECTOR} (biases, gains); otherwise → {@link #HIDDEN}. Case is ignored. A role set with
 * {@link Param#withRole} wins over the rules.
 */
public enum Role {
    /** An input embedding table. */
    EMBEDDING,
    /** The output (read-out) layer. */
    OUTPUT,
    /** A rank-1 parameter: bias, gain, or a plain vector model. */
    VECTOR,
    /** A hidden weight matrix (rank ≥ 2). */
    HIDDEN;

    private static final Pattern EMBEDDING_NAME = Pattern.compile("(?i).*(embed|wte|wpe|token).*");
    private static final Pattern OUTPUT_NAME = Pattern.compile("(?i).*(head|output|classifier|logits|readout).*");

    /** The role of {@code p} by the rules above. */
    public static Role of(Param p) {
        if (p.roleOverride() != null) {
            return p.roleOverride();
        }
        if (EMBEDDING_NAME.matcher(p.name()).matches()) {
            return EMBEDDING;
        }
        if (OUTPUT_NAME.matcher(p.name()).matches()) {
            return OUTPUT;
        }
        return p.isMatrix() ? HIDDEN : VECTOR;
    }
}
