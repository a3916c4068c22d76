package dev.steepest.bench;

import dev.steepest.core.linalg.Blas;
import dev.steepest.core.linalg.ExactPolar;
import dev.steepest.core.linalg.FloatNewtonSchulz;
import dev.steepest.core.linalg.PolarSchedules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** JMH: Newton–Schulz ×5, its GEMMs alone, the exact polar factor and SGESDD alone ({@code --jmh Matrix}). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class MatrixBenchmark {

    @Param({"256x256", "1024x1024", "1024x4096"})
    public String shape;

    float[] g;
    FloatNewtonSchulz ns;
    ExactPolar polar;
    Runnable gemms;

    @Setup(Level.Trial)
    public void setup() {
        String[] p = shape.split("x");
        int rows = Integer.parseInt(p[0]), cols = Integer.parseInt(p[1]);
        g = ElementwiseFamily.random(rows * cols, 7, 1);
        ns = new FloatNewtonSchulz(rows, cols, PolarSchedules.ns5(), 1.0, Blas.get());
        polar = new ExactPolar(rows, cols, Blas.get());
        gemms = ns::blasCallsOnly;
    }

    @Benchmark
    public double newtonSchulz5() {
        return ns.orthogonalizeInPlace(g); // in place: O of O stays bounded
    }

    @Benchmark
    public void newtonSchulz5GemmsAlone() {
        gemms.run();
    }

    @Benchmark
    public double exactPolar() {
        return polar.polarInPlace(g);
    }

    @Benchmark
    public void sgesddAlone() {
        polar.svdOnly(g);
    }
}
