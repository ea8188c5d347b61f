package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The value columns each kind of record has, whatever format it came in; a {@link SourceFormat}
 * returns one of these from {@code valueSchema()} and fills {@link ParsedRecord#values()} in this
 * order. Lineage (source file, line, hash, batch) is added by the reader.
 */
public final class ValueSchemas {
  private ValueSchemas() {}

  /** A candle: symbol, interval (1m, 1h, 1d), ts (bucket start, UTC), OHLCV, optional market cap. */
  public static final StructType OHLCV = new StructType()
      .add(SYMBOL, DataTypes.StringType)
      .add(INTERVAL, DataTypes.StringType)
      .add(TS, DataTypes.TimestampType)
      .add(OPEN, DataTypes.DoubleType)
      .add(HIGH, DataTypes.DoubleType)
      .add(LOW, DataTypes.DoubleType)
      .add(CLOSE, DataTypes.DoubleType)
      .add(VOLUME, DataTypes.DoubleType)
      .add(MARKET_CAP, DataTypes.DoubleType);

  /** One coin in a market snapshot; changes are fractions (0.022 = +2.2%). */
  public static final StructType MARKET_SNAPSHOT = new StructType()
      .add(SYMBOL, DataTypes.StringType)
      .add(SNAPSHOT_TS, DataTypes.TimestampType)
      .add(COIN, DataTypes.StringType)
      .add(COIN_ID, DataTypes.StringType)
      .add(PRICE, DataTypes.DoubleType)
      .add(CHANGE_1H, DataTypes.DoubleType)
      .add(CHANGE_24H, DataTypes.DoubleType)
      .add(CHANGE_7D, DataTypes.DoubleType)
      .add(VOLUME_24H, DataTypes.DoubleType)
      .add(MARKET_CAP, DataTypes.DoubleType);

  /** One ticker message: the last trade and the top of book. feed is classic or advanced_trade. */
  public static final StructType TICK = new StructType()
      .add(PRODUCT, DataTypes.StringType)
      .add(TS, DataTypes.TimestampType)
      .add(PRICE, DataTypes.DoubleType)
      .add(BEST_BID, DataTypes.DoubleType)
      .add(BEST_ASK, DataTypes.DoubleType)
      .add(LAST_SIZE, DataTypes.DoubleType)
      .add(SIDE, DataTypes.StringType)
      .add(SEQUENCE, DataTypes.LongType)
      .add(TRADE_ID, DataTypes.LongType)
      .add(FEED, DataTypes.StringType);
}
