package dev.steepest.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.steepest.optim.NonFinitePolicy;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerSpec;
import dev.steepest.optim.Param;
import dev.steepest.optim.Presets;
import dev.steepest.optim.Role;
import dev.steepest.optim.StepReport;
import dev.steepest.optim.schedule.Schedule;
import dev.steepest.optim.schedule.Schedules;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * steepest's optimizers as a DJL {@link ai.djl.training.optimizer.Optimizer}: swap
 * {@code Optimizer.adam().build()} for {@code SteepestOptimizer.builder().preset("muon").build()}
 * in {@code DefaultTrainingConfig.optOptimizer(…)} and nothing else changes.
 *
 * <p>Each update runs the optimizers module's one code path ({@link Optimizer}). Where the engine hands out the
 * weight's own memory (PyTorch on the CPU) and DJL's gradient options are at their defaults, the step runs on the
 * weight's memory itself ({@link Optimizer#stepOnBuffers(ByteBuffer[], ByteBuffer[])}: sgd, the momentum presets
 * and AdamW read and write it in place, other presets copy it in and out inside the optimizer), with the gradient
 * read where it lies (one parameter) or from a copy in native memory (the joint step of a block, which outlives the
 * gradient DJL hands each call). Otherwise the weight and gradient are copied into float arrays, stepped, and the
 * weight is written back in place (through the view, else {@link NDArray#set(float[])}), which is what DJL's
 * {@code LocalParameterServer} expects. Either way the weight's gradient is then zeroed as DJL's PyTorch optimizers do (the engine accumulates
 * gradients otherwise). No NDArray temporaries outlive the call.
 *
 * <p>Two modes:
 * <ul>
 *   <li>Without a block (the one-line swap): one optimizer per parameter id, created on first
 *       sight, named by its id; its group is chosen by shape (rank ≥ 2 hidden, rank 1 vector).
 *       Exact for every preset, since each treats tensors independently.</li>
 *   <li>With {@link Builder#optBlock(Block)}: the parameters get the block's names (the last
 *       layer's as {@code output/…}, see {@link ParameterNames}) and one optimizer steps them all
 *       together once every trainable parameter has delivered its gradient, so compositions that
 *       couple tensors (global clipping, max combination) are exact too.</li>
 * </ul>
 * DJL's own builder options apply to the gradient first, as in DJL's optimizers:
 * g ← clip(rescaleGrad·g + wd·θ, ±clipGrad) with wd from {@code optWeightDecays} (default 0;
 * presets bring their own decoupled weight decay).
 */
public final class SteepestOptimizer extends ai.djl.training.optimizer.Optimizer {
    private final OptimizerSpec spec;
    private final Block block;
    private final Map<String, Single> singles = new HashMap<>();
    private final Map<String, Double> predicted = new LinkedHashMap<>();
    private Joint joint;
    /** Roles set by name ({@link Builder#optRole}), over those the naming rules guess. */
    private final Map<String, Role> roles;
    private StepReport lastReport;

    private SteepestOptimizer(Builder b) {
        super(b);
        this.spec = b.resolveSpec();
        this.block = b.block;
        this.roles = Map.copyOf(b.roles);
    }

    /** A builder in DJL's style. */
    public static Builder builder() {
        return new Builder();
    }

    /** The definition this optimizer runs. */
    public OptimizerSpec spec() {
        return spec;
    }

    /**
     * ⟨g, u⟩ of the latest update of every parameter, summed: the loss change the linear model
     * predicts for the last {@code trainer.step()} (weight decay included).
     */
    public double predictedChange() {
        double s = 0;
        for (double v : predicted.values()) {
            s += v;
        }
        return s;
    }

    /**
     * Which group each parameter of an initialized {@code block} joins under {@code optimizerSpec}, as
     * {@link Optimizer#groupTable()}: the names this adapter gives them with {@link Builder#optBlock} (the last
     * layer's as {@code output/…}), their shapes, the matrix a conv kernel is stepped as (out × in·kh·kw), role and
     * group. Nothing is trained and the block is not changed.
     */
    public static String groupTable(OptimizerSpec optimizerSpec, Block block) {
        Map<String, String> names = ParameterNames.of(block);
        Map<String, Parameter> byId = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            byId.put(p.getValue().getId(), p.getValue());
        }
        List<Param> params = new ArrayList<>();
        for (Map.Entry<String, String> e : names.entrySet()) {
            NDArray a = byId.get(e.getKey()).getArray();
            int n = Math.toIntExact(a.size());
            params.add(Param.wrap(e.getValue(), shapeOf(a), new float[n], new float[n]));
        }
        return optimizerSpec.build(params).groupTable();
    }

    /** The report of the latest joint step (block mode), or of the latest single-parameter step. */
    public StepReport lastReport() {
        return lastReport;
    }

    /** Number of parameters this optimizer holds state for. */
    public int parameterCount() {
        return joint != null ? joint.ids.size() : singles.size();
    }

    /** The group the parameter {@code parameterId} was put in (after its first update). */
    public String groupOf(String parameterId) {
        if (joint != null) {
            Integer i = joint.index.get(parameterId);
            if (i == null) {
                throw new IllegalArgumentException("no parameter with id " + parameterId);
            }
            return joint.optimizer.groupOf(joint.params.get(i).name());
        }
        Single s = singles.get(parameterId);
        if (s == null) {
            throw new IllegalArgumentException("no parameter with id " + parameterId + " has been updated yet");
        }
        return s.optimizer.groupOf(s.param.name());
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        if (block != null) {
            if (joint == null) {
                joint = new Joint(block, spec);
            }
            joint.accept(parameterId, weight, grad);
            return;
        }
        Single s = singles.computeIfAbsent(parameterId, id -> new Single(id, weight, spec, roles));
        s.check(weight);
        ByteBuffer view = sharedView(weight); // one view for reading and writing the weight
        ByteBuffer gradView = view != null && plainGradient() ? directView(grad) : null;
        StepReport r;
        if (gradView != null) {
            // the step runs on the tensors' own memory: nothing is copied
            r = s.optimizer.stepOnBuffers(new ByteBuffer[] {view.order(ByteOrder.nativeOrder())},
                    new ByteBuffer[] {gradView});
        } else {
            if (view != null) {
                view.order(ByteOrder.nativeOrder()).asFloatBuffer().get(s.param.values());
            } else {
                readInto(weight, s.param.values());
            }
            readGradient(grad, s.param.values(), s.param.grad());
            r = s.optimizer.step();
            if (view != null) {
                view.order(ByteOrder.nativeOrder()).asFloatBuffer().put(s.param.values());
            } else {
                weight.set(s.param.values());
            }
        }
        zeroGradient(weight);
        predicted.put(parameterId, r.predictedChange());
        lastReport = r;
    }

    /** Whether DJL's gradient conventions leave the gradient as it is (rescale 1, no weight decay, no clipping). */
    private boolean plainGradient() {
        return rescaleGrad == 1f && getWeightDecay() == 0f && !(clipGrad > 0 && !Float.isInfinite(clipGrad));
    }

    /** The array's entries in native memory, in native byte order (a view of its own memory, or of a contiguous copy), or null. */
    private static ByteBuffer directView(NDArray a) {
        if (a.size() == 0) {
            return null;
        }
        ByteBuffer b = a.toByteBuffer(true);
        return b.isDirect() ? b.order(ByteOrder.nativeOrder()) : null;
    }

    /** g ← clip(rescale·g + wd·θ, ±clip), DJL's gradient conventions. */
    private void readGradient(NDArray grad, float[] theta, float[] out) {
        readInto(grad, out);
        float wd = getWeightDecay();
        boolean clip = clipGrad > 0 && !Float.isInfinite(clipGrad);
        if (rescaleGrad == 1f && wd == 0f && !clip) {
            return;
        }
        for (int i = 0; i < out.length; i++) {
            float g = rescaleGrad * out[i] + wd * theta[i];
            out[i] = clip ? Math.max(-clipGrad, Math.min(clipGrad, g)) : g;
        }
    }

    /**
     * Clears the weight's accumulated gradient, as DJL's own PyTorch optimizers do inside their
     * update: the PyTorch engine does not zero gradients when a new collector opens.
     */
    private static void zeroGradient(NDArray weight) {
        if (weight.hasGradient()) {
            try (NDArray g = weight.getGradient()) {
                ByteBuffer view = sharedView(g);
                if (view == null) {
                    g.subi(g);
                } else {
                    // zeros written straight into the gradient's memory: a memset, no engine call
                    FloatBuffer f = view.order(ByteOrder.nativeOrder()).asFloatBuffer();
                    while (f.hasRemaining()) {
                        f.put(ZEROS, 0, Math.min(ZEROS.length, f.remaining()));
                    }
                }
            }
        }
    }

    private static final float[] ZEROS = new float[1 << 14];

    /**
     * Copies the array's entries into {@code out}. {@code toByteBuffer(true)} lets the engine hand
     * out a view of the array's own memory (PyTorch does on the CPU for contiguous arrays) instead
     * of a freshly allocated copy, so this is one copy rather than an allocation and two copies.
     */
    private static void readInto(NDArray a, float[] out) {
        a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer().get(out);
    }

    /**
     * Writes {@code values} into the weight in place: straight into its memory when the engine
     * exposes it (one copy), otherwise with {@link NDArray#set(float[])}, which allocates a
     * buffer and copies twice.
     */
    private static void writeBack(NDArray weight, float[] values) {
        ByteBuffer view = sharedView(weight);
        if (view != null) {
            view.order(ByteOrder.nativeOrder()).asFloatBuffer().put(values);
        } else {
            weight.set(values);
        }
    }

    /**
     * A writable buffer over the array's own memory, or null when the engine only hands out
     * copies (GPU arrays, non-contiguous arrays, other engines). Whether two views share memory
     * is tested directly: flip the first entry's bits through one, read them through the other,
     * flip them back.
     */
    private static ByteBuffer sharedView(NDArray a) {
        if (a.size() == 0) {
            return null;
        }
        ByteBuffer first = a.toByteBuffer(true);
        if (!first.isDirect() || first.isReadOnly()) {
            return null;
        }
        ByteBuffer second = a.toByteBuffer(true);
        int bits = first.getInt(0);
        first.putInt(0, ~bits);
        boolean shared = second.getInt(0) == ~bits;
        first.putInt(0, bits);
        return shared ? first : null;
    }

    /** {@code p} with the role {@code roles} sets for its name, if any. */
    private static Param withRole(Param p, Map<String, Role> roles) {
        Role r = roles.get(p.name());
        return r == null ? p : p.withRole(r);
    }

    private static int[] shapeOf(NDArray a) {
        long[] s = a.getShape().getShape();
        if (s.length == 0) {
            return new int[] {1};
        }
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Math.toIntExact(s[i]);
        }
        return out;
    }

    /** One parameter with its own optimizer (no block given). */
    private static final class Single {
        final Param param;
        final Optimizer optimizer;

        Single(String id, NDArray weight, OptimizerSpec spec, Map<String, Role> roles) {
            checkFloat(id, weight);
            int[] shape = shapeOf(weight);
            int n = Math.toIntExact(weight.size());
            param = withRole(Param.wrap(id, shape, new float[n], new float[n]), roles);
            optimizer = spec.build(List.of(param));
        }

        void check(NDArray weight) {
            if (weight.size() != param.size()) {
                throw new IllegalArgumentException("parameter " + param.name() + " changed size from " + param.size()
                        + " to " + weight.size());
            }
        }
    }

    private static void checkFloat(String name, NDArray a) {
        if (a.getDataType() != ai.djl.ndarray.types.DataType.FLOAT32) {
            throw new IllegalArgumentException("parameter " + name + " is " + a.getDataType()
                    + "; steepest's DJL optimizer updates float32 parameters");
        }
    }

    /** All trainable parameters of a block under one optimizer, stepped once every gradient is in. */
    private final class Joint {
        final List<String> ids = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        final List<Param> params = new ArrayList<>();
        final NDArray[] weights;
        /**
         * Per parameter, a view of its weight's memory for this step (null: its arrays are used), and the gradient's
         * copy in native memory it then steps with: DJL closes the gradient it hands {@code update} when the call
         * returns, and the joint step comes only once every parameter's gradient is in.
         */
        final ByteBuffer[] views;
        final ByteBuffer[] gradCopies;
        final boolean[] received;
        int count;
        final Optimizer optimizer;

        Joint(Block block, OptimizerSpec spec) {
            Map<String, String> names = ParameterNames.of(block);
            Map<String, Parameter> byId = new HashMap<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                byId.put(p.getValue().getId(), p.getValue());
            }
            for (Map.Entry<String, String> e : names.entrySet()) {
                NDArray a = byId.get(e.getKey()).getArray();
                checkFloat(e.getValue(), a);
                int n = Math.toIntExact(a.size());
                index.put(e.getKey(), ids.size());
                ids.add(e.getKey());
                params.add(withRole(Param.wrap(e.getValue(), shapeOf(a), new float[n], new float[n]), roles));
            }
            if (params.isEmpty()) {
                throw new IllegalArgumentException("the block given to SteepestOptimizer has no trainable parameter");
            }
            weights = new NDArray[params.size()];
            views = new ByteBuffer[params.size()];
            gradCopies = new ByteBuffer[params.size()];
            received = new boolean[params.size()];
            optimizer = spec.build(params);
        }

        void accept(String id, NDArray weight, NDArray grad) {
            Integer i = index.get(id);
            if (i == null) {
                throw new IllegalArgumentException("parameter id " + id + " is not a trainable parameter of the block "
                        + "given to SteepestOptimizer.builder().optBlock(…)");
            }
            if (received[i]) {
                throw new IllegalStateException("parameter " + params.get(i).name() + " was updated twice before "
                        + "every other parameter of the block had its gradient");
            }
            Param p = params.get(i);
            if (weight.size() != p.size()) {
                throw new IllegalArgumentException("parameter " + p.name() + " has " + weight.size()
                        + " entries but " + p.size() + " when the optimizer was built");
            }
            ByteBuffer view = plainGradient() ? sharedView(weight) : null;
            ByteBuffer gradView = view != null ? directView(grad) : null;
            if (gradView != null) {
                if (gradCopies[i] == null) {
                    gradCopies[i] = ByteBuffer.allocateDirect(4 * p.size()).order(ByteOrder.nativeOrder());
                }
                gradCopies[i].asFloatBuffer().put(gradView.asFloatBuffer()); // the weight is stepped in place
                views[i] = view.order(ByteOrder.nativeOrder());
            } else {
                readInto(weight, p.values());
                readGradient(grad, p.values(), p.grad());
                views[i] = null;
            }
            weights[i] = weight;
            received[i] = true;
            if (++count < params.size()) {
                return;
            }
            ByteBuffer[] grads = new ByteBuffer[params.size()];
            for (int k = 0; k < params.size(); k++) {
                grads[k] = views[k] == null ? null : gradCopies[k];
            }
            StepReport r;
            try {
                r = optimizer.stepOnBuffers(views, grads);
            } finally {
                for (int k = 0; k < params.size(); k++) {
                    if (views[k] == null) {
                        writeBack(weights[k], params.get(k).values());
                    }
                    views[k] = null;
                }
            }
            for (int k = 0; k < params.size(); k++) {
                zeroGradient(weights[k]);
                weights[k] = null;
                received[k] = false;
            }
            count = 0;
            lastReport = r;
            predicted.clear();
            predicted.put("all", r.predictedChange());
        }
    }

    /** Builds a {@link SteepestOptimizer}: a preset by name, or any {@link OptimizerSpec}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private String preset;
        private OptimizerSpec spec;
        private Schedule schedule;
        private Block block;
        private NonFinitePolicy nonFinite;
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<String, Role> roles = new LinkedHashMap<>();

        Builder() {
        }

        /**
         * Sets the role of the parameter called {@code name} (as {@link #groupTable} lists the names: DJL's parameter
         * id without a block, the adapter's name with one) instead of the role the naming rules guess, e.g.
         * {@code .optRole("output/linear_weight", Role.OUTPUT)}; the presets choose each parameter's group by role.
         */
        public Builder optRole(String name, Role role) {
            if (name == null || name.isBlank() || role == null) {
                throw new IllegalArgumentException("optRole needs a parameter name and a role");
            }
            roles.put(name, role);
            return this;
        }

        /**
         * A preset option by its PyTorch name (see {@link Presets#options}), e.g. {@code .option("weight_decay",
         * "0.1").option("adjust_lr_fn", "original")} on {@code muon}; checked when the optimizer is built (an
         * unknown key or a bad value is an {@link IllegalArgumentException} naming the key).
         */
        public Builder option(String key, String value) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("an option needs a non-blank key");
            }
            if (value == null) {
                throw new IllegalArgumentException("option '" + key + "' needs a value");
            }
            options.put(key.strip(), value.strip());
            return this;
        }

        /** A numeric preset option, as {@link #option(String, String)}. */
        public Builder option(String key, double value) {
            return option(key, Double.toString(value));
        }

        /** A boolean preset option, as {@link #option(String, String)}. */
        public Builder option(String key, boolean value) {
            return option(key, Boolean.toString(value));
        }

        /** Every entry of {@code keyValues} as {@link #option(String, String)}. */
        public Builder options(Map<String, String> keyValues) {
            keyValues.forEach(this::option);
            return this;
        }

        /** One of {@link Presets#NAMES}: sgd, sgd-momentum, signsgd, sign-dual, muon, polargrad, scion, adamw, normuon, adamuon. */
        public Builder preset(String name) {
            Presets.formula(name); // throws naming the choices for an unknown name
            this.preset = name;
            this.spec = null;
            return this;
        }

        /** A user-built composition (it carries its own learning rates). */
        public Builder spec(OptimizerSpec optimizerSpec) {
            if (optimizerSpec == null) {
                throw new IllegalArgumentException("spec must not be null");
            }
            this.spec = optimizerSpec;
            this.preset = null;
            return this;
        }

        /** A constant learning rate for the preset. */
        public Builder optLearningRate(float lr) {
            if (!(lr > 0) || Float.isInfinite(lr)) {
                throw new IllegalArgumentException("the learning rate must be positive and finite, got " + lr);
            }
            this.schedule = Schedules.constant(lr);
            return this;
        }

        /** A learning-rate schedule for the preset (see {@link Schedules}). */
        public Builder optLearningRateSchedule(Schedule lr) {
            this.schedule = lr;
            return this;
        }

        /**
         * What an update does with a NaN or ±∞ gradient entry ({@link NonFinitePolicy}). The default,
         * {@link NonFinitePolicy#ERROR}, finds it in the step's own pass over the tensors' memory and throws; the
         * weight may then hold part of the step ({@link dev.steepest.optim.NonFiniteGradientException#applied()}).
         * {@link NonFinitePolicy#ERROR_UNCHANGED} reads every gradient once more first and never writes on a
         * refusal; {@link NonFinitePolicy#SKIP} skips such updates.
         */
        public Builder optNonFinitePolicy(NonFinitePolicy policy) {
            if (policy == null) {
                throw new IllegalArgumentException("the non-finite policy must not be null");
            }
            this.nonFinite = policy;
            return this;
        }

        /** The model's block: gives parameters their names (output layer apart) and steps them jointly. */
        public Builder optBlock(Block modelBlock) {
            this.block = modelBlock;
            return this;
        }

        OptimizerSpec resolveSpec() {
            OptimizerSpec s = resolvePreset();
            return nonFinite == null ? s : s.withNonFinitePolicy(nonFinite);
        }

        private OptimizerSpec resolvePreset() {
            if (spec != null) {
                if (schedule != null) {
                    throw new IllegalArgumentException("a learning rate was given together with a spec; "
                            + "a spec carries its own learning rates");
                }
                if (!options.isEmpty()) {
                    throw new IllegalArgumentException("preset options (" + String.join(", ", options.keySet())
                            + ") were given together with a spec; options belong to a preset");
                }
                return spec;
            }
            if (preset == null) {
                throw new IllegalArgumentException("choose a preset (" + String.join(", ", Presets.NAMES)
                        + ") or give a spec");
            }
            return Presets.get(preset, schedule, options);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The optimizer. */
        public SteepestOptimizer build() {
            return new SteepestOptimizer(this);
        }
    }
}
