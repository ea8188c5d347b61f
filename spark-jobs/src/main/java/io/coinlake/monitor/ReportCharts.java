package io.coinlake.monitor;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart to inline SVG ({@link SvgChart}): overlaid reference and
 * current histograms of a column, the drift score of every column against its threshold, the
 * mean prediction against the mean realized value per day, and the errors per period against the
 * degradation limits. One look for all: white background, light grid, reference blue, current
 * orange, drift red, no drift green.
 */
final class ReportCharts {
  static final Color REFERENCE = new Color(0x4C78A8);
  static final Color CURRENT = new Color(0xF58518);
  static final Color DRIFT = new Color(0xC0392B);
  static final Color OK = new Color(0x2E8B57);
  static final Color LIMIT = new Color(0x333333);
  static final Color REALIZED = new Color(0x3B3B3B);
  /** Width of a histogram: three fit side by side on a 1240-pixel page. */
  static final int WIDTH = 360;
  private static final Color GRID = new Color(0xE6E6E6);
  private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  private ReportCharts() {}

  /** Reference and current as shares of their rows over the column's shared bins, overlaid. */
  static String histogram(ColumnReport column, String id) {
    Histogram h = column.histogram();
    List<Double> reference = shares(h.reference());
    List<Double> current = shares(h.current());
    if (!h.isNumerical()) {
      CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(210).yAxisTitle("% of rows").build();
      style(chart.getStyler());
      chart.getStyler().setLegendVisible(false);
      chart.getStyler().setOverlapped(true);
      chart.getStyler().setXAxisLabelRotation(h.bins() > 6 ? 45 : 0);
      addBars(chart, "reference", h.categories(), reference, REFERENCE);
      addBars(chart, "current", h.categories(), current, CURRENT);
      return SvgChart.inline(chart, id);
    }
    XYChart chart = new XYChartBuilder().width(WIDTH).height(210).yAxisTitle("% of rows").build();
    style(chart.getStyler());
    chart.getStyler().setLegendVisible(false);
    int[] shown = visibleBins(h);
    List<Double> edges = h.edges().subList(shown[0], shown[1] + 2);
    // XChart spaces ticks evenly from the axis minimum: start the axis at a round value so they read well
    double[] axis = niceRange(edges.get(0), edges.get(edges.size() - 1));
    chart.getStyler().setXAxisMin(axis[0]);
    chart.getStyler().setXAxisMax(axis[1]);
    step(chart, "reference", edges, reference.subList(shown[0], shown[1] + 1), REFERENCE);
    step(chart, "current", edges, current.subList(shown[0], shown[1] + 1), CURRENT);
    return SvgChart.inline(chart, id);
  }

  /** The share of rows a zoomed histogram may leave out at each end, in either window. */
  static final double TAIL = 0.0025;

  /**
   * The first and last bin to draw: heavy tails (one coin's 300% day) stretch equal-width bins so
   * far that the bulk of both windows falls into two or three bars. The outer bins are left out
   * while, in each window, at most {@value #TAIL} of the rows lie beyond them on that side.
   */
  static int[] visibleBins(Histogram h) {
    int first = 0;
    int last = h.bins() - 1;
    while (first < last && tailShare(h.reference(), 0, first) <= TAIL && tailShare(h.current(), 0, first) <= TAIL) {
      first++;
    }
    while (last > first && tailShare(h.reference(), last, h.bins() - 1) <= TAIL && tailShare(h.current(), last, h.bins() - 1) <= TAIL) {
      last--;
    }
    return new int[] {first, last};
  }

  /** True when {@link #visibleBins} leaves bins out. */
  static boolean zoomed(Histogram h) {
    int[] shown = visibleBins(h);
    return h.isNumerical() && (shown[0] > 0 || shown[1] < h.bins() - 1);
  }

