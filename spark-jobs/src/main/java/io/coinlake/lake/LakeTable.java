package io.coinlake.lake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every lake table: its layer, name, merge key and the columns Delta keeps statistics on. A table
 * lives at {@code <lake root>/<layer>/<name>}.
 */
public enum LakeTable {
  BRONZE_OHLCV("bronze", "ohlcv", Columns.SYMBOL, Columns.INTERVAL, Columns.TS),
  SILVER_OHLCV("silver", "ohlcv", Columns.SYMBOL, Columns.INTERVAL, Columns.TS),
  QUARANTINE_OHLCV("quarantine", "ohlcv", Columns.SOURCE_FILE, Columns.SOURCE_RECORD, Columns.STAGE),
  BRONZE_MARKET_SNAPSHOTS("bronze", "market_snapshots", Columns.SYMBOL, Columns.SNAPSHOT_TS),
  SILVER_MARKET_SNAPSHOTS("silver", "market_snapshots", Columns.SYMBOL, Columns.SNAPSHOT_TS),
  QUARANTINE_MARKET_SNAPSHOTS("quarantine", "market_snapshots", Columns.SOURCE_FILE, Columns.SOURCE_RECORD, Columns.STAGE),
  BRONZE_TICKS("bronze", "ticks", Columns.PRODUCT, Columns.FEED, Columns.SEQUENCE, Columns.TS),
  SILVER_TICKS("silver", "ticks", Columns.PRODUCT, Columns.FEED, Columns.SEQUENCE, Columns.TS),
  QUARANTINE_TICKS("quarantine", "ticks", Columns.SOURCE_FILE, Columns.SOURCE_RECORD, Columns.STAGE),
  SILVER_TICK_BARS("silver", "tick_bars", Columns.PRODUCT, Columns.BAR_INTERVAL, Columns.BAR_START),
  GOLD_FEATURES_VOLATILITY("gold", "features_volatility", List.of(Columns.LABEL_END_TS), Columns.SYMBOL, Columns.TS),
  GOLD_BACKTEST("gold", "backtest", Columns.AS_OF, Columns.MODEL, Columns.FOLD, Columns.SYMBOL, Columns.TS),
  GOLD_PREDICTIONS("gold", "predictions", Columns.SYMBOL, Columns.TS, Columns.HORIZON, Columns.MODEL_NAME),
  OPS_FILE_INGESTS("ops", "file_ingests", Columns.BATCH_ID, Columns.SOURCE_FILE),
  OPS_DAG_RUNS("ops", "dag_runs", Columns.RUN_ID),
  OPS_TASK_RUNS("ops", "task_runs", Columns.RUN_ID, Columns.TASK, Columns.ATTEMPT),
  /** The headline numbers of every drift report: one row per (report date, prediction task). */
  OPS_MONITORING("ops", "monitoring", Columns.REPORT_DATE, Columns.TASK);

  private final String layer;
  private final String table;
  private final List<String> key;
  private final List<String> statsColumns;

  LakeTable(String layer, String table, String... key) {
    this(layer, table, List.of(), key);
  }

  LakeTable(String layer, String table, List<String> filterColumns, String... key) {
    this.layer = layer;
    this.table = table;
    this.key = List.of(key);
    List<String> stats = new ArrayList<>(this.key);
    stats.addAll(filterColumns);
    this.statsColumns = List.copyOf(stats);
  }

  public String layer() {
    return layer;
  }

  public String table() {
    return table;
  }

  /** The name users type in {@code coinlake sql}, e.g. {@code silver.ohlcv}. */
  public String qualifiedName() {
    return layer + "." + table;
  }

  public List<String> key() {
    return key;
  }

  /**
   * The columns Delta keeps min/max statistics on (table property {@code
   * delta.dataSkippingStatsColumns}, set when the table is created): the key, which MERGE and
   * replaceWhere conditions filter on, and the other columns the pipeline filters the table by.
   * Delta's default, the first 32 columns, also computed them for every feature and price column,
   * which no read filters on; at 10M rows that was about a quarter of a write's time.
   */
  public List<String> statsColumns() {
    return statsColumns;
  }

  public static Optional<LakeTable> byName(String qualifiedName) {
    return Arrays.stream(values()).filter(t -> t.qualifiedName().equalsIgnoreCase(qualifiedName)).findFirst();
  }
}
