package dev.steepest.compare;

import dev.steepest.compare.RunResult.EpochPoint;
import dev.steepest.compare.RunResult.LocalLinearPoint;
import dev.steepest.compare.RunResult.StepPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts, drawn with XChart. */
public final class Plots {
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0x7f7f7f), new Color(0xbcbd22)};

    private Plots() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** PNG bytes of {@code chart}. */
    public static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYChart chart(String title, String x, String y, int w, int h) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendPosition(LegendPosition.InsideNE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        c.getStyler().setMarkerSize(5);
        return c;
    }

    /** Training loss (moving average over {@code window} steps) against step or seconds. */
    public static XYChart loss(List<RunResult> runs, boolean againstTime, int window) {
        XYChart c = chart((againstTime ? "Training loss against training time" : "Training loss per step")
                        + " (moving average over " + window + " steps)",
                againstTime ? "training time (s)" : "step", "training loss (nats)", 900, 480);
        c.getStyler().setLegendPosition(LegendPosition.OutsideE);
        int i = 0;
        for (RunResult r : runs) {
            List<StepPoint> s = r.steps();
            if (s.isEmpty()) {
                i++;
                continue;
            }
            double[] x = new double[s.size()];
            double[] y = new double[s.size()];
            double sum = 0;
            int n = 0;
            for (int k = 0; k < s.size(); k++) {
                x[k] = againstTime ? s.get(k).seconds() : s.get(k).step();
                sum += s.get(k).trainLoss();
                n++;
                if (k >= window) {
                    sum -= s.get(k - window).trainLoss();
                    n--;
                }
                y[k] = sum / n;
            }
            XYSeries series = c.addSeries(r.name(), x, y);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(color(i++));
        }
        return c;
    }

    /**
     * Per evaluation: test accuracy in percent against epoch or seconds (image models), or validation loss in nats
     * per character against step or seconds ({@code text}).
     */
    public static XYChart accuracy(List<RunResult> runs, boolean againstTime, boolean text) {
        String title = text
                ? (againstTime ? "Validation loss against training time" : "Validation loss per evaluation (by step)")
                : (againstTime ? "Test accuracy against training time" : "Test accuracy after each epoch");
        XYChart c = chart(title, againstTime ? "training time (s)" : text ? "step" : "epoch",
                text ? "validation loss (nats per character)" : "test accuracy (%)", 900, 480);
        c.getStyler().setLegendPosition(LegendPosition.OutsideE);
        int i = 0;
        for (RunResult r : runs) {
            List<EpochPoint> e = r.epochs().stream().filter(p -> Double.isFinite(p.testLoss())).toList();
            if (e.isEmpty()) {
                i++;
                continue;
            }
            double[] x = values(e, p -> againstTime ? p.seconds() : text ? p.step() : p.epoch());
            double[] y = values(e, p -> text ? p.valLoss() : 100 * p.testAccuracy());
            XYSeries series = c.addSeries(r.name(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(color(i));
            series.setLineColor(color(i++));
        }
        return c;
    }

    /**
     * Training loss (solid) next to test loss (dashed) per epoch (image models) or per evaluation by step
     * ({@code text}, where the test loss is the validation text's): the gap shows overfitting.
     */
    public static XYChart trainVsTest(List<RunResult> runs, boolean text) {
        XYChart c = chart(text ? "Training loss and validation loss per evaluation" : "Training loss and test loss per epoch",
                text ? "step" : "epoch", "loss (nats)", 900, 480);
        c.getStyler().setLegendPosition(LegendPosition.OutsideE);
        int i = 0;
        for (RunResult r : runs) {
            List<EpochPoint> e = r.epochs().stream().filter(p -> Double.isFinite(p.testLoss())).toList();
            if (e.isEmpty()) {
                i++;
                continue;
            }
            double[] x = values(e, p -> text ? p.step() : p.epoch());
            XYSeries tr = c.addSeries(r.name() + " training", x, values(e, EpochPoint::trainLoss));
            tr.setMarker(SeriesMarkers.CIRCLE);
            tr.setMarkerColor(color(i));
            tr.setLineColor(color(i));
            XYSeries te = c.addSeries(r.name() + (text ? " validation" : " test"), x, values(e, EpochPoint::testLoss));
            te.setMarker(SeriesMarkers.SQUARE);
            te.setMarkerColor(color(i));
            te.setLineColor(color(i++));
            te.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return c;
    }

    /**
     * The median of observed ÷ predicted loss change over the sampled steps with a predicted decrease (1: the
     * linear model was exact; below 1: curvature ate part of the gain; negative: the loss rose). NaN without any.
     */
    public static double medianRatio(RunResult r) {
        List<Double> q = new ArrayList<>();
        for (LocalLinearPoint p : r.localLinear()) {
            if (p.predicted() < 0 && Double.isFinite(p.observed())) {
                q.add(p.observed() / p.predicted());
            }
        }
        if (q.isEmpty()) {
            return Double.NaN;
        }
        q.sort(null);
        int n = q.size();
        return n % 2 == 1 ? q.get(n / 2) : (q.get(n / 2 - 1) + q.get(n / 2)) / 2;
    }

    /** The common axis range [lo, hi] of every run's local-linear points (and 0). */
    public static double[] localLinearRange(List<RunResult> runs) {
        double lo = 0;
        double hi = 0;
        for (RunResult r : runs) {
            for (LocalLinearPoint p : r.localLinear()) {
                if (Double.isFinite(p.predicted()) && Double.isFinite(p.observed())) {
                    lo = Math.min(lo, Math.min(p.predicted(), p.observed()));
                    hi = Math.max(hi, Math.max(p.predicted(), p.observed()));
                }
            }
        }
        if (hi - lo <= 0) {
            hi = lo + 1;
        }
        double pad = 0.05 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    /** Predicted ⟨g,u⟩ against the observed loss change for one run, on the common {@code range}, with the diagonal. */
    public static XYChart localLinear(RunResult r, int index, double[] range) {
        double ratio = medianRatio(r);
        XYChart c = chart(r.name() + (Double.isNaN(ratio) ? ": local-linear check"
                : String.format(java.util.Locale.ROOT, ": median ΔL/⟨g,u⟩ = %.2f", ratio)),
                "predicted ⟨g,u⟩", "observed ΔL (same batch)", 400, 400);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisMin(range[0]);
        c.getStyler().setXAxisMax(range[1]);
        c.getStyler().setYAxisMin(range[0]);
        c.getStyler().setYAxisMax(range[1]);
        XYSeries diag = c.addSeries("observed = predicted", new double[] {range[0], range[1]},
                new double[] {range[0], range[1]});
        diag.setMarker(SeriesMarkers.NONE);
        diag.setLineColor(Color.GRAY);
        diag.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        List<LocalLinearPoint> pts = r.localLinear();
        if (pts.isEmpty()) {
            return c;
        }
        XYSeries s = c.addSeries("steps", values(pts, LocalLinearPoint::predicted), values(pts, LocalLinearPoint::observed));
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color(index));
        return c;
    }

    /** One norm's path over the contours, with the norm's ball of the first step's radius and that step. */
    public static XYChart trajectory(Teaching.Problem p, Teaching.Trajectory t, int index) {
        double[] w = p.window().clone();
        XYChart c = trajectory(p, t, index, w);
        // equal scale: one unit of x as long as one unit of y on the page, so that the ℓ2 ball is a circle; widen the
        // range of the axis that is shorter on the page, measure again (tick labels change the plot's size a little)
        for (int round = 0; round < 3; round++) {
            double[] wh = plotSize(c);
            double sx = (w[1] - w[0]) / wh[0];
            double sy = (w[3] - w[2]) / wh[1];
            if (Math.abs(sx / sy - 1) < 0.005) {
                break;
            }
            if (sx > sy) {
                double mid = (w[2] + w[3]) / 2;
                double half = sx * wh[1] / 2;
                w[2] = mid - half;
                w[3] = mid + half;
            } else {
                double mid = (w[0] + w[1]) / 2;
                double half = sy * wh[0] / 2;
                w[0] = mid - half;
                w[1] = mid + half;
            }
            c = trajectory(p, t, index, w);
        }
        return c;
    }

    /**
     * For each run with a spectrum: the singular values of the gradient (dashed) and of the applied update (solid)
     * of the same hidden matrix, each divided by its largest, against their index, on a log scale.
     */
    public static XYChart spectra(List<RunResult> runs) {
        String param = runs.stream().filter(r -> r.spectrum() != null).map(r -> r.spectrum().parameter()).findFirst()
                .orElse("no sampled step");
        XYChart c = chart("Singular values of " + param + ": gradient (dashed) and update (solid), ÷ the largest",
                "index i", "σᵢ / σ₁ (log scale)", 900, 480);
        c.getStyler().setLegendPosition(LegendPosition.OutsideE);
        c.getStyler().setYAxisLogarithmic(true);
        int i = 0;
        boolean any = false;
        for (RunResult r : runs) {
            RunResult.Spectrum sp = r.spectrum();
            if (sp == null || sp.update().length == 0 || !(sp.update()[0] > 0) || !(sp.gradient()[0] > 0)) {
                i++;
                continue;
            }
            any = true;
            double[] x = new double[sp.update().length];
            double[] g = new double[x.length];
            double[] u = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                x[k] = k + 1;
                g[k] = Math.max(1e-8, sp.gradient()[k] / sp.gradient()[0]);
                u[k] = Math.max(1e-8, sp.update()[k] / sp.update()[0]);
            }
            XYSeries su = c.addSeries(r.name() + " update (step " + sp.step() + ")", x, u);
            su.setMarker(SeriesMarkers.NONE);
            su.setLineColor(color(i));
            XYSeries sg = c.addSeries(r.name() + " gradient", x, g);
            sg.setMarker(SeriesMarkers.NONE);
            sg.setLineColor(color(i++));
            sg.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        }
        if (!any) {
            c.addSeries("none", new double[] {1}, new double[] {1}).setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /** f(x_k) − f(x*) against step for each trajectory, on a log scale. */
    public static XYChart gap(Teaching.Problem p, Teaching.Trajectory[] ts) {
        XYChart c = chart("ℓ∞ on the quadratic: f − f* per step", "step",
                "f(x) − f(x*) (log scale)", 560, 420);
        c.getStyler().setLegendPosition(LegendPosition.OutsideS);
        c.getStyler().setYAxisLogarithmic(true);
        double fStar = p.value(p.minimum()[0], p.minimum()[1]);
        for (int i = 0; i < ts.length; i++) {
            double[] x = new double[ts[i].xs().length];
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                x[k] = k;
                y[k] = Math.max(1e-12, p.value(ts[i].xs()[k], ts[i].ys()[k]) - fStar);
            }
            XYSeries s = c.addSeries(ts[i].norm(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(color(i == 0 ? 2 : 1));
        }
        return c;
    }

    /** Width and height in pixels of {@code c}'s plot area, from a trial rendering. */
    static double[] plotSize(XYChart c) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(c.getWidth(), c.getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = img.createGraphics();
        try {
            c.paint(g, c.getWidth(), c.getHeight());
        } finally {
            g.dispose();
        }
        try {
            java.lang.reflect.Field f = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("plot");
            f.setAccessible(true);
            java.awt.geom.Rectangle2D b = ((org.knowm.xchart.internal.chartpart.ChartPart) f.get(c)).getBounds();
            return new double[] {b.getWidth(), b.getHeight()};
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot measure the chart's plot area", e);
        }
    }

    private static XYChart trajectory(Teaching.Problem p, Teaching.Trajectory t, int index, double[] w) {
        XYChart c = chart(t.norm() + " on " + p.name(), "x", "y", 420, 480);
        c.getStyler().setLegendPosition(LegendPosition.OutsideS);
        c.getStyler().setXAxisMin(w[0]);
        c.getStyler().setXAxisMax(w[1]);
        c.getStyler().setYAxisMin(w[2]);
        c.getStyler().setYAxisMax(w[3]);
        int k = 0;
        for (double[][] curve : p.contours()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < curve[0].length; i++) {
                boolean inside = curve[0][i] >= w[0] && curve[0][i] <= w[1] && curve[1][i] >= w[2] && curve[1][i] <= w[3];
                xs.add(curve[0][i]);
                ys.add(inside ? curve[1][i] : null);
            }
            XYSeries s = c.addSeries("level " + k++, xs, ys);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(0xbbbbbb));
            s.setLineWidth(1f);
            s.setShowInLegend(false);
        }
        XYSeries path = c.addSeries("path (" + (t.xs().length - 1) + " steps)", t.xs(), t.ys());
        path.setMarker(SeriesMarkers.CIRCLE);
        path.setMarkerColor(color(index));
        path.setLineColor(color(index));
        c.getStyler().setMarkerSize(3);
        double x0 = t.xs()[0];
        double y0 = t.ys()[0];
        double r = t.firstRadius();
        double[][] ball = t.unitBall();
        double[] bx = new double[ball[0].length];
        double[] by = new double[ball[1].length];
        for (int i = 0; i < bx.length; i++) {
            bx[i] = x0 + r * ball[0][i];
            by[i] = y0 + r * ball[1][i];
        }
        XYSeries b = c.addSeries("ball ‖Δ‖ ≤ ‖u₁‖", bx, by);
        b.setMarker(SeriesMarkers.NONE);
        b.setLineColor(Color.BLACK);
        b.setLineWidth(1.2f);
        XYSeries step = c.addSeries("first step u₁", new double[] {x0, x0 + t.firstStep()[0]},
                new double[] {y0, y0 + t.firstStep()[1]});
        step.setMarker(SeriesMarkers.DIAMOND);
        step.setMarkerColor(Color.BLACK);
        step.setLineColor(Color.BLACK);
        step.setLineWidth(2.5f);
        double[] m = p.minimum();
        XYSeries min = c.addSeries("minimum", new double[] {m[0]}, new double[] {m[1]});
        min.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        min.setMarker(SeriesMarkers.CROSS);
        min.setMarkerColor(Color.BLACK);
        return c;
    }

    private static <T> double[] values(List<T> list, ToDoubleFunction<T> f) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(list.get(i));
        }
        return out;
    }
}
