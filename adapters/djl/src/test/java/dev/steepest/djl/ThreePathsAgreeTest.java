package dev.steepest.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.steepest.core.kernels.Elementwise;
import dev.steepest.optim.NonFiniteGradientException;
import dev.steepest.optim.NonFinitePolicy;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Param;
import dev.steepest.optim.Presets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The elementwise presets three ways on the same parameters and gradients: the DJL adapter updating an NDArray
 * in place, {@link Optimizer#step()} on float arrays, and the float kernels of the rule called directly
 * (written out here from each preset's formula). All three write the same parameters, bit for bit, step after
 * step, and the adapter reports the optimizer's ⟨g, u⟩.
 */
class ThreePathsAgreeTest {

    @BeforeAll
    static void offline() {
        DjlEnvironment.configureOffline();
    }

    static Stream<Arguments> cases() {
        return Stream.of("sgd", "sgd-momentum", "adamw", "signsgd", "sign-dual")
                .flatMap(p -> Stream.of(1, 37, 1000, 4099).map(n -> Arguments.of(p, n)));
    }

    @ParameterizedTest(name = "{0}, n = {1}")
    @MethodSource("cases")
    void adapterOptimizerAndKernelsWriteTheSameParameters(String preset, int n) {
        float lr = 0.01f;
        long seed = 1000L * n + preset.hashCode();
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] start = new float[n];
        for (int i = 0; i < n; i++) {
            start[i] = (float) rnd.nextGaussian();
        }
        // 2: the optimizer on float arrays
        Param p = Param.vector("w", start.clone());
        Optimizer opt = Presets.get(preset, lr).build(List.of(p));
        // 3: the kernels of the preset's rule
        float[] w = start.clone(), m = new float[n], v = new float[n];
        SteepestOptimizer adapter = SteepestOptimizer.builder().preset(preset).optLearningRate(lr).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            // 1: the adapter, on an NDArray updated in place
            NDArray weight = manager.create(start.clone(), new Shape(n));
            for (int t = 1; t <= 4; t++) {
                float[] g = new float[n];
                for (int i = 0; i < n; i++) {
                    g[i] = rnd.nextInt(9) == 0 ? 0f : (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-2, 2)));
                }
                String what = preset + ", n = " + n + ", step " + t + ", seed " + seed;
                try (NDArray grad = manager.create(g.clone(), new Shape(n))) {
                    adapter.update("w", weight, grad);
                }
                System.arraycopy(g, 0, p.grad(), 0, n);
                double predicted = opt.step().predictedChange();
                switch (preset) {
                    case "sgd" -> Elementwise.sgd(w, g, lr);
                    case "sgd-momentum" -> Elementwise.momentumSgd(w, m, g, 0.9f, lr);
                    case "adamw" -> Elementwise.adamw(w, m, v, g, lr, 0.9f, 0.999f, 1e-8f, 0.01f, t);
                    case "signsgd" -> Elementwise.signStep(w, g, lr);
                    case "sign-dual" -> Elementwise.signStep(w, g, (float) (lr * Elementwise.sumAbs(g)));
                    default -> throw new IllegalStateException(preset);
                }
                assertArrayEquals(w, p.values(), what + ": optimizer vs kernels");
                assertArrayEquals(w, weight.toFloatArray(), what + ": adapter vs kernels");
                assertEquals(predicted, adapter.predictedChange(), 0, what + ": ⟨g, u⟩");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void aNonFiniteGradientIsRefusedAndTheWeightIsUntouchedWhenTheExceptionSaysSo(String preset) {
        // the default policy finds the NaN in the step's own pass over the tensor's memory: when the exception says
        // nothing was applied the weight is as it was; ERROR_UNCHANGED reads the gradient first and never writes
        for (NonFinitePolicy policy : new NonFinitePolicy[] {null, NonFinitePolicy.ERROR_UNCHANGED}) {
            int n = 300;
            float[] start = new float[n];
            for (int i = 0; i < n; i++) {
                start[i] = i * 0.01f;
            }
            SteepestOptimizer.Builder b = SteepestOptimizer.builder().preset(preset).optLearningRate(0.01f);
            SteepestOptimizer adapter = policy == null ? b.build() : b.optNonFinitePolicy(policy).build();
            String what = preset + ", policy " + (policy == null ? "default" : policy);
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray weight = manager.create(start.clone(), new Shape(n));
                float[] g = new float[n];
                java.util.Arrays.fill(g, 0.5f);
                g[n / 2] = Float.NaN;
                NonFiniteGradientException e;
                try (NDArray grad = manager.create(g, new Shape(n))) {
                    e = org.junit.jupiter.api.Assertions.assertThrows(NonFiniteGradientException.class,
                            () -> adapter.update("w", weight, grad), what);
                    assertEquals(n / 2, e.index(), what);
                }
                if (policy != null) {
                    org.junit.jupiter.api.Assertions.assertFalse(e.applied(), what);
                }
                if (!e.applied()) {
                    assertArrayEquals(start, weight.toFloatArray(), what + ": the weight was written");
                }
            }
        }
    }

    static Stream<String> presets() {
        return Stream.of("sgd", "sgd-momentum", "adamw", "signsgd", "sign-dual", "muon");
    }
}