  /** The share of all counts in bins {@code from..to} (inclusive). */
  private static double tailShare(List<Long> counts, int from, int to) {
    long total = counts.stream().mapToLong(Long::longValue).sum();
    long part = 0;
    for (int i = from; i <= to; i++) {
      part += counts.get(i);
    }
    return total == 0 ? 0 : (double) part / total;
  }

  /** Every column's drift score (red when it drifted, green when not) with its threshold as a line. */
  static String driftScores(List<ColumnReport> columns, String id) {
    int width = Math.max(520, Math.min(1160, 120 + 70 * columns.size()));
    int longest = columns.stream().mapToInt(c -> c.name().length()).max().orElse(0);
    int height = 240 + (columns.size() > 6 ? 6 * longest : 0); // room for the slanted names
    CategoryChart chart = new CategoryChartBuilder().width(width).height(height).yAxisTitle("drift score").build();
    style(chart.getStyler());
    chart.getStyler().setOverlapped(true);
    // XChart leaves out category labels that would overlap: slant them so every feature is named
    chart.getStyler().setXAxisLabelRotation(columns.size() > 6 ? 45 : 0);
    chart.getStyler().setXAxisMaxLabelCount(Math.max(2, columns.size())); // XChart takes 2 or more
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setYAxisMin(0.0);
    List<String> names = columns.stream().map(ColumnReport::name).toList();
    List<Double> drifted = new ArrayList<>();
    List<Double> fine = new ArrayList<>();
    List<Double> thresholds = new ArrayList<>();
    for (ColumnReport c : columns) {
      double score = Double.isFinite(c.drift().score()) ? c.drift().score() : 0.0;
      drifted.add(c.drift().detected() ? score : 0.0);
      fine.add(c.drift().detected() ? 0.0 : score);
      thresholds.add(c.drift().threshold());
    }
    addBars(chart, "drifted", names, drifted, DRIFT);
    addBars(chart, "no drift", names, fine, OK);
    CategorySeries threshold = chart.addSeries("threshold", names, thresholds);
    threshold.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    threshold.setLineColor(LIMIT);
    threshold.setLineStyle(DASHED);
    threshold.setMarker(SeriesMarkers.DIAMOND);
    threshold.setMarkerColor(LIMIT);
    return SvgChart.inline(chart, id);
  }

  /** Mean prediction per day against the mean realized value of the days whose labels matured. */
  static String predictionsOverTime(List<ModelQuality.DailyPredictions> days, String id) {
    XYChart chart = timeChart(560, "volatility (mean over symbols)");
    List<Date> x = new ArrayList<>();
    List<Double> predicted = new ArrayList<>();
    List<Date> labeledX = new ArrayList<>();
    List<Double> realized = new ArrayList<>();
    for (ModelQuality.DailyPredictions d : days) {
      x.add(date(d.day()));
      predicted.add(d.meanPrediction());
      if (d.meanRealized() != null) {
        labeledX.add(date(d.day()));
        realized.add(d.meanRealized());
      }
    }
    line(chart, "predicted", x, predicted, CURRENT, SeriesLines.SOLID);
    if (!realized.isEmpty()) {
      line(chart, "realized", labeledX, realized, REALIZED, SeriesLines.SOLID);
    }
    padSingleDay(chart, days.stream().map(ModelQuality.DailyPredictions::day).toList());
    return SvgChart.inline(chart, id);
  }

