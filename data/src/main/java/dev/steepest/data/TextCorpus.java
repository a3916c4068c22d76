package dev.steepest.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * A character-level text for language modelling: the characters, their vocabulary (every distinct
 * character, in code-point order) and the text as token ids, split into a training part and a
 * held-out validation part at the end.
 *
 * <p>{@link #shipped()} is the first 7042 verses (Genesis 1:1 to Judges 19:17, 999808 characters) of
 * the King James Version from the Debian package {@code bible-kjv-text}, public domain; the notice
 * is next to the file in {@code dev/steepest/data/kjv-small/}.
 *
 * @param name where the text came from
 * @param vocabulary the distinct characters in code-point order; a token id is an index into it
 * @param train token ids of the training part
 * @param validation token ids of the held-out part (the text's last {@link #VALIDATION_SHARE})
 */
public record TextCorpus(String name, String vocabulary, int[] train, int[] validation) {
    /** The share of the text held out at its end for validation. */
    public static final double VALIDATION_SHARE = 0.1;

    private static final String RESOURCE = "/dev/steepest/data/kjv-small/kjv-genesis-judges.txt.gz";

    public TextCorpus {
        if (vocabulary.isEmpty() || train.length < 2 || validation.length < 2) {
            throw new IllegalArgumentException("text '" + name + "' is too short to split into training and validation");
        }
    }

    /** The shipped King James Version slice. */
    public static TextCorpus shipped() {
        try (InputStream in = TextCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("shipped text missing from the classpath: " + RESOURCE);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPInputStream gz = new GZIPInputStream(in)) {
                gz.transferTo(bytes);
            }
            return of("kjv (Genesis 1:1 to Judges 19:17)", bytes.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shipped text " + RESOURCE, e);
        }
    }

    /** {@code text} as a corpus: vocabulary from its characters, the last {@link #VALIDATION_SHARE} held out. */
    public static TextCorpus of(String name, String text) {
        if (text.indexOf('\uFFFD') >= 0 || text.codePoints().anyMatch(c -> c > 0xFFFF)) {
            throw new IllegalArgumentException("text '" + name + "' has characters outside the Basic Multilingual Plane"
                    + " or undecodable bytes");
        }
        TreeSet<Character> chars = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            chars.add(text.charAt(i));
        }
        StringBuilder vocab = new StringBuilder();
        chars.forEach(vocab::append);
        String v = vocab.toString();
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = v.indexOf(text.charAt(i));
        }
        int hold = (int) Math.round(ids.length * VALIDATION_SHARE);
        return new TextCorpus(name, v, Arrays.copyOfRange(ids, 0, ids.length - hold),
                Arrays.copyOfRange(ids, ids.length - hold, ids.length));
    }

    /** The number of distinct characters. */
    public int vocabularySize() {
        return vocabulary.length();
    }

    /** The corpus with at most {@code trainChars} training and {@code validationChars} validation characters. */
    public TextCorpus head(int trainChars, int validationChars) {
        return new TextCorpus(name, vocabulary, Arrays.copyOf(train, Math.min(train.length, trainChars)),
                Arrays.copyOf(validation, Math.min(validation.length, validationChars)));
    }

    /**
     * The training part split again: the first {@code 1 − share} for fitting, the rest held out (for choosing a
     * learning rate without touching {@link #validation}); returned as a corpus whose validation is that rest.
     */
    public TextCorpus holdOut(double share) {
        int hold = Math.max(2, (int) Math.round(train.length * share));
        return new TextCorpus(name + " (held-out split)", vocabulary, Arrays.copyOfRange(train, 0, train.length - hold),
                Arrays.copyOfRange(train, train.length - hold, train.length));
    }

    /** The characters of {@code ids}. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) {
            sb.append(vocabulary.charAt(id));
        }
        return sb.toString();
    }
}
