package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Tick bars: ticks (the {@link ValueSchemas#TICK} columns) in, one row per (product, bar_start)
 * out, sorted by product then bar_start. A bar exists only where a product has ticks (no empty
 * bars are filled in). Per bar:
 * <ul>
 *   <li>bar_start = ts floored to a multiple of the interval since 1970-01-01 UTC (so 1h bars
 *       start on the hour, 1d bars at UTC midnight); bar_interval = the interval string.</li>
 *   <li>open / close = price of the first / last tick, ordered by ts, then sequence, then price
 *       (the last key only makes exact ties deterministic); high / low = max / min price.</li>
 *   <li>mid = mean over ticks of (best_bid + best_ask) / 2; spread = mean of best_ask - best_bid
 *       (price units); spread_bps = mean of 1e4 (best_ask - best_bid) / ((best_bid + best_ask) / 2).
 *       Ticks missing either side (or with a zero mid, for spread_bps) do not enter these means.</li>
 *   <li>trade_count = ticks in the bar, a measure of trade intensity. On the classic feed a
 *       ticker message is sent per trade; on Advanced Trade it counts ticker updates (a quote or
 *       trade change), not trades.</li>
 *   <li>volume = sum of last_size; vwap = sum(price * last_size) / sum(last_size), both over the
 *       ticks that carry a size; both null when none does (Advanced Trade sends no size), and
 *       vwap is null when the sizes sum to 0.</li>
 *   <li>first_ts / last_ts = the earliest and latest tick ts in the bar.</li>
 * </ul>
 * Ticks without product, ts or price cannot be placed in a bar and are left out; the data
 * contract quarantines them before bars are built. Pure: no I/O, no session, no clock.
 */
public final class TickBars {
  /** The columns the input must have (others are ignored). */
  public static final List<String> INPUT_COLUMNS =
      List.of(PRODUCT, TS, PRICE, BEST_BID, BEST_ASK, LAST_SIZE, SEQUENCE);

  /** The output columns, in order. */
  public static final List<String> OUTPUT_COLUMNS = List.of(PRODUCT, BAR_INTERVAL, BAR_START,
      OPEN, HIGH, LOW, CLOSE, MID, SPREAD, SPREAD_BPS, TRADE_COUNT, VOLUME, VWAP, FIRST_TS, LAST_TS);

  private static final String TICK_MID = "_tick_mid";
  private static final String TICK_SPREAD = "_tick_spread";
  private static final String TICK_NOTIONAL = "_tick_notional";
  private static final String ORDER_KEY = "_order_key";

  private TickBars() {}

  /**
   * Builds the bars of every product in {@code ticks}; rows may arrive in any order.
   *
   * @param interval a bar length like 1m, 5m, 1h or 1d (see {@link Intervals})
   * @throws IllegalArgumentException if a required column is missing or the interval is not
   *     1 to 999999 whole minutes, hours or days (eagerly, before any Spark job runs)
   */
  public static Dataset<Row> build(Dataset<Row> ticks, String interval) {
    long stepMicros = intervalMicros(interval);
    if (ticks == null) {
      throw new IllegalArgumentException("ticks are required");
    }
    List<String> present = Arrays.asList(ticks.columns());
    List<String> missing = INPUT_COLUMNS.stream().filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("tick bars: the ticks input lacks column(s) " + missing + " (has " + present
          + "); pass rows with the ValueSchemas.TICK columns");
    }
    Column bid = col(BEST_BID).cast(DataTypes.DoubleType);
    Column ask = col(BEST_ASK).cast(DataTypes.DoubleType);
    Column price = col(PRICE).cast(DataTypes.DoubleType);
    Column size = col(LAST_SIZE).cast(DataTypes.DoubleType);
    Column ts = col(TS).cast(DataTypes.TimestampType);
    Column micros = unix_micros(ts);
    Column mid = bid.plus(ask).divide(2);

    Dataset<Row> placed = ticks
        .where(col(PRODUCT).isNotNull().and(ts.isNotNull()).and(price.isNotNull()))
        .select(
            col(PRODUCT).cast(DataTypes.StringType).as(PRODUCT),
            timestamp_micros(micros.minus(pmod(micros, lit(stepMicros)))).as(BAR_START),
            ts.as(TS),
            price.as(PRICE),
            size.as(LAST_SIZE),
            mid.as(TICK_MID),
            ask.minus(bid).as(TICK_SPREAD),
            price.multiply(size).as(TICK_NOTIONAL),
            struct(ts.as(TS), col(SEQUENCE).cast(DataTypes.LongType).as(SEQUENCE), price.as(PRICE)).as(ORDER_KEY));

    Column spreadBps = when(col(TICK_MID).notEqual(0), lit(1e4).multiply(col(TICK_SPREAD)).divide(col(TICK_MID)));
    Dataset<Row> bars = placed.groupBy(col(PRODUCT), col(BAR_START)).agg(
        min_by(col(PRICE), col(ORDER_KEY)).as(OPEN),
        max(col(PRICE)).as(HIGH),
        min(col(PRICE)).as(LOW),
        max_by(col(PRICE), col(ORDER_KEY)).as(CLOSE),
        avg(col(TICK_MID)).as(MID),
        avg(col(TICK_SPREAD)).as(SPREAD),
        avg(spreadBps).as(SPREAD_BPS),
        count(lit(1)).as(TRADE_COUNT),
        sum(col(LAST_SIZE)).as(VOLUME),
        sum(col(TICK_NOTIONAL)).as(TICK_NOTIONAL),
        min(col(TS)).as(FIRST_TS),
        max(col(TS)).as(LAST_TS));

    return bars
        .withColumn(VWAP, when(col(VOLUME).notEqual(0), col(TICK_NOTIONAL).divide(col(VOLUME))))
        .withColumn(BAR_INTERVAL, lit(interval))
        .select(OUTPUT_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new))
        .orderBy(col(PRODUCT), col(BAR_START));
  }

  /** The interval in microseconds; rejects anything but 1 to 999999 whole m, h or d. */
  static long intervalMicros(String interval) {
    if (interval == null || !interval.matches("\\d{1,6}[mhd]")) {
      throw new IllegalArgumentException("tick bars: the bar interval must look like 1m, 5m, 1h or 1d, got '"
          + interval + "'; set ingest.ticks.barInterval accordingly");
    }
    long seconds = Intervals.seconds(interval);
    if (seconds <= 0) {
      throw new IllegalArgumentException("tick bars: the bar interval must be longer than 0, got '" + interval
          + "'; set ingest.ticks.barInterval to e.g. 1m");
    }
    return seconds * 1_000_000L;
  }
}