  /**
   * One error metric per period with its degradation limit ({@code factor} x CV) and the CV value
   * as dashed lines; {@code metrics} picks which (rmse, mae, qlike), all on one y axis.
   */
  static String errorsOverTime(List<ModelQuality.PeriodErrors> periods, Degradation degradation, List<String> metrics, String id) {
    XYChart chart = timeChart(540, String.join(" / ", metrics));
    List<Date> x = periods.stream().map(p -> date(p.start())).toList();
    Color[] colors = {CURRENT, REALIZED, DRIFT};
    List<Date> span = List.of(x.get(0), x.get(x.size() - 1));
    for (int i = 0; i < metrics.size(); i++) {
      String metric = metrics.get(i);
      Color color = colors[i % colors.length];
      line(chart, metric, x, periods.stream().map(p -> p.errors().byName().get(metric)).toList(), color, SeriesLines.SOLID);
      double cv = degradation.cv().byName().get(metric);
      if (Double.isFinite(cv)) {
        XYSeries limit = line(chart, metric + " limit (" + format(degradation.factor()) + " x CV)", span,
            List.of(cv * degradation.factor(), cv * degradation.factor()), color, DASHED);
        limit.setMarker(SeriesMarkers.NONE);
      }
    }
    padSingleDay(chart, periods.stream().map(ModelQuality.PeriodErrors::start).toList());
    chart.getStyler().setYAxisMin(0.0);
    return SvgChart.inline(chart, id);
  }

  private static XYChart timeChart(int width, String yTitle) {
    XYChart chart = new XYChartBuilder().width(width).height(260).yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setDatePattern("MM-dd");
    chart.getStyler().setTimezone(TimeZone.getTimeZone(ZoneOffset.UTC));
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setLegendPadding(8);
    chart.getStyler().setXAxisMaxLabelCount(8);
    return chart;
  }

  /** A time axis over one day has no width: widen it by a day on each side. */
  private static void padSingleDay(XYChart chart, List<LocalDate> days) {
    LocalDate first = days.stream().min(LocalDate::compareTo).orElseThrow();
    LocalDate last = days.stream().max(LocalDate::compareTo).orElseThrow();
    if (first.equals(last)) {
      chart.getStyler().setXAxisMin((double) date(first.minusDays(1)).getTime());
      chart.getStyler().setXAxisMax((double) date(last.plusDays(1)).getTime());
    }
  }

  private static void style(AxesChartStyler s) {
    s.setBaseFont(BASE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setPlotGridLinesColor(GRID);
    s.setPlotGridVerticalLinesVisible(false);
    s.setChartPadding(6);
    s.setChartTitleVisible(false);
    s.setAxisTickLabelsFont(SMALL);
    s.setAxisTitleFont(SMALL);
    s.setLegendFont(SMALL);
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setLegendPadding(4);
    s.setMarkerSize(7);
    s.setAxisTickMarksColor(GRID);
    s.setXAxisTitleVisible(false);
    s.setYAxisDecimalPattern("0.####");
  }

  private static void step(XYChart chart, String name, List<Double> edges, List<Double> shares, Color color) {
    List<Double> y = new ArrayList<>(shares);
    y.add(shares.get(shares.size() - 1)); // the last bin's right edge
    XYSeries series = chart.addSeries(name, edges, y);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setLineWidth(1.5f);
    series.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 80));
  }

  private static void addBars(CategoryChart chart, String name, List<String> x, List<Double> y, Color color) {
    CategorySeries series = chart.addSeries(name, x, y);
    series.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 200));
    series.setLineColor(color);
  }

  private static XYSeries line(XYChart chart, String name, List<Date> x, List<Double> y, Color color, BasicStroke stroke) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    series.setLineColor(color);
    series.setLineStyle(stroke);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setMarkerColor(color);
    return series;
  }

  /** [min, max] widened to multiples of a round step (1, 2 or 5 times a power of ten) giving about six ticks. */
  static double[] niceRange(double min, double max) {
    if (!(max > min)) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      return new double[] {min - pad, max + pad};
    }
    double raw = (max - min) / 6;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    return new double[] {Math.floor(min / step) * step, Math.ceil(max / step) * step};
  }

  private static List<Double> shares(List<Long> counts) {
    long total = counts.stream().mapToLong(Long::longValue).sum();
    return counts.stream().map(c -> total == 0 ? 0.0 : 100.0 * c / total).toList();
  }

  private static Date date(LocalDate day) {
    return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
