package dev.steepest.optim;

import dev.steepest.core.kernels.Elementwise;
import dev.steepest.optim.checkpoint.Checkpoint;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link OptimizerSpec} bound to parameters, with all its state. One code path serves every
 * optimizer: per group, run the chain's stages in order on the gradient, then apply
 * θ ← θ − lr_t · update (fused with the last stage where it offers that, see {@link #step()}).
 *
 * <pre>
 *   Optimizer opt = Presets.get("muon").build(params);
 *   for (...) { writeGradients(params); opt.step(); }
 * </pre>
 *
 * <p>Not thread-safe: one thread steps an optimizer at a time. A second {@link #step()} that starts while one is
 * running fails with {@link java.util.ConcurrentModificationException} (and changes nothing); parameters that share
 * a values or gradient array are refused at construction, since each would be updated twice.
 */
public final class Optimizer {
    private final OptimizerSpec spec;
    private final List<Param> params;
    private final int[] groupOf;
    private final StageState[][] states;
    private final float[][] updates;
    /** slots[group][stage]: what each stage sees, fixed at construction. */
    private final List<List<List<Slot>>> slots;
    /** members[group]: indices of the group's parameters. */
    private final int[][] members;
    private final StepContext[] contexts;
    /** The smallest {@link Stage#inputLimit()} over each group's chain. */
    private final float[] inputLimits;
    private final double[] rates;
    /**
     * Per group, the buffers of its members during a step on native memory (see
     * {@link #stepOnBuffers(ByteBuffer[], ByteBuffer[])}), as {@link Stage#applyAndDescend(List, List, List,
     * StepContext, float)} takes them; fixed-size lists, empty (nulls) between steps.
     */
    private final List<List<ByteBuffer>> groupValues = new ArrayList<>();
    private final List<List<ByteBuffer>> groupGrads = new ArrayList<>();
    private final AtomicBoolean stepping = new AtomicBoolean();
    private long step;
    private long skipped;

    Optimizer(OptimizerSpec spec, List<Param> params) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("optimizer '" + spec.name() + "' was given no parameters");
        }
        this.spec = spec;
        this.params = List.copyOf(params);
        Set<String> names = new HashSet<>();
        int n = params.size();
        Map<float[], String> arrays = new IdentityHashMap<>();
        for (Param p : params) {
            for (float[] a : new float[][] {p.values(), p.grad()}) {
                String other = arrays.put(a, p.name());
                if (other != null) {
                    throw new IllegalArgumentException("parameters '" + other + "' and '" + p.name()
                            + "' share one array; each parameter needs its own values and gradient arrays");
                }
            }
        }
        groupOf = new int[n];
        states = new StageState[n][];
        updates = new float[n][];
        List<Group> groups = spec.groups();
        for (int i = 0; i < n; i++) {
            Param p = params.get(i);
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two parameters named '" + p.name() + "'");
            }
            groupOf[i] = -1;
            for (int g = 0; g < groups.size() && groupOf[i] < 0; g++) {
                if (groups.get(g).rule().test(p)) {
                    groupOf[i] = g;
                }
            }
            if (groupOf[i] < 0) {
                throw new IllegalArgumentException("parameter " + p + " matches no group of optimizer '" + spec.name()
                        + "'; add a group with Rule.any() last");
            }
            List<Stage> stages = groups.get(groupOf[i]).chain().stages();
            states[i] = new StageState[stages.size()];
            for (int k = 0; k < stages.size(); k++) {
                states[i][k] = stages.get(k).init(p);
            }
            updates[i] = new float[p.size()];
        }
        inputLimits = new float[groups.size()];
        rates = new double[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            inputLimits[g] = Float.POSITIVE_INFINITY;
            for (Stage st : groups.get(g).chain().stages()) {
                inputLimits[g] = Math.min(inputLimits[g], st.inputLimit());
            }
        }
        members = new int[groups.size()][];
        contexts = new StepContext[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            final int group = g;
            members[g] = java.util.stream.IntStream.range(0, n).filter(i -> groupOf[i] == group).toArray();
            contexts[g] = new StepContext(0, 0, groups.get(g).name());
        }
        for (int g = 0; g < groups.size(); g++) {
            groupValues.add(Arrays.asList(new ByteBuffer[members[g].length]));
            groupGrads.add(Arrays.asList(new ByteBuffer[members[g].length]));
        }
        slots = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int stageCount = groups.get(g).chain().stages().size();
            List<List<Slot>> perStage = new ArrayList<>();
            for (int k = 0; k < stageCount; k++) {
                List<Slot> list = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (groupOf[i] == g) {
                        list.add(new Slot(params.get(i), updates[i], states[i][k]));
                    }
                }
                perStage.add(List.copyOf(list));
            }
            slots.add(perStage);
        }
    }

    /**
     * Takes one step from the gradients currently in the parameters' {@link Param#grad()} arrays.
     *
     * <p>A NaN or ±∞ gradient entry throws {@link NonFiniteGradientException} naming the parameter and the first
     * bad index. By the spec's {@link NonFinitePolicy}: {@code ERROR} (the default) finds it in a pass the step
     * makes anyway, so the check reads nothing extra, and parameters and state may by then hold part of the step;
     * {@code ERROR_UNCHANGED} and {@code SKIP} read every gradient once more first, so that nothing changes (SKIP
     * skips and counts the step instead of throwing).
     *
     * <p>Passes over memory, per parameter: where the chain is empty, a single stage, or a single stage before
     * decoupled weight decay, that stage's fused form ({@link Stage#applyAndDescend}) or θ ← θ − lr·g with ⟨g, g⟩,
     * one pass; otherwise the gradient is copied into the update buffer (the copy also checks it, before anything
     * is written), the stages run in turn and θ ← θ − lr·u is applied together with ⟨g, u⟩ in one pass. All in
     * float; nothing is allocated.
     *
     * <p>Also refused: a learning rate from a schedule that is negative, NaN or beyond a float
     * ({@link IllegalStateException}, before anything changes); a gradient entry beyond a stage's
     * {@link Stage#inputLimit()} ({@link IllegalArgumentException}, found as non-finite entries are). A non-finite
     * ⟨g, u⟩ from finite gradients means the update overflowed: the step throws {@link NonFiniteParameterException}
     * naming the first parameter entry that is not finite (the step has been applied; restore a checkpoint to go
     * back). A parameter that overflows under a finite update (θ itself near the float limit) is not scanned for;
     * its next loss and gradient are then non-finite, which the next step refuses.
     */
    public StepReport step() {
        if (!stepping.compareAndSet(false, true)) {
            throw new java.util.ConcurrentModificationException("Optimizer.step() called while another step() is "
                    + "running: an Optimizer is not thread-safe; step it from one thread");
        }
        try {
            return stepOnce(null, null);
        } finally {
            stepping.set(false);
        }
    }

    /**
     * {@link #step()} for parameters that live in native memory, such as a framework's tensors: parameter i's values
     * and gradient are {@code values[i]} and {@code grads[i]}, direct buffers in native byte order holding exactly
     * its {@link Param#size()} floats (see {@link Elementwise#floats}), read and written in place; a null pair
     * means "in its arrays" as for {@link #step()}; the buffers of different parameters must not overlap (not
     * checked: unlike arrays, two views of one memory are not recognizable). Whatever runs, the buffers end up exactly as if they had been
     * copied into the parameters' arrays, {@link #step()} had run, and the values had been copied back (tests pin
     * this bit for bit), with the same refusals and exceptions.
     *
     * <p>Where a group's step has a fused form on buffers (an empty chain: sgd; heavy-ball, Nesterov or EMA
     * momentum; Adam(W)) and the policy is {@link NonFinitePolicy#ERROR}, the kernels read and write the buffers
     * directly and the parameters' arrays are left alone, so the arrays do not then hold the values. Every other
     * step copies the group's buffers into its arrays, steps them, and copies the values back.
     */
    public StepReport stepOnBuffers(ByteBuffer[] values, ByteBuffer[] grads) {
        if (values == null || grads == null || values.length != params.size() || grads.length != params.size()) {
            throw new IllegalArgumentException("step on buffers needs one values and one gradient entry per parameter ("
                    + params.size() + ")");
        }
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if ((values[i] == null) != (grads[i] == null)) {
                throw new IllegalArgumentException("parameter '" + p.name() + "': give both its values and its "
                        + "gradient buffer, or neither");
            }
            if (values[i] != null && (Elementwise.floats(values[i], true) != p.size()
                    || Elementwise.floats(grads[i], false) != p.size())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' has " + p.size() + " entries but its "
                        + "buffers hold " + values[i].limit() / 4 + " and " + grads[i].limit() / 4 + " floats");
            }
        }
        if (!stepping.compareAndSet(false, true)) {
            throw new java.util.ConcurrentModificationException("Optimizer.step() called while another step() is "
                    + "running: an Optimizer is not thread-safe; step it from one thread");
        }
        try {
            if (spec.nonFinitePolicy() != NonFinitePolicy.ERROR) {
                // these policies read every gradient before anything changes: step the arrays
                for (int i = 0; i < params.size(); i++) {
                    copyIn(i, values, grads);
                }
                try {
                    return stepOnce(null, null);
                } finally {
                    for (int i = 0; i < params.size(); i++) {
                        copyOut(i, values);
                    }
                }
            }
            return stepOnce(values, grads);
        } finally {
            stepping.set(false);
        }
    }

    /** Parameter i's values and gradient from its buffers (if it has them) into its arrays. */
    private void copyIn(int i, ByteBuffer[] values, ByteBuffer[] grads) {
        if (values != null && values[i] != null) {
            floatsOf(values[i]).get(0, params.get(i).values());
            floatsOf(grads[i]).get(0, params.get(i).grad());
        }
    }

    /** Parameter i's values from its arrays back into its buffer (if it has one). */
    private void copyOut(int i, ByteBuffer[] values) {
        if (values != null && values[i] != null) {
            floatsOf(values[i]).put(0, params.get(i).values());
        }
    }

    /** The floats at bytes [0, limit) of {@code b}, as the kernels read them (whatever its position). */
    private static java.nio.FloatBuffer floatsOf(ByteBuffer b) {
        return b.duplicate().position(0).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private StepReport stepOnce(ByteBuffer[] values, ByteBuffer[] grads) {
        long t = step + 1;
        List<Group> groups = spec.groups();
        for (int g = 0; g < groups.size(); g++) {
            double lr = groups.get(g).learningRate().at(t);
            if (members[g].length > 0 && !(lr >= 0 && lr <= Float.MAX_VALUE)) {
                throw new IllegalStateException("the learning rate of group '" + groups.get(g).name() + "' at step " + t
                        + " is " + lr + "; a schedule must give a finite rate ≥ 0 (parameters and state left unchanged)");
            }
            rates[g] = lr;
        }
        if (spec.nonFinitePolicy() != NonFinitePolicy.ERROR) {
            for (int i = 0; i < params.size(); i++) {
                if (!(Elementwise.maxAbs(params.get(i).grad()) < inputLimits[groupOf[i]])) {
                    if (spec.nonFinitePolicy() == NonFinitePolicy.SKIP) {
                        skipped++;
                        return new StepReport(step, true, 0, Double.NaN, Double.NaN);
                    }
                    throw refusal(i, false);
                }
            }
        }
        boolean penalized = false;
        double penalty = 0;
        double orthogonality = Double.NaN;
        double predicted = 0;
        boolean written = false;
        for (int g = 0; g < groups.size(); g++) {
            if (members[g].length == 0) {
                continue;
            }
            Group group = groups.get(g);
            double lr = rates[g];
            StepContext ctx = contexts[g];
            ctx.reset(t, lr);
            double dot = descend(g, group.chain().stages(), ctx, (float) lr, values, grads);
            if (!Double.isFinite(dot)) {
                for (int i : members[g]) {
                    copyIn(i, values, grads); // the checks below read the arrays
                }
                boolean applied = written || !Double.isNaN(dot); // NaN: refused before the group was written
                if (applied) {
                    step = t;
                }
                for (int i : members[g]) {
                    if (!(Elementwise.maxAbs(params.get(i).grad()) < inputLimits[g])) {
                        throw refusal(i, applied);
                    }
                }
                throwIfNotFinite(g);
            }
            written = true;
            predicted -= lr * dot;
            if (ctx.penalized()) {
                penalized = true;
                penalty += ctx.penaltyTerm();
            }
            if (!Double.isNaN(ctx.orthogonalityError()) && !(ctx.orthogonalityError() <= orthogonality)) {
                orthogonality = ctx.orthogonalityError();
            }
        }
        step = t;
        return new StepReport(t, false, predicted, penalized ? predicted + penalty : Double.NaN, orthogonality);
    }

    /**
     * The exception for parameter {@code i}'s gradient, known to hold a NaN, ±∞ or an entry beyond its group's
     * input limit; {@code applied}: whether the step may already have written parameters or state.
     */
    private IllegalArgumentException refusal(int i, boolean applied) {
        float[] g = params.get(i).grad();
        String name = params.get(i).name();
        for (int j = 0; j < g.length; j++) {
            if (!Float.isFinite(g[j])) {
                return new NonFiniteGradientException(name, j, g[j], applied);
            }
        }
        float limit = inputLimits[groupOf[i]];
        int j = 0;
        while (j < g.length - 1 && Math.abs(g[j]) < limit) {
            j++;
        }
        return new IllegalArgumentException("gradient entry " + j + " of parameter '" + name + "' is " + g[j]
                + ", beyond what group '" + spec.groups().get(groupOf[i]).name() + "' keeps in float (|g| < " + limit
                + "); scale the loss down " + (applied ? NonFiniteGradientException.APPLIED : NonFiniteGradientException.UNCHANGED));
    }

    /**
     * Runs group {@code g}'s chain and applies it to the group's parameters; returns ⟨g, u⟩ over them. Non-finite:
     * NaN when a gradient was refused before anything of the group was written, +∞ once it may have been.
     */
    private double descend(int g, List<Stage> stages, StepContext ctx, float lr, ByteBuffer[] values,
                           ByteBuffer[] grads) {
        int[] idx = members[g];
        if (values != null) {
            boolean direct = true;
            for (int k = 0; k < idx.length; k++) {
                groupValues.get(g).set(k, values[idx[k]]);
                groupGrads.get(g).set(k, grads[idx[k]]);
                direct &= values[idx[k]] != null;
            }
            double dot = direct ? descendDirect(g, stages, ctx, lr) : Double.NaN;
            java.util.Collections.fill(groupValues.get(g), null);
            java.util.Collections.fill(groupGrads.get(g), null);
            if (!Double.isNaN(dot)) {
                return dot;
            }
            // no fused form on buffers: step the arrays
            for (int i : idx) {
                copyIn(i, values, grads);
            }
            try {
                return descend(g, stages, ctx, lr, null, null);
            } finally {
                for (int i : idx) {
                    copyOut(i, values);
                }
            }
        }
        int n = stages.size();
        if (n == 0) {
            double dot = 0;
            for (int i : idx) {
                dot += Elementwise.descend(params.get(i).values(), params.get(i).grad(), params.get(i).grad(), lr);
            }
            return written(dot);
        }
        double decay = n == 2 ? stages.get(1).decoupledDecay() : n == 1 ? 0 : Double.NaN;
        if (!Double.isNaN(decay)) {
            double dot = stages.get(0).applyAndDescend(slots.get(g).get(0), ctx, (float) decay);
            if (!Double.isNaN(dot)) {
                return dot;
            }
            // NaN: no fused form (one that meets a non-finite value returns +∞, see Stage#applyAndDescend)
        }
        for (int i : idx) {
            if (!(Elementwise.copyMaxAbs(params.get(i).grad(), updates[i]) < inputLimits[g])) {
                return Double.NaN; // found before the group's parameters or state changed
            }
        }
        for (int k = 0; k < n; k++) {
            stages.get(k).apply(slots.get(g).get(k), ctx);
        }
        double dot = 0;
        for (int i : idx) {
            dot += Elementwise.descend(params.get(i).values(), updates[i], params.get(i).grad(), lr);
        }
        return written(dot);
    }

    /**
     * Group {@code g}'s fused step on the buffers in {@link #groupValues}/{@link #groupGrads}: ⟨g, u⟩, +∞ when a
     * gradient was not finite (the buffers perhaps written), or NaN having changed nothing when the chain has no
     * fused form on buffers.
     */
    private double descendDirect(int g, List<Stage> stages, StepContext ctx, float lr) {
        int n = stages.size();
        if (n == 0) {
            double dot = 0;
            for (int k = 0; k < groupValues.get(g).size(); k++) {
                dot += Elementwise.descend(groupValues.get(g).get(k), groupGrads.get(g).get(k), lr);
            }
            return written(dot);
        }
        double decay = n == 2 ? stages.get(1).decoupledDecay() : n == 1 ? 0 : Double.NaN;
        if (Double.isNaN(decay)) {
            return Double.NaN;
        }
        return stages.get(0).applyAndDescend(slots.get(g).get(0), groupValues.get(g), groupGrads.get(g), ctx,
                (float) decay);
    }

    /** ⟨g, u⟩ of a pass that has written parameters: NaN becomes +∞, NaN being kept for "refused before writing". */
    private static double written(double dot) {
        return Double.isNaN(dot) ? Double.POSITIVE_INFINITY : dot;
    }

    /** Throws {@link NonFiniteParameterException} for the first non-finite value among group {@code g}'s parameters. */
    private void throwIfNotFinite(int g) {
        for (int i : members[g]) {
            float[] v = params.get(i).values();
            for (int j = 0; j < v.length; j++) {
                if (!Float.isFinite(v[j])) {
                    throw new NonFiniteParameterException(params.get(i).name(), j, v[j], step);
                }
            }
        }
        // not reached: with g finite (the caller scanned it), ⟨g, u⟩ is non-finite only if some u is, and then so is
        // θ − lr·u at that entry
    }

    /** Steps taken (skipped steps not counted). */
    public long stepCount() {
        return step;
    }

    /** Steps skipped for non-finite gradients. */
    public long skippedSteps() {
        return skipped;
    }

    public OptimizerSpec spec() {
        return spec;
    }

    public List<Param> params() {
        return params;
    }

    /** The name of the group {@code paramName} belongs to. */
    public String groupOf(String paramName) {
        return spec.groups().get(groupOf[indexOf(paramName)]).name();
    }

    /**
     * One line per parameter — name, shape, the matrix a norm sees (rows × the product of the other dimensions,
     * so a conv kernel [out, in, kh, kw] is out × in·kh·kw), its {@link Role} and the group it joined — under a
     * header line, for checking which parameters get which step.
     */
    public String groupTable() {
        int w = "parameter".length();
        int ws = "shape".length();
        for (Param p : params) {
            w = Math.max(w, p.name().length());
            ws = Math.max(ws, p.shapeString().length());
        }
        StringBuilder sb = new StringBuilder();
        String fmt = "%-" + w + "s  %-" + ws + "s  %-11s  %-9s  %s%n";
        sb.append(String.format(java.util.Locale.ROOT, fmt, "parameter", "shape", "as matrix", "role", "group"));
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            sb.append(String.format(java.util.Locale.ROOT, fmt, p.name(), p.shapeString(),
                    p.isMatrix() ? p.rows() + "x" + p.cols() : "-", Role.of(p).name().toLowerCase(java.util.Locale.ROOT),
                    spec.groups().get(groupOf[i]).name()));
        }
        return sb.toString();
    }

    /** Total floats of state held by all stages for all parameters; fixed at construction. */
    public long stateSize() {
        long s = 0;
        for (StageState[] perParam : states) {
            for (StageState st : perParam) {
                s += st.totalSize();
            }
        }
        return s;
    }

    /** The number of stages in the chain of {@code paramName}'s group. */
    public int stageCount(String paramName) {
        return states[indexOf(paramName)].length;
    }

    /** The state of stage {@code stageIndex} (in its group's chain) for {@code paramName}: live, for inspection. */
    public StageState state(String paramName, int stageIndex) {
        return states[indexOf(paramName)][stageIndex];
    }

    private int indexOf(String paramName) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(paramName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no parameter named '" + paramName + "'");
    }

    /**
     * A snapshot (copy) of the whole state: configuration, step and skip counters, every stage's
     * buffers, and optionally the parameter values.
     */
    public Checkpoint checkpoint(Map<String, String> metadata, boolean withValues) {
        List<Checkpoint.Entry> entries = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            float[][][] buffers = new float[states[i].length][][];
            for (int k = 0; k < states[i].length; k++) {
                buffers[k] = new float[states[i][k].count()][];
                for (int b = 0; b < buffers[k].length; b++) {
                    buffers[k][b] = states[i][k].buffer(b).clone();
                }
            }
            entries.add(new Checkpoint.Entry(p.name(), p.shape(), spec.groups().get(groupOf[i]).name(), buffers,
                    withValues ? p.values().clone() : null));
        }
        return new Checkpoint(spec.spec(), step, skipped, entries, metadata);
    }

    /** Writes {@link #checkpoint checkpoint(Map.of(), false)} to {@code file} atomically. */
    public void save(Path file) {
        checkpoint(Map.of(), false).write(file);
    }

    /** Reads {@code file} and restores it (see {@link #restore(Checkpoint)}); returns what was read. */
    public Checkpoint restore(Path file) {
        Checkpoint cp = Checkpoint.read(file);
        restore(cp);
        return cp;
    }

    /**
     * Restores a checkpoint of this very configuration over these very parameters (names, order,
     * shapes, groups). Everything is checked before anything is written: a mismatch throws
     * {@link IllegalArgumentException} naming it and changes nothing. Parameter values are
     * restored too when the checkpoint holds them.
     */
    public void restore(Checkpoint cp) {
        if (!cp.config().equals(spec.spec())) {
            throw new IllegalArgumentException("checkpoint is of another optimizer configuration: it holds '"
                    + cp.config() + "' but this optimizer is '" + spec.spec() + "'");
        }
        List<Checkpoint.Entry> entries = cp.entries();
        if (entries.size() != params.size()) {
            throw new IllegalArgumentException("checkpoint holds " + entries.size() + " parameters but this optimizer has "
                    + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            Checkpoint.Entry e = entries.get(i);
            if (!e.name().equals(p.name())) {
                throw new IllegalArgumentException("checkpoint parameter " + (i + 1) + " is '" + e.name()
                        + "' but this optimizer's is '" + p.name() + "'");
            }
            if (!Arrays.equals(e.shape(), p.shape())) {
                throw new IllegalArgumentException("checkpoint parameter '" + e.name() + "' has shape "
                        + Arrays.toString(e.shape()) + " but this one has " + p.shapeString());
            }
            String group = spec.groups().get(groupOf[i]).name();
            if (!e.group().equals(group)) {
                throw new IllegalArgumentException("checkpoint parameter '" + e.name() + "' is in group '" + e.group()
                        + "' but here in '" + group + "'");
            }
            if (e.stageBuffers().length != states[i].length) {
                throw new IllegalArgumentException("checkpoint parameter '" + e.name() + "' has state for "
                        + e.stageBuffers().length + " stages, expected " + states[i].length);
            }
            for (int k = 0; k < states[i].length; k++) {
                float[][] bufs = e.stageBuffers()[k];
                if (bufs.length != states[i][k].count()) {
                    throw new IllegalArgumentException("checkpoint parameter '" + e.name() + "', stage " + (k + 1)
                            + ": " + bufs.length + " buffers, expected " + states[i][k].count());
                }
                for (int b = 0; b < bufs.length; b++) {
                    if (bufs[b].length != states[i][k].buffer(b).length) {
                        throw new IllegalArgumentException("checkpoint parameter '" + e.name() + "', stage " + (k + 1)
                                + ", buffer " + (b + 1) + ": " + bufs[b].length + " entries, expected "
                                + states[i][k].buffer(b).length);
                    }
                }
            }
            if (e.values() != null && e.values().length != p.size()) {
                throw new IllegalArgumentException("checkpoint parameter '" + e.name() + "' holds " + e.values().length
                        + " values, expected " + p.size());
            }
        }
        for (int i = 0; i < params.size(); i++) {
            Checkpoint.Entry e = entries.get(i);
            for (int k = 0; k < states[i].length; k++) {
                for (int b = 0; b < states[i][k].count(); b++) {
                    float[] dst = states[i][k].buffer(b);
                    System.arraycopy(e.stageBuffers()[k][b], 0, dst, 0, dst.length);
                }
            }
            if (e.values() != null) {
                System.arraycopy(e.values(), 0, params.get(i).values(), 0, params.get(i).size());
            }
        }
        step = cp.step();
        skipped = cp.skipped();
    }
}
