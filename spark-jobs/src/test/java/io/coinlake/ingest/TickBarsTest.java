package io.coinlake.ingest;

import static io.coinlake.ingest.CoinbaseTickerFormatTest.ts;
import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.SparkTestSession;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Tick bars on hand-built ticks (every aggregate checked by hand) and on the real classic capture. */
class TickBarsTest {
  private static final double REL = 1e-12;

  private static Row tick(String product, String iso, Long sequence, Double price, Double bid, Double ask, Double size) {
    return RowFactory.create(product, iso == null ? null : ts(iso), price, bid, ask, size,
        size == null ? null : "buy", sequence, null, size == null ? "advanced_trade" : "classic");
  }

  private static List<Row> bars(List<Row> ticks, String interval) {
    List<Row> shuffled = new ArrayList<>(ticks);
    Collections.shuffle(shuffled, new Random(7)); // input order must not matter
    SparkSession spark = SparkTestSession.get();
    return TickBars.build(spark.createDataFrame(shuffled, ValueSchemas.TICK), interval).collectAsList();
  }

  private static void close(double expected, Row row, String column) {
    Object actual = row.getAs(column);
    assertNotNull(actual, column + " is null");
    assertEquals(expected, (Double) actual, REL * Math.abs(expected), column);
  }

  private static double mean(double... xs) {
    return Arrays.stream(xs).sum() / xs.length;
  }

  /** Product A: six ticks in 10:00 (ties on ts broken by sequence), one in 10:01, one without price. B: no sizes. */
  static List<Row> handTicks() {
    return List.of(
        tick("A", "2024-03-01T10:00:05Z", 11L, 100.0, 99.0, 101.0, 2.0),
        tick("A", "2024-03-01T10:00:05Z", 10L, 100.5, 100.0, 101.0, 1.0),
        tick("A", "2024-03-01T10:00:20Z", 12L, 104.0, 103.0, 104.0, 1.0),
        tick("A", "2024-03-01T10:00:30Z", 13L, 98.0, 97.5, 98.5, 3.0),
        tick("A", "2024-03-01T10:00:59.999999Z", 15L, 101.5, 101.0, 102.0, null),
        tick("A", "2024-03-01T10:00:59.999999Z", 14L, 102.0, 101.0, 103.0, 0.5),
        tick("A", "2024-03-01T10:01:00Z", 16L, 105.0, 104.0, 106.0, 4.0),
        tick("A", "2024-03-01T10:01:30Z", 17L, null, 104.0, 106.0, 1.0),
        tick("B", "2024-03-01T10:00:10Z", 5L, 50.0, 49.9, 50.1, null),
        tick("B", "2024-03-01T10:00:40Z", 6L, 51.0, 50.9, 51.2, null),
        tick("B", "2024-03-01T10:00:50Z", 7L, 50.5, null, 50.6, null));
  }

