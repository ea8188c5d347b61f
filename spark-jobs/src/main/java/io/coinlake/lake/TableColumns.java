package io.coinlake.lake;

import static io.coinlake.lake.Columns.*;

import java.util.List;

/** The column order of each lake table, so every writer selects the same schema. */
public final class TableColumns {
  private TableColumns() {}

  public static final List<String> OHLCV_VALUES = List.of(OPEN, HIGH, LOW, CLOSE, VOLUME, MARKET_CAP);
  public static final List<String> LINEAGE = List.of(SOURCE_FILE, SOURCE_LINE, INGESTED_AT, BATCH_ID);

  public static final List<String> BRONZE_OHLCV = List.of(
      SYMBOL, INTERVAL, TS, OPEN, HIGH, LOW, CLOSE, VOLUME, MARKET_CAP, SOURCE_FILE, SOURCE_LINE, INGESTED_AT, BATCH_ID);

  public static final List<String> SILVER_OHLCV = List.of(
      SYMBOL, INTERVAL, TS, OPEN, HIGH, LOW, CLOSE, VOLUME, MARKET_CAP, STALE, QUALITY_WARNINGS,
      SOURCE_FILE, SOURCE_LINE, INGESTED_AT, BATCH_ID);

  public static final List<String> QUARANTINE = List.of(
      SOURCE_FILE, SOURCE_LINE, STAGE, SYMBOL, INTERVAL, TS, CHECK, REASON, RAW_LINE, BATCH_ID, QUARANTINED_AT);

  /** Columns that change on every run and so are ignored when deciding whether a merged row changed. */
  public static final List<String> RUN_STAMPS = List.of(INGESTED_AT, BATCH_ID, QUARANTINED_AT);

  public static org.apache.spark.sql.Column[] select(List<String> columns) {
    return columns.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
  }
}
