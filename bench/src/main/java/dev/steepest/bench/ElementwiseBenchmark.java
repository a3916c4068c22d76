package dev.steepest.bench;

import dev.steepest.core.kernels.Elementwise;
import dev.steepest.core.kernels.PlainKernels;
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

/** JMH: the elementwise kernels and the triad ceiling ({@code ./steepest bench --jmh Elementwise}). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class ElementwiseBenchmark {
    private static final dev.steepest.core.Norm LINF = new dev.steepest.core.vector.LInf();
    private static final dev.steepest.core.Norm LP3 = new dev.steepest.core.vector.Lp(3);


    @Param({"1048576", "16777216"})
    public int n;

    float[] w, m, v, g, a, b, c, work;
    long step;

    @Setup(Level.Trial)
    public void setup() {
        w = ElementwiseFamily.random(n, 1, 1);
        g = ElementwiseFamily.random(n, 2, 1);
        b = ElementwiseFamily.random(n, 3, 1);
        c = ElementwiseFamily.random(n, 4, 1);
        m = new float[n];
        v = new float[n];
        work = new float[n];
        a = new float[n];
    }

    @Benchmark
    public void triad() {
        ElementwiseFamily.triad(a, b, c, 0.5f);
    }

    @Benchmark
    public void sgd() {
        Elementwise.sgd(w, g, 1e-4f);
    }

    @Benchmark
    public void momentumSgd() {
        Elementwise.momentumSgd(w, m, g, 0.9f, 1e-4f);
    }

    @Benchmark
    public void nesterovSgd() {
        Elementwise.nesterovSgd(w, m, g, 0.9f, 1e-4f);
    }

    @Benchmark
    public void emaSgd() {
        Elementwise.emaSgd(w, m, g, 0.9f, 1e-4f);
    }

    @Benchmark
    public void weightDecay() {
        Elementwise.addScaled(m, w, 0.01f);
    }

    @Benchmark
    public void adamw() {
        Elementwise.adamw(w, m, v, g, 1e-4f, 0.9f, 0.999f, 1e-8f, 0.01f, ++step);
    }

    @Benchmark
    public void signSgd() {
        Elementwise.signStep(w, g, 1e-4f);
    }

    @Benchmark
    public void signSgdPlain() {
        PlainKernels.signStep(w, g, 1e-4f, 0, n);
    }

    @Benchmark
    public double signDual() {
        return LINF.descendInPlace(w, g, null, dev.steepest.core.Shape.vector(n), 1e-4 / n, true);
    }

    @Benchmark
    public double lpDual() {
        return LP3.descendInPlace(w, g, work, dev.steepest.core.Shape.vector(n), 1e-4 / n, true);
    }

    @Benchmark
    public double l1() {
        return Elementwise.sumAbs(g);
    }

    @Benchmark
    public double l1Plain() {
        return PlainKernels.sumAbs(g, 0, n);
    }

    @Benchmark
    public double l2() {
        return Elementwise.sumSquares(g);
    }

    @Benchmark
    public double l2Plain() {
        return PlainKernels.sumSquares(g, 0, n);
    }

    @Benchmark
    public float linf() {
        return Elementwise.maxAbs(g);
    }

    @Benchmark
    public float linfPlain() {
        return PlainKernels.maxAbs(g, 0, n);
    }
}