  @Test
  void oneMinuteBarsOfHandBuiltTicks() {
    List<Row> out = bars(handTicks(), "1m");
    assertEquals(List.of("A", "A", "B"), out.stream().map(r -> r.<String>getAs(PRODUCT)).toList());
    assertEquals(List.of(ts("2024-03-01T10:00:00Z"), ts("2024-03-01T10:01:00Z"), ts("2024-03-01T10:00:00Z")),
        out.stream().map(r -> r.<Timestamp>getAs(BAR_START)).toList());
    assertTrue(out.stream().allMatch(r -> "1m".equals(r.getAs(BAR_INTERVAL))));

    Row a0 = out.get(0);
    assertEquals(100.5, (Double) a0.getAs(OPEN)); // ts 10:00:05 tie: sequence 10 before 11
    assertEquals(104.0, (Double) a0.getAs(HIGH));
    assertEquals(98.0, (Double) a0.getAs(LOW));
    assertEquals(101.5, (Double) a0.getAs(CLOSE)); // ts 10:00:59.999999 tie: sequence 15 after 14
    assertEquals(6L, (Long) a0.getAs(TRADE_COUNT));
    close(7.5, a0, VOLUME); // the tick without a size does not count
    close((2 * 100.0 + 100.5 + 104.0 + 3 * 98.0 + 0.5 * 102.0) / 7.5, a0, VWAP);
    close(mean(100.0, 100.5, 103.5, 98.0, 101.5, 102.0), a0, MID);
    close(mean(2, 1, 1, 1, 1, 2), a0, SPREAD);
    close(mean(1e4 * 2 / 100.0, 1e4 / 100.5, 1e4 / 103.5, 1e4 / 98.0, 1e4 / 101.5, 1e4 * 2 / 102.0), a0, SPREAD_BPS);
    assertEquals(ts("2024-03-01T10:00:05Z"), a0.getAs(FIRST_TS));
    assertEquals(ts("2024-03-01T10:00:59.999999Z"), a0.getAs(LAST_TS));

    Row a1 = out.get(1); // the tick without a price is left out
    assertEquals(List.of(105.0, 105.0, 105.0, 105.0), List.of(a1.getAs(OPEN), a1.getAs(HIGH), a1.getAs(LOW), a1.getAs(CLOSE)));
    assertEquals(1L, (Long) a1.getAs(TRADE_COUNT));
    assertEquals(4.0, (Double) a1.getAs(VOLUME));
    assertEquals(105.0, (Double) a1.getAs(VWAP));
    assertEquals(105.0, (Double) a1.getAs(MID));
    assertEquals(2.0, (Double) a1.getAs(SPREAD));
    close(1e4 * 2 / 105.0, a1, SPREAD_BPS);
    assertEquals(ts("2024-03-01T10:01:00Z"), a1.getAs(LAST_TS));

    Row b = out.get(2); // no sizes: volume and vwap null; the tick without a bid stays out of mid and spread
    assertEquals(50.0, (Double) b.getAs(OPEN));
    assertEquals(50.5, (Double) b.getAs(CLOSE));
    assertEquals(51.0, (Double) b.getAs(HIGH));
    assertEquals(3L, (Long) b.getAs(TRADE_COUNT));
    assertNull(b.getAs(VOLUME));
    assertNull(b.getAs(VWAP));
    close(mean((49.9 + 50.1) / 2, (50.9 + 51.2) / 2), b, MID);
    close(mean(50.1 - 49.9, 51.2 - 50.9), b, SPREAD);
    close(mean(1e4 * (50.1 - 49.9) / ((49.9 + 50.1) / 2), 1e4 * (51.2 - 50.9) / ((50.9 + 51.2) / 2)), b, SPREAD_BPS);
  }

  @Test
  void longerIntervalsAlignToTheEpochInUtc() {
    List<Row> five = bars(handTicks(), "5m");
    assertEquals(2, five.size());
    Row a = five.get(0);
    assertEquals(ts("2024-03-01T10:00:00Z"), a.getAs(BAR_START));
    assertEquals(7L, (Long) a.getAs(TRADE_COUNT));
    assertEquals(100.5, (Double) a.getAs(OPEN));
    assertEquals(105.0, (Double) a.getAs(CLOSE));
    assertEquals(105.0, (Double) a.getAs(HIGH));
    close(11.5, a, VOLUME);
    assertEquals("5m", a.getAs(BAR_INTERVAL));

    List<Row> hours = bars(List.of(
        tick("A", "2024-03-01T09:59:59.999999Z", 1L, 1.0, 1.0, 1.0, 1.0),
        tick("A", "2024-03-01T10:59:00Z", 2L, 2.0, 2.0, 2.0, 1.0),
        tick("A", "2024-03-01T23:30:00Z", 3L, 3.0, 3.0, 3.0, 1.0)), "2h");
    assertEquals(List.of(ts("2024-03-01T08:00:00Z"), ts("2024-03-01T10:00:00Z"), ts("2024-03-01T22:00:00Z")),
        hours.stream().map(r -> r.<Timestamp>getAs(BAR_START)).toList());
  }

