package dev.steepest.optim.stage.scaling;

import dev.steepest.optim.Param;

/**
 * A positive factor per tensor from its shape. For a weight matrix W: ℝ^{fan_in} → ℝ^{fan_out}
 * stored as fan_out × fan_in ({@link Param#rows()} × {@link Param#cols()}):
 *
 * <pre>
 *   unit        1
 *   fanRatio    √(fan_out / fan_in)        (RMS→RMS geometry; modula's Linear)
 *   original    √max(1, fan_out / fan_in)  (torch.optim.Muon's adjust_lr_fn="original")
 *   moonshot    0.2 · √max(fan_out, fan_in) (Moonshot's "match AdamW's update RMS")
 * </pre>
 * Vectors get 1 from every rule.
 */
public interface TensorScale {

    double of(Param p);

    String spec();

    static TensorScale unit() {
        return Named.UNIT;
    }

    static TensorScale fanRatio() {
        return Named.FAN_RATIO;
    }

    static TensorScale original() {
        return Named.ORIGINAL;
    }

    static TensorScale moonshot() {
        return Named.MOONSHOT;
    }

    /** The built-in rules. */
    enum Named implements TensorScale {
        UNIT("unit") {
            @Override
            public double of(Param p) {
                return 1;
            }
        },
        FAN_RATIO("sqrt(fan_out/fan_in)") {
            @Override
            public double of(Param p) {
                return p.isMatrix() ? Math.sqrt((double) p.rows() / p.cols()) : 1;
            }
        },
        ORIGINAL("sqrt(max(1,fan_out/fan_in))") {
            @Override
            public double of(Param p) {
                return p.isMatrix() ? Math.sqrt(Math.max(1, (double) p.rows() / p.cols())) : 1;
            }
        },
        MOONSHOT("0.2*sqrt(max(fan_out,fan_in))") {
            @Override
            public double of(Param p) {
                return p.isMatrix() ? 0.2 * Math.sqrt(Math.max(p.rows(), p.cols())) : 1;
            }
        };

        private final String spec;

        Named(String spec) {
            this.spec = spec;
        }

        @Override
        public String spec() {
            return spec;
        }
    }
}
