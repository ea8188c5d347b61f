package io.coinlake.lake;

import java.util.List;

/**
 * The kinds of records the lake takes in, and the tables each flows through: bronze (as read),
 * silver (passed its contract), quarantine (rejected, with the reason). Each kind has one data
 * contract, {@code <contracts dir>/<contractName>.yaml}, and a key that is unique in bronze.
 * {@code symbolColumn}/{@code tsColumn} say what a quarantine row's symbol and ts are.
 */
public enum RecordKind {
  OHLCV("ohlcv", LakeTable.BRONZE_OHLCV, LakeTable.SILVER_OHLCV, LakeTable.QUARANTINE_OHLCV,
      Columns.SYMBOL, Columns.TS),
  MARKET_SNAPSHOTS("market_snapshots", LakeTable.BRONZE_MARKET_SNAPSHOTS, LakeTable.SILVER_MARKET_SNAPSHOTS,
      LakeTable.QUARANTINE_MARKET_SNAPSHOTS, Columns.SYMBOL, Columns.SNAPSHOT_TS),
  TICKS("ticks", LakeTable.BRONZE_TICKS, LakeTable.SILVER_TICKS, LakeTable.QUARANTINE_TICKS,
      Columns.PRODUCT, Columns.TS);

  private final String contractName;
  private final LakeTable bronze;
  private final LakeTable silver;
  private final LakeTable quarantine;
  private final String symbolColumn;
  private final String tsColumn;

  RecordKind(String contractName, LakeTable bronze, LakeTable silver, LakeTable quarantine, String symbolColumn,
      String tsColumn) {
    this.contractName = contractName;
    this.bronze = bronze;
    this.silver = silver;
    this.quarantine = quarantine;
    this.symbolColumn = symbolColumn;
    this.tsColumn = tsColumn;
  }

  public String contractName() {
    return contractName;
  }

  public LakeTable bronze() {
    return bronze;
  }

  public LakeTable silver() {
    return silver;
  }

  public LakeTable quarantine() {
    return quarantine;
  }

  public String symbolColumn() {
    return symbolColumn;
  }

  public String tsColumn() {
    return tsColumn;
  }

  /** The bronze key: a second row with the same key in one batch is a duplicate. */
  public List<String> key() {
    return bronze.key();
  }
}