  @Test
  void outputColumnsAndTypes() {
    SparkSession spark = SparkTestSession.get();
    StructType schema = TickBars.build(spark.createDataFrame(handTicks(), ValueSchemas.TICK), "1m").schema();
    assertEquals(TickBars.OUTPUT_COLUMNS, Arrays.asList(schema.fieldNames()));
    assertEquals(DataTypes.StringType, schema.apply(PRODUCT).dataType());
    assertEquals(DataTypes.StringType, schema.apply(BAR_INTERVAL).dataType());
    assertEquals(DataTypes.TimestampType, schema.apply(BAR_START).dataType());
    assertEquals(DataTypes.LongType, schema.apply(TRADE_COUNT).dataType());
    assertEquals(DataTypes.TimestampType, schema.apply(LAST_TS).dataType());
    for (String c : List.of(OPEN, HIGH, LOW, CLOSE, MID, SPREAD, SPREAD_BPS, VOLUME, VWAP)) {
      assertEquals(DataTypes.DoubleType, schema.apply(c).dataType(), c);
    }
  }

  @Test
  void aMissingColumnOrABadIntervalIsRejectedNamingIt() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> ticks = spark.createDataFrame(handTicks(), ValueSchemas.TICK);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> TickBars.build(ticks.drop(LAST_SIZE, SEQUENCE), "1m"));
    assertTrue(missing.getMessage().startsWith("tick bars: the ticks input lacks column(s) [last_size, sequence] (has [product,"),
        missing.getMessage());
    for (String bad : new String[] {"1x", "m", "", "1.5m", "-1m", "1000000d", "1 m"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TickBars.build(ticks, bad));
      assertEquals("tick bars: the bar interval must look like 1m, 5m, 1h or 1d, got '" + bad
          + "'; set ingest.ticks.barInterval accordingly", e.getMessage());
    }
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> TickBars.build(ticks, "0m"));
    assertTrue(zero.getMessage().contains("must be longer than 0"), zero.getMessage());
  }

  @Test
  void realClassicCaptureInOneMinuteBars() {
    CoinbaseTickerFormat format = new CoinbaseTickerFormat();
    List<Row> ticks = format.parse("classic", CoinbaseTickerFormatTest.read(CoinbaseTickerFormatTest.CLASSIC)).stream()
        .map(r -> RowFactory.create(r.values()))
        .toList();
    List<Row> out = bars(ticks, "1m");

    Map<String, Integer> barsPerProduct = new TreeMap<>();
    out.forEach(r -> barsPerProduct.merge(r.getAs(PRODUCT), 1, Integer::sum));
    assertEquals(Map.of("BAND-BTC", 2, "BAND-GBP", 2, "CRV-EUR", 1, "DASH-BTC", 2, "NMR-EUR", 1, "NU-GBP", 1,
        "SKL-BTC", 2, "SKL-GBP", 1, "SKL-USD", 2, "YFI-BTC", 1), barsPerProduct);
    assertEquals(107L, out.stream().mapToLong(r -> r.<Long>getAs(TRADE_COUNT)).sum());

    Row skl43 = out.stream().filter(r -> r.getAs(PRODUCT).equals("SKL-USD")).findFirst().orElseThrow();
    assertEquals(ts("2021-04-17T16:43:00Z"), skl43.getAs(BAR_START));
    assertEquals(21L, (Long) skl43.getAs(TRADE_COUNT));
    assertEquals(List.of(0.7904, 0.7921, 0.7904, 0.7909),
        List.of(skl43.getAs(OPEN), skl43.getAs(HIGH), skl43.getAs(LOW), skl43.getAs(CLOSE)));
    close(41434.3, skl43, VOLUME);
    close(0.7916286407638112, skl43, VWAP);
    assertEquals(ts("2021-04-17T16:43:37.056746Z"), skl43.getAs(FIRST_TS));
    assertEquals(ts("2021-04-17T16:43:59.325463Z"), skl43.getAs(LAST_TS));

    Row dash44 = out.stream().filter(r -> r.getAs(PRODUCT).equals("DASH-BTC")).skip(1).findFirst().orElseThrow();
    assertEquals(11L, (Long) dash44.getAs(TRADE_COUNT));
    assertEquals(0.00619307, (Double) dash44.getAs(OPEN));
    assertEquals(0.00619947, (Double) dash44.getAs(CLOSE));
    close(11.623, dash44, VOLUME);
    close(0.006195019871805903, dash44, VWAP);
  }
}
