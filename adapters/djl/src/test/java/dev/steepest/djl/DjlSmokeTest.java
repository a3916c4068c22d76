package dev.steepest.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import org.junit.jupiter.api.Test;

class DjlSmokeTest {
    @Test
    void engineStartsOffline() throws Exception {
        System.out.println("cache " + DjlEnvironment.configureOffline());
        long t0 = System.nanoTime();
        Engine e = Engine.getEngine("PyTorch");
        System.out.println("engine " + e.getEngineName() + " " + e.getVersion() + " in " + (System.nanoTime() - t0) / 1e6 + " ms");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(4, 3));
            System.out.println(a);
            try (Model model = Model.newInstance("mlp")) {
                SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock(2))
                        .add(Linear.builder().setUnits(8).build()).add(Activation::relu)
                        .add(Linear.builder().setUnits(3).build());
                model.setBlock(net);
                DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(Optimizer.adam().build());
                try (Trainer tr = model.newTrainer(cfg)) {
                    tr.initialize(new Shape(1, 2));
                    net.getParameters().forEach(p -> System.out.println(p.getKey() + " id=" + p.getValue().getId()
                            + " name=" + p.getValue().getName() + " shape=" + p.getValue().getArray().getShape()));
                    NDArray x = m.randomNormal(new Shape(64, 2));
                    NDArray y = x.get(":,0").gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                    ArrayDataset ds = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(16, true).build();
                    EasyTrain.fit(tr, 3, ds, null);
                    System.out.println(tr.getTrainingResult());
                }
            }
        }
    }
}
