package io.coinlake.monitor;

import io.coinlake.config.MonitoringConfig.QualityPeriod;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Monitoring reports built by hand (no Spark): for the HTML, JSON, index and alert tests. */
final class ReportSamples {
  static final LocalDate END = LocalDate.parse("2021-06-30");
  static final ReportWindow WINDOW = new ReportWindow(LocalDate.parse("2021-06-01"), END);
  static final ErrorMetrics CV = new ErrorMetrics(0, 0.05, 0.03, 0.4);

  private ReportSamples() {}

  static ReportSubject subject() {
    return new ReportSubject("volatility", WINDOW, "coinlake-volatility", 3, "0123456789abcdef0123456789abcdef", "har_linear", 7,
        12, "2021-05-31", 35088, 690);
  }

  /** A numerical column whose current values are shifted by {@code shift} reference standard deviations. */
  static ColumnReport column(String name, double shift, boolean drifted, long seed) {
    Random random = new Random(seed);
    int bins = 20;
    double lo = -4, hi = 4 + shift;
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo + (hi - lo) * i / bins;
    }
    long[] reference = new long[bins];
    long[] current = new long[bins];
    for (int i = 0; i < 5000; i++) {
      reference[bin(random.nextGaussian(), edges)]++;
    }
    for (int i = 0; i < 600; i++) {
      current[bin(random.nextGaussian() + shift, edges)]++;
    }
    double score = drifted ? 0.1 + Math.abs(shift) / 3 : 0.02 + Math.abs(shift) / 10;
    return new ColumnReport(name, ColumnKind.NUMERICAL, ColumnDrift.judge(StatTest.WASSERSTEIN, 0.1, score, score * 0.01),
        new ColumnQuality(5000, 0, 0, 5000, 4800, -3.9, 3.8, 0.0, 1.0, -0.67, 0.0, 0.67, null, 0),
        new ColumnQuality(690, 90, 0, 600, 600, -3.0 + shift, 3.5 + shift, shift, 1.0, shift - 0.67, shift, shift + 0.67, null, 0),
        Histogram.numerical(edges, reference, current), List.of(), List.of());
  }

  private static int bin(double value, double[] edges) {
    int i = (int) Math.floor((value - edges[0]) / (edges[edges.length - 1] - edges[0]) * (edges.length - 1));
    return Math.max(0, Math.min(edges.length - 2, i));
  }

  static DriftReport features(int drifted) {
    List<String> names = List.of("log_return", "rv_7", "rv_30", "parkinson_7", "garman_klass_7", "har_rv_d", "har_rv_w", "har_rv_m",
        "volume_z_30", "rsi_14", "close_sma_ratio_30", "close_ema_ratio_12", "rv_last_h");
    List<ColumnReport> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      boolean drift = i >= 1 && i <= drifted;
      columns.add(column(names.get(i), drift ? 1.0 + 0.2 * i : 0.05 * (i % 3), drift, i));
    }
    return new DriftReport(0.5, columns);
  }

  /** 30 days of predictions for 23 coins; labels matured for the first 23 days; errors grow in the last week. */
  static ModelQuality.Result quality(double factor, boolean withLabels) {
    List<ModelQuality.DailyPredictions> daily = new ArrayList<>();
    List<ModelQuality.PeriodErrors> periods = new ArrayList<>();
    double se = 0, ae = 0, q = 0;
    long rows = 0;
    for (int d = 0; d < 30; d++) {
      LocalDate day = WINDOW.start().plusDays(d);
      boolean labeled = withLabels && d < 23;
      double predicted = 0.05 + 0.01 * Math.sin(d / 4.0);
      Double realized = labeled ? predicted * (1 + 0.4 * Math.sin(d / 3.0) + (d > 15 ? 0.8 : 0)) : null;
      daily.add(new ModelQuality.DailyPredictions(day, 23, predicted, labeled ? 23 : 0, realized));
      if (labeled) {
        ErrorMetrics e = new ErrorMetrics(23, Math.abs(realized - predicted) * 1.3, Math.abs(realized - predicted), 0.3 + 0.05 * d);
        periods.add(new ModelQuality.PeriodErrors(day, e, Degradation.judge(e, CV, factor).degradedMetrics()));
        se += e.rmse() * e.rmse() * 23;
        ae += e.mae() * 23;
        q += e.qlike() * 23;
        rows += 23;
      }
    }
    ErrorMetrics overall = rows == 0 ? null : new ErrorMetrics(rows, Math.sqrt(se / rows), ae / rows, q / rows);
    return new ModelQuality.Result(QualityPeriod.DAY, daily, periods, overall, Degradation.judge(overall, CV, factor));
  }

  static MonitoringReport report(int driftedFeatures, double factor, boolean withLabels) {
    ColumnReport prediction = column("prediction", 0.7, true, 99);
    ColumnReport target = withLabels ? column("label", 0.4, true, 98) : null;
    return new MonitoringReport(subject(), features(driftedFeatures),
        new PredictionDrift(prediction, PredictionDrift.FROM_BACKTEST, 35088, 690), target, quality(factor, withLabels));
  }
}
