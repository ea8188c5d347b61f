package io.coinlake.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * Coinbase Exchange {@code /products/<id>/candles} as landed by {@code coinlake fetch}: a JSON array
 * of {@code [time, low, high, open, close, volume]} (time = bucket start, unix seconds; note low
 * before high) -> {@link ValueSchemas#OHLCV}. The body names neither the product nor the
 * granularity, so both come from the file name ({@code <fetched-at>_BTC-USD_86400.json}). A USD
 * quote is the lake's default, so BTC-USD is keyed as BTC; other quotes keep the product id
 * (ETH-BTC) so they never collide with USD prices. Coinbase has no market cap: it is null.
 * Coinbase includes the candle still in progress; it is not a fact yet, so it fails (and is
 * quarantined) with the reason, and the next fetch brings it closed.
 */
public final class CoinbaseCandlesFormat implements SourceFormat {
  private static final String EXPECTED = "a JSON array of [time, low, high, open, close, volume] candles (Coinbase /products/<id>/candles)";
  /** The quarantine check of a candle that had not closed when it was fetched. */
  public static final String CANDLE_OPEN = "candle_open";
  private static final String[] FIELDS = {"time", "low", "high", "open", "close", "volume"};

  @Override
  public boolean nameCarriesData() {
    return true;
  }

  @Override
  public StructType valueSchema() {
    return ValueSchemas.OHLCV;
  }

  @Override
  public List<ParsedRecord> parse(String file, String text) {
    LandingFileName name = LandingFileName.parse(file);
    if (name.parts().size() != 2) {
      throw new UnreadableFileException("the file name does not say the product and granularity"
          + " (expected <fetched-at>_<PRODUCT>_<seconds>.json, e.g. 20261121T101503.001Z_BTC-USD_86400.json); land candles with coinlake fetch");
    }
    String product = name.parts().get(0);
    String symbol = symbol(product);
    String interval = interval(name.parts().get(1));
    long seconds = Long.parseLong(name.parts().get(1));
    List<ParsedRecord> out = new ArrayList<>();
    for (JsonArrayElements.Element e : JsonArrayElements.topLevelArray(text, EXPECTED)) {
      out.add(record(e, symbol, interval, seconds, name.fetchedAt()));
    }
    return out;
  }

  /** BTC-USD -> BTC; any other quote keeps the whole product id. */
  static String symbol(String product) {
    int dash = product.indexOf('-');
    return dash > 0 && product.substring(dash + 1).equals("USD") ? product.substring(0, dash) : product;
  }

  private static String interval(String granularity) {
    return (granularity.matches("\\d{1,9}") ? CoinbaseGranularity.interval(Long.parseLong(granularity)) : Optional.<String>empty())
        .orElseThrow(() -> new UnreadableFileException("the granularity '" + granularity + "' in the file name is not a Coinbase"
            + " candle size in seconds (60, 300, 900, 3600, 21600, 86400); land candles with coinlake fetch"));
  }

  private static ParsedRecord record(JsonArrayElements.Element e, String symbol, String interval, long seconds,
      Instant fetchedAt) {
    JsonNode candle = e.node();
    if (!candle.isArray()) {
      return ParsedRecord.failed(e.line(), e.raw(), "element is " + ApiJsonValues.typeOf(candle) + ", expected [time, low, high, open, close, volume]");
    }
    if (candle.size() < FIELDS.length) {
      return ParsedRecord.failed(e.line(), e.raw(), "'" + FIELDS[candle.size()] + "' (index " + candle.size()
          + ") is missing: a candle has 6 values [time, low, high, open, close, volume]");
    }
    try {
      Instant start = Instant.ofEpochSecond(epochSeconds(candle.get(0)));
      double[] v = new double[FIELDS.length];
      for (int i = 1; i < FIELDS.length; i++) {
        v[i] = ApiJsonValues.required(ApiJsonValues.number(candle.get(i), FIELDS[i]), FIELDS[i]);
      }
      Instant end = start.plusSeconds(seconds);
      if (end.isAfter(fetchedAt)) {
        return ParsedRecord.rejected(e.line(), e.raw(), CANDLE_OPEN, "candle still open when fetched: " + interval + " from " + start
            + " ends " + end + ", fetched " + fetchedAt + "; the next fetch after it closes brings it");
      }
      Timestamp ts = Timestamp.from(start);
      // OHLCV order: symbol, interval, ts, open, high, low, close, volume, market_cap
      return ParsedRecord.ok(e.line(), e.raw(), symbol, interval, ts, v[3], v[2], v[1], v[4], v[5], null);
    } catch (ApiJsonValues.BadField bad) {
      return ParsedRecord.failed(e.line(), e.raw(), bad.getMessage());
    }
  }

  private static long epochSeconds(JsonNode node) {
    Double asNumber = ApiJsonValues.number(node, "time");
    if (asNumber == null) {
      throw new ApiJsonValues.BadField("'time' is missing");
    }
    BigDecimal exact = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
    try {
      return exact.longValueExact();
    } catch (ArithmeticException e) {
      throw new ApiJsonValues.BadField("'time' is not a whole number of unix seconds: " + node.asText());
    }
  }
}
