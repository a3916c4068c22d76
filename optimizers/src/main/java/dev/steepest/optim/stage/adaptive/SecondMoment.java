package dev.steepest.optim.stage.adaptive;

import dev.steepest.optim.Param;
import dev.steepest.optim.Phase;
import dev.steepest.optim.Slot;
import dev.steepest.optim.Stage;
import dev.steepest.optim.StageState;
import dev.steepest.optim.StepContext;
import java.util.List;

/**
 * Adam-style second-moment normalization of the update that reaches it (in NorMuon and AdaMuon, the orthogonalized
 * direction O), without bias correction, as both papers write it:
 *
 * <pre>
 *   perRow(β, ε)        v ← β·v + (1−β)·mean_cols(O ⊙ O)   (one entry per row: per neuron)    out O ⊘ (√v + ε), row-wise
 *   elementwise(β, ε)   V ← β·V + (1−β)·O ⊙ O              (one entry per parameter entry)    out O ⊘ (√V + ε)
 * </pre>
 * A vector is one row. State: v of length rows (per row) or of the parameter's size (element-wise), zero at the
 * start. In float; β and ε rounded to float.
 */
public final class SecondMoment implements Stage {
    private final boolean perRow;
    private final double beta;
    private final double eps;

    private SecondMoment(boolean perRow, double beta, double eps) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("second-moment β must be in [0, 1), got " + beta);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("second-moment ε must be ≥ 0 and finite, got " + eps);
        }
        this.perRow = perRow;
        this.beta = beta;
        this.eps = eps;
    }

    /** NorMuon's neuron-wise form: one second moment per row, from the row's mean square. */
    public static SecondMoment perRow(double beta, double eps) {
        return new SecondMoment(true, beta, eps);
    }

    /** AdaMuon's element-wise form: one second moment per entry. */
    public static SecondMoment elementwise(double beta, double eps) {
        return new SecondMoment(false, beta, eps);
    }

    @Override
    public String spec() {
        return "second-moment(" + (perRow ? "per-row" : "elementwise") + ", beta=" + beta + ", eps=" + eps + ")";
    }

    @Override
    public Phase phase() {
        return Phase.DIRECTION;
    }

    @Override
    public StageState init(Param param) {
        return StageState.zeros(1, perRow ? rows(param) : param.size());
    }

    private static int rows(Param p) {
        return p.isMatrix() ? p.rows() : 1;
    }

    @Override
    public void apply(List<Slot> slots, StepContext ctx) {
        float b = (float) beta;
        float a = 1f - b;
        float e = (float) eps;
        for (Slot s : slots) {
            float[] v = s.state().buffer(0);
            float[] u = s.update();
            if (perRow) {
                int rows = v.length;
                int cols = u.length / rows;
                for (int r = 0; r < rows; r++) {
                    int off = r * cols;
                    double sq = 0;
                    for (int j = 0; j < cols; j++) {
                        sq += (double) u[off + j] * u[off + j];
                    }
                    float vr = b * v[r] + a * (float) (sq / cols);
                    v[r] = vr;
                    float d = Math.max((float) Math.sqrt(vr) + e, Float.MIN_VALUE);
                    for (int j = 0; j < cols; j++) {
                        u[off + j] = u[off + j] / d;
                    }
                }
            } else {
                for (int i = 0; i < u.length; i++) {
                    float ui = u[i];
                    float vi = b * v[i] + a * (ui * ui);
                    v[i] = vi;
                    u[i] = ui / Math.max((float) Math.sqrt(vi) + e, Float.MIN_VALUE);
                }
            }
        }
    }
}
