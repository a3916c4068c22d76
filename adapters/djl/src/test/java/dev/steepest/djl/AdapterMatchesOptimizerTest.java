package dev.steepest.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.OptimizerSpec;
import dev.steepest.optim.Param;
import dev.steepest.optim.Presets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adapter applies exactly the optimizers module's update: a DJL model trained with
 * {@link SteepestOptimizer} and a float-array copy of it stepped by the module's
 * {@link Optimizer} on the very same gradients stay equal, step after step.
 */
class AdapterMatchesOptimizerTest {

    @BeforeAll
    static void offline() {
        DjlEnvironment.configureOffline();
    }

    static List<String> presets() {
        return Presets.NAMES;
    }

    @ParameterizedTest
    @MethodSource("presets")
    void sameUpdateAsTheModuleWithoutBlock(String preset) {
        compare(preset, false);
    }

    @ParameterizedTest
    @MethodSource("presets")
    void sameUpdateAsTheModuleWithBlock(String preset) {
        compare(preset, true);
    }

    @Test
    void torchOptionsGoThroughTheBuilder() {
        compare("muon", true, Map.of("adjust_lr_fn", "original", "weight_decay", "0.1", "nesterov", "false",
                "ns_steps", "6"));
        compare("adamw", false, Map.of("betas", "0.8,0.99", "eps", "1e-6", "weight_decay", "0.1"));
        compare("normuon", true, Map.of("beta2", "0.9", "weight_decay", "0"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SteepestOptimizer.builder().preset("muon").option("betas", "0.9,0.9").build());
        assertTrue(e.getMessage().contains("'betas'"), e.getMessage());
        IllegalArgumentException twice = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SteepestOptimizer.builder().preset("muon").optLearningRate(0.1f).option("lr", 0.2).build());
        assertTrue(twice.getMessage().contains("'lr'"), twice.getMessage());
        assertEquals(Presets.get("muon", Map.of("lr", "0.02", "nesterov", "false")).spec(),
                SteepestOptimizer.builder().preset("muon").option("lr", 0.02).option("nesterov", false).build()
                        .spec().spec());
    }

    private static void compare(String preset, boolean withBlock) {
        compare(preset, withBlock, Map.of());
    }

    private static void compare(String preset, boolean withBlock, Map<String, String> options) {
        compare(preset, withBlock, options, Map.of());
    }

    @Test
    void aRoleSetByNameMovesTheOutputLayerIntoTheSpectralGroup() {
        // the module's copy gets the same role with Param.withRole: the two must still agree step by step,
        // and the output weight must then take the spectral step rather than AdamW's
        compare("muon", true, Map.of(), Map.of("output/04Linear_weight", dev.steepest.optim.Role.HIDDEN));
    }

    private static void compare(String preset, boolean withBlock, Map<String, String> options,
                                Map<String, dev.steepest.optim.Role> roles) {
        float lr = 0.01f;
        Engine.getInstance().setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("tiny")) {
            Block block = TinyProblem.mlp();
            model.setBlock(block);
            SteepestOptimizer.Builder b = SteepestOptimizer.builder().preset(preset).optLearningRate(lr).options(options);
            if (withBlock) {
                b.optBlock(block);
            }
            roles.forEach(b::optRole);
            SteepestOptimizer adapter = b.build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(adapter))) {
                trainer.initialize(new Shape(1, TinyProblem.D));
                NDArray[] xy = TinyProblem.data(manager, 5);
                // the module's copy: same names as the adapter gives them
                Map<String, String> names = ParameterNames.of(block);
                List<Param> params = new ArrayList<>();
                List<NDArray> arrays = new ArrayList<>();
                for (Pair<String, Parameter> p : block.getParameters()) {
                    NDArray a = p.getValue().getArray();
                    long[] s = a.getShape().getShape();
                    int[] shape = new int[s.length];
                    for (int i = 0; i < s.length; i++) {
                        shape[i] = (int) s[i];
                    }
                    String name = withBlock ? names.get(p.getValue().getId()) : p.getValue().getId();
                    float[] v = a.toFloatArray();
                    Param param = Param.wrap(name, shape, v, new float[v.length]);
                    params.add(roles.containsKey(name) ? param.withRole(roles.get(name)) : param);
                    arrays.add(a);
                }
                OptimizerSpec spec = Presets.get(preset, dev.steepest.optim.schedule.Schedules.constant(lr), options);
                List<Optimizer> module = new ArrayList<>();
                if (withBlock) {
                    module.add(spec.build(params));
                    for (String name : roles.keySet()) {
                        assertEquals("hidden", module.get(0).groupOf(name), "the role set by name decides the group");
                    }
                } else {
                    for (Param p : params) {
                        module.add(spec.build(List.of(p)));
                    }
                }
                for (int step = 0; step < 5; step++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray x = xy[0].get(step * 40 + ":" + (step * 40 + 40));
                        NDArray y = xy[1].get(step * 40 + ":" + (step * 40 + 40));
                        NDList pred = trainer.forward(new NDList(x));
                        gc.backward(trainer.getLoss().evaluate(new NDList(y), pred));
                    }
                    for (int i = 0; i < params.size(); i++) {
                        float[] g = arrays.get(i).getGradient().toFloatArray();
                        System.arraycopy(g, 0, params.get(i).grad(), 0, g.length);
                    }
                    trainer.step();
                    for (NDArray a : arrays) {
                        try (NDArray grad = a.getGradient(); NDArray abs = grad.abs(); NDArray sum = abs.sum()) {
                            assertEquals(0f, sum.getFloat(), preset + ": the gradient is cleared after the step");
                        }
                    }
                    double predicted = 0;
                    for (Optimizer o : module) {
                        predicted += o.step().predictedChange();
                    }
                    for (int i = 0; i < params.size(); i++) {
                        float[] djl = arrays.get(i).toFloatArray();
                        float[] ours = params.get(i).values();
                        for (int j = 0; j < djl.length; j++) {
                            assertEquals(ours[j], djl[j], 1e-6f * Math.max(1f, Math.abs(ours[j])),
                                    preset + ": step " + (step + 1) + ", " + params.get(i).name() + "[" + j + "]");
                        }
                    }
                    assertEquals(predicted, adapter.predictedChange(), 1e-9 + 1e-5 * Math.abs(predicted),
                            preset + ": predicted ⟨g,u⟩ at step " + (step + 1));
                    assertTrue(predicted < 0, preset + ": a descent step predicts a decrease, got " + predicted);
                }
                assertEquals(params.size(), adapter.parameterCount());
            }
        }
    }

    @Test
    void outputLayerIsNamedApartAndGroupedByTheRules() {
        try (Model model = Model.newInstance("tiny")) {
            Block block = TinyProblem.mlp();
            model.setBlock(block);
            block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, TinyProblem.D));
            List<String> names = new ArrayList<>(ParameterNames.of(block).values());
            assertEquals(List.of("02Linear_weight", "02Linear_bias", "output/04Linear_weight", "output/04Linear_bias"),
                    names);
        }
    }
}
