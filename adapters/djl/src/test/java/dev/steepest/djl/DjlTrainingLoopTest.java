package dev.steepest.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.steepest.optim.Presets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A training loop written as DJL's examples write it; the only line that differs from a loop with
 * {@code Optimizer.adam().build()} is the {@code optOptimizer(…)} argument.
 */
@Tag("slow")
class DjlTrainingLoopTest {

    @BeforeAll
    static void offline() {
        DjlEnvironment.configureOffline();
    }

    static java.util.List<String> presets() {
        return Presets.NAMES;
    }

    static float learningRate(String preset) {
        return switch (preset) {
            case "sgd", "polargrad" -> 0.05f;
            case "sgd-momentum" -> 0.01f;
            case "sign-dual" -> 0.0005f;
            case "adamw" -> 0.01f;
            default -> 0.01f;
        };
    }

    @ParameterizedTest
    @MethodSource("presets")
    void lossFallsWithEveryPresetInADjlLoop(String preset) throws Exception {
        Optimizer optimizer = SteepestOptimizer.builder().preset(preset).optLearningRate(learningRate(preset)).build();
        double[] losses = train(optimizer);
        assertTrue(losses[1] < 0.6 * losses[0], preset + ": loss should fall well below its start, went "
                + losses[0] + " → " + losses[1]);
    }

    @ParameterizedTest
    @MethodSource("presets")
    void lossFallsWithTheBlockGivenToo(String preset) throws Exception {
        double[] losses = trainWithBlock(preset);
        assertTrue(losses[1] < 0.6 * losses[0], preset + " (block mode): loss went " + losses[0] + " → " + losses[1]);
    }

    /** Mean training loss of the first and the last epoch. */
    static double[] train(Optimizer optimizer) throws Exception {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("tiny")) {
            model.setBlock(TinyProblem.mlp());
            NDArray[] xy = TinyProblem.data(manager, 3);
            ArrayDataset dataset = new ArrayDataset.Builder().setData(xy[0]).optLabels(xy[1])
                    .setSampling(24, true).build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, TinyProblem.D));
                double first = epoch(trainer, dataset);
                double last = first;
                for (int e = 0; e < 5; e++) {
                    last = epoch(trainer, dataset);
                }
                return new double[] {first, last};
            }
        }
    }

    private static double[] trainWithBlock(String preset) throws Exception {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("tiny")) {
            var block = TinyProblem.mlp();
            model.setBlock(block);
            NDArray[] xy = TinyProblem.data(manager, 3);
            ArrayDataset dataset = new ArrayDataset.Builder().setData(xy[0]).optLabels(xy[1])
                    .setSampling(24, true).build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(SteepestOptimizer.builder().preset(preset).optLearningRate(learningRate(preset))
                            .optBlock(block).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, TinyProblem.D));
                double first = epoch(trainer, dataset);
                double last = first;
                for (int e = 0; e < 5; e++) {
                    last = epoch(trainer, dataset);
                }
                return new double[] {first, last};
            }
        }
    }

    /** One epoch, each batch as in DJL's examples: forward, loss, backward in a collector, then trainer.step(). */
    static double epoch(Trainer trainer, ArrayDataset dataset) throws Exception {
        double sum = 0;
        int n = 0;
        for (Batch batch : trainer.iterateDataset(dataset)) {
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(batch.getData());
                NDArray loss = trainer.getLoss().evaluate(batch.getLabels(), predictions);
                collector.backward(loss);
                sum += loss.getFloat();
            }
            trainer.step();
            n++;
            batch.close();
        }
        return sum / n;
    }
}
