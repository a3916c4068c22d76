package dev.steepest.bench;

import dev.steepest.kernels.ExactPolar;
import dev.steepest.kernels.NewtonSchulz;
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

    float[] g, out;
    NewtonSchulz ns;
    ExactPolar polar;
    Runnable gemms;

    @Setup(Level.Trial)
    public void setup() {
        String[] p = shape.split("x");
        int rows = Integer.parseInt(p[0]), cols = Integer.parseInt(p[1]);
        g = ElementwiseFamily.random(rows * cols, 7, 1);
        out = new float[rows * cols];
        ns = new NewtonSchulz(rows, cols);
        polar = new ExactPolar(rows, cols);
        gemms = ns::blasCallsOnly;
    }

    @Benchmark
    public float[] newtonSchulz5() {
        ns.orthogonalize(g, out);
        return out;
    }

    @Benchmark
    public void newtonSchulz5GemmsAlone() {
        gemms.run();
    }

    @Benchmark
    public float[] exactPolar() {
        polar.polar(g, out);
        return out;
    }

    @Benchmark
    public void sgesddAlone() {
        polar.svdOnly(g);
    }
}
