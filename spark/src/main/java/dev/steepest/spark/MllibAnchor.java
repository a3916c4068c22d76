package dev.steepest.spark;

import dev.steepest.data.ImageDataset;
import dev.steepest.data.LabeledImages;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.classification.TrainingSummary;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The anchor a Spark user would pick instead: MLlib's own {@code LogisticRegression} (multinomial,
 * no regularization) or {@code MultilayerPerceptronClassifier} (layers 784, 256, 10; sigmoid hidden
 * layer, softmax output, L-BFGS), trained on the same training examples, split the same way (one
 * partition per worker, each read by its own task), and scored on the same test images on the driver.
 */
public final class MllibAnchor {
    /** The {@code --model} names of the anchors. */
    public static final List<String> MODELS = List.of("mllib-logreg", "mllib-mlp");

    /** What an anchor run is made of; {@code maxIter} is MLlib's iteration limit (L-BFGS iterations). */
    public record Settings(String model, String dataset, int workers, int maxIter, int blockSize, long seed,
                           int trainLimit, int testLimit) {
    }

    /**
     * The outcome. {@code iterations}: MLlib's count of optimizer iterations; {@code objective}: the
     * last value of its objective history (for both models the mean training cross-entropy, the
     * logistic regression's with no penalty as set here); {@code seconds}: the fit, including the
     * workers reading their partitions, without the test evaluation.
     */
    public record Result(int iterations, double objective, double testLoss, double testAccuracy, double seconds) {
    }

    /**
     * The BLAS that MLlib's matrix products use in this JVM: {@code JNIBLAS} when a system BLAS
     * ({@code libblas.so.3}) loads, else MLlib's fallback, {@code JavaBLAS} (the same choice as
     * Spark's {@code BLAS.nativeBLAS}).
     */
    public static String blas() {
        try {
            return dev.ludovic.netlib.blas.NativeBLAS.getInstance().getClass().getSimpleName();
        } catch (RuntimeException | LinkageError e) {
            return "JavaBLAS";
        }
    }

    private MllibAnchor() {
    }

    /** Trains {@code s.model()} on {@code sc}'s cluster; {@code data} is the driver's copy, for the test set. */
    public static Result run(JavaSparkContext sc, Settings s, ImageDataset data) {
        SparkSession spark = SparkSession.builder().getOrCreate();
        if (spark.sparkContext() != sc.sc()) {
            throw new IllegalStateException("the SQL session does not run on the given Spark context");
        }
        StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", new VectorUDT());
        String dataset = s.dataset();
        int limit = s.trainLimit();
        int workers = s.workers();
        JavaRDD<Row> rows = sc.parallelize(IntStream.range(0, workers).boxed().toList(), workers).flatMap(p -> {
            Shard sh = Shard.load(dataset, limit, p, workers);
            List<Row> out = new ArrayList<>(sh.size());
            for (int i = 0; i < sh.size(); i++) {
                double[] x = new double[Mlp.INPUTS];
                for (int j = 0; j < x.length; j++) {
                    x[j] = sh.pixels[i * Mlp.INPUTS + j];
                }
                out.add(RowFactory.create((double) sh.labels[i], Vectors.dense(x)));
            }
            return out.iterator();
        });
        Dataset<Row> train = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_ONLY());
        try {
            long t0 = System.nanoTime();
            ProbabilisticClassificationModel<Vector, ?> model;
            TrainingSummary summary;
            if (s.model().equals("mllib-logreg")) {
                var m = new LogisticRegression().setFamily("multinomial").setRegParam(0).setMaxIter(s.maxIter())
                        .fit(train);
                model = m;
                summary = m.summary();
            } else {
                var m = new MultilayerPerceptronClassifier().setLayers(new int[] {Mlp.INPUTS, Mlp.HIDDEN, Mlp.CLASSES})
                        .setMaxIter(s.maxIter()).setBlockSize(s.blockSize()).setSeed(s.seed()).fit(train);
                model = m;
                summary = m.summary();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[] history = summary.objectiveHistory();
            double[] ev = evaluate(model, data.test().range(0, Math.min(s.testLimit(), data.test().size())));
            return new Result(summary.totalIterations(), history.length == 0 ? Double.NaN : history[history.length - 1],
                    ev[0], ev[1], seconds);
        } finally {
            train.unpersist(false);
        }
    }

    /** Mean cross-entropy and accuracy of {@code model} on {@code test}, on the driver. */
    static double[] evaluate(ProbabilisticClassificationModel<Vector, ?> model, LabeledImages test) {
        int n = test.size();
        int[] all = IntStream.range(0, n).toArray();
        float[] x = test.gather(all, 0, n);
        int[] y = test.gatherLabels(all, 0, n);
        double loss = 0;
        int correct = 0;
        double[] v = new double[Mlp.INPUTS];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < v.length; j++) {
                v[j] = x[i * Mlp.INPUTS + j];
            }
            Vector p = model.predictProbability(Vectors.dense(v));
            int best = p.argmax();
            correct += best == y[i] ? 1 : 0;
            loss -= Math.log(Math.max(p.apply(y[i]), 1e-300));
        }
        return new double[] {loss / n, (double) correct / n};
    }
}
