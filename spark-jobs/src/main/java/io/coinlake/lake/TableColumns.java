package io.coinlake.lake;

import static io.coinlake.lake.Columns.*;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** The column order of the tables every writer must agree on. */
public final class TableColumns {
  private TableColumns() {}

  public static final List<String> OHLCV_VALUES = List.of(OPEN, HIGH, LOW, CLOSE, VOLUME, MARKET_CAP);
  /** Where a row came from; every bronze and silver table ends with these. */
  public static final List<String> LINEAGE = List.of(SOURCE_FILE, SOURCE_LINE, SOURCE_RECORD, INGESTED_AT, BATCH_ID);

  public static final List<String> QUARANTINE = List.of(
      SOURCE_FILE, SOURCE_LINE, SOURCE_RECORD, STAGE, SYMBOL, INTERVAL, TS, CHECK, REASON, RAW_LINE, BATCH_ID, QUARANTINED_AT);

  /** Columns that change on every run and so are ignored when deciding whether a merged row changed. */
  public static final List<String> RUN_STAMPS = List.of(INGESTED_AT, BATCH_ID, QUARANTINED_AT);

  public static Column[] select(List<String> columns) {
    return columns.stream().map(functions::col).toArray(Column[]::new);
  }

  /** The quarantine columns, taking symbol, interval and ts from the given columns of the rejected rows. */
  public static Column[] quarantineSelect(String symbolColumn, String intervalColumn, String tsColumn) {
    return QUARANTINE.stream().map(c -> switch (c) {
      case SYMBOL -> functions.col(symbolColumn).as(SYMBOL);
      case INTERVAL -> functions.col(intervalColumn).as(INTERVAL);
      case TS -> functions.col(tsColumn).as(TS);
      default -> functions.col(c);
    }).toArray(Column[]::new);
  }
}
