package io.coinlake.ingest;

import static io.coinlake.ingest.ApiSamples.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoinbaseCandlesFormatTest {
  private static final String SAMPLE = "coinbase/candles/20261121T101503.001Z_BTC-USD_86400.json";
  private final CoinbaseCandlesFormat format = new CoinbaseCandlesFormat();

  @Test
  void recordedSampleParsesToExactCandlesWithOhlcFromTheLowHighOpenCloseOrder() {
    List<ParsedRecord> records = format.parse(SAMPLE, read(SAMPLE));
    assertEquals(3, records.size());
    // symbol, interval, ts, open, high, low, close, volume, market_cap
    assertFailed(records.get(0), 1, "[1795219200,90100.01,92890.5,92370.78,91234.56,5123.45678901]",
        "candle still open when fetched: 1d from 2026-11-21T00:00:00Z ends 2026-11-22T00:00:00Z, fetched 2026-11-21T10:15:03.001Z;"
            + " the next fetch after it closes brings it");
    assertEquals(CoinbaseCandlesFormat.CANDLE_OPEN, records.get(0).check());
    assertEquals(ParsedRecord.UNREADABLE, format.parse(SAMPLE, "[[1795219200]]").get(0).check());
    assertOk(records.get(1), 1, "BTC", "1d", ts("2026-11-20T00:00:00Z"), 92010.11, 93500.0, 91050.0, 92370.78, 7890.12345678, null);
    assertOk(records.get(2), 1, "BTC", "1d", ts("2026-11-19T00:00:00Z"), 90500.5, 92400.0, 89999.99, 92010.11, 9012.3456789, null);
    assertEquals(ValueSchemas.OHLCV, format.valueSchema());
  }

  @Test
  void productAndGranularityComeFromTheFileName() {
    String candle = "[[1795251600,3010.5,3025.0,3012.25,3020.0,\"1520.75\"]]";
    List<ParsedRecord> eur = format.parse("l/coinbase/candles/20261121T101503.001Z_ETH-EUR_3600.json", candle);
    assertOk(eur.get(0), 1, "ETH-EUR", "1h", ts("2026-11-21T09:00:00Z"), 3012.25, 3025.0, 3010.5, 3020.0, 1520.75, null);
    List<ParsedRecord> fiveMinutes = format.parse("20261121T101503.001Z_SOL-USD_300.2.json", candle);
    assertEquals("SOL", fiveMinutes.get(0).values()[0]);
    assertEquals("5m", fiveMinutes.get(0).values()[1]);
  }

  @Test
  void badCandlesFailNamingTheField() {
    String text = "[\n"
        + "[1795219200,90100.01,92890.5],\n"
        + "[1795219200,90100.01,92890.5,92370.78,\"abc\",5123.4],\n"
        + "[1795219200.5,90100.01,92890.5,92370.78,91234.56,5123.4],\n"
        + "{\"time\":1795219200},\n"
        + "[1795219200,null,92890.5,92370.78,91234.56,5123.4],\n"
        + "[\"1795132800\",\"91050.0\",\"93500.0\",\"92010.11\",\"92370.78\",\"7890.1\"]\n"
        + "]";
    List<ParsedRecord> records = format.parse("20261121T101503.001Z_BTC-USD_86400.json", text);
    assertEquals(6, records.size());
    assertFailed(records.get(0), 2, "[1795219200,90100.01,92890.5]",
        "'open' (index 3) is missing: a candle has 6 values [time, low, high, open, close, volume]");
    assertEquals("'close' is not a number: \"abc\"", records.get(1).error());
    assertEquals("'time' is not a whole number of unix seconds: 1.7952192005E9", records.get(2).error());
    assertFailed(records.get(3), 5, "{\"time\":1795219200}", "element is an object, expected [time, low, high, open, close, volume]");
    assertEquals("'low' is missing", records.get(4).error());
    assertOk(records.get(5), 7, "BTC", "1d", ts("2026-11-20T00:00:00Z"), 92010.11, 93500.0, 91050.0, 92370.78, 7890.1, null);
  }

  @Test
  void aCandleIsClosedOnlyWhenItsEndIsNotAfterTheFetchTime() {
    String fetchedAt1015 = "20261121T101500.000Z_BTC-USD_900.json";
    // 10:00 + 15m ends exactly at the fetch time: closed; 10:15 has just begun: open.
    String text = "[[1795255200,1,2,1,2,3],[1795256100,1,2,1,2,3]]";
    List<ParsedRecord> records = format.parse(fetchedAt1015, text);
    assertNull(records.get(0).error());
    assertTrue(records.get(1).error().startsWith("candle still open when fetched: 15m from 2026-11-21T10:15:00Z"), records.get(1).error());
  }

  @Test
  void emptyArrayIsNoRecords() {
    assertEquals(List.of(), format.parse(SAMPLE, "[]"));
  }

  @Test
  void unreadableFiles() {
    assertTrue(assertThrows(UnreadableFileException.class, () -> format.parse(SAMPLE, "[[1795219200,90100.01,928"))
        .getMessage().startsWith("truncated or invalid JSON at line 1"));
    assertTrue(assertThrows(UnreadableFileException.class, () -> format.parse(SAMPLE, "{\"message\":\"NotFound\"}"))
        .getMessage().startsWith("wrong JSON shape: the document is an object, expected a JSON array of [time, low, high, open, close, volume] candles"));
    assertTrue(assertThrows(UnreadableFileException.class, () -> format.parse("20261121T101503.001Z.json", "[]"))
        .getMessage().startsWith("the file name does not say the product and granularity"));
    assertEquals("the granularity '7200' in the file name is not a Coinbase candle size in seconds (60, 300, 900, 3600, 21600, 86400);"
        + " land candles with coinlake fetch",
        assertThrows(UnreadableFileException.class, () -> format.parse("20261121T101503.001Z_BTC-USD_7200.json", "[]")).getMessage());
  }
}
