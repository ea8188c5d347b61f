package io.coinlake.ingest;

import static io.coinlake.ingest.ApiSamples.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoinGeckoMarketsFormatTest {
  private static final String SAMPLE = "coingecko/markets/20261121T101502.123Z_p1.json";
  private static final String FILE = "landing/coingecko/markets/20261121T101502.123Z_p1.json";
  private final CoinGeckoMarketsFormat format = new CoinGeckoMarketsFormat();

  @Test
  void recordedSampleParsesToExactSnapshotValues() {
    List<ParsedRecord> records = format.parse("/any/where/" + SAMPLE, read(SAMPLE));
    assertEquals(3, records.size());
    // symbol, snapshot_ts, coin, coin_id, price, change_1h, change_24h, change_7d, volume_24h, market_cap
    assertOk(records.get(0), 2, "BTC", ts("2026-11-21T10:15:02.123Z"), "Bitcoin", "bitcoin", 91234.56,
        0.001187, -0.012301, 0.045612, 34567890123.0, 1812345678901.0);
    assertOk(records.get(1), 33, "ETH", ts("2026-11-21T10:15:02.123Z"), "Ethereum", "ethereum", 3021.77,
        -0.0025, -0.019884, 0.0275, 18765432109.0, 364712345678.0);
    // a new listing: no 1h/7d history; the 24h change falls back to price_change_percentage_24h
    assertOk(records.get(2), 68, "NEWC", ts("2026-11-21T10:15:02.123Z"), "Example Newcoin", "example-newcoin", 0.004321,
        null, 0.08025, null, 1234.5, 0.0);
    assertTrue(records.get(0).raw().startsWith("{\n    \"id\": \"bitcoin\","), records.get(0).raw());
    assertTrue(records.get(0).raw().endsWith("\"price_change_percentage_7d_in_currency\": 4.5612\n  }"), records.get(0).raw());
    assertEquals(ValueSchemas.MARKET_SNAPSHOT, format.valueSchema());
  }

  @Test
  void minifiedElementsAreOnLineOneWithTheirExactText() {
    String a = "{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"current_price\":91234.56}";
    String b = "{\"id\":\"ethereum\",\"symbol\":\"eth\",\"name\":\"Ethereum\",\"current_price\":\"3021.77\",\"market_cap\":null}";
    List<ParsedRecord> records = format.parse(FILE, "[" + a + "," + b + "]");
    assertEquals(a, records.get(0).raw());
    assertEquals(b, records.get(1).raw());
    assertOk(records.get(1), 1, "ETH", ts("2026-11-21T10:15:02.123Z"), "Ethereum", "ethereum", 3021.77, null, null, null, null, null);
  }

  @Test
  void badElementsFailNamingTheFieldAndTheRestStillParse() {
    String text = "[\n"
        + "{\"id\":\"a\",\"symbol\":\"a\",\"name\":\"A\",\"current_price\":null},\n"
        + "{\"id\":\"b\",\"symbol\":\"b\",\"name\":\"B\",\"current_price\":\"abc\"},\n"
        + "{\"id\":\"c\",\"symbol\":\"c\",\"name\":\"C\",\"current_price\":1.5,\"market_cap\":{\"usd\":1}},\n"
        + "42,\n"
        + "{\"symbol\":\"e\",\"current_price\":1},\n"
        + "{\"id\":\"d\",\"symbol\":\"d\",\"name\":\"D\",\"current_price\":2,\"price_change_percentage_1h_in_currency\":\"NaN\"},\n"
        + "{\"id\":\"f\",\"symbol\":\"f\",\"name\":\"F\",\"current_price\":2}\n"
        + "]";
    List<ParsedRecord> records = format.parse(FILE, text);
    assertEquals(7, records.size(), "one record per element, good or failed");
    assertFailed(records.get(0), 2, "{\"id\":\"a\",\"symbol\":\"a\",\"name\":\"A\",\"current_price\":null}", "'current_price' is missing");
    assertFailed(records.get(1), 3, "{\"id\":\"b\",\"symbol\":\"b\",\"name\":\"B\",\"current_price\":\"abc\"}", "'current_price' is not a number: \"abc\"");
    assertEquals("'market_cap' has the wrong type: expected a number, got an object", records.get(2).error());
    assertFailed(records.get(3), 5, "42", "element is a number, expected a coin object");
    assertEquals("'id' is missing", records.get(4).error());
    assertEquals("'price_change_percentage_1h_in_currency' is not a number: \"NaN\"", records.get(5).error());
    assertOk(records.get(6), 8, "F", ts("2026-11-21T10:15:02.123Z"), "F", "f", 2.0, null, null, null, null, null);
  }

  @Test
  void anEmptyArrayIsNoRecordsNotAnError() {
    assertEquals(List.of(), format.parse(FILE, "[]"));
    assertEquals(List.of(), format.parse(FILE, " [ ]\n"));
  }

  @Test
  void truncatedJsonMakesTheWholeFileUnreadable() {
    UnreadableFileException e = assertThrows(UnreadableFileException.class,
        () -> format.parse(FILE, "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"current_price\":1},\n{\"id\":\"eth"));
    assertTrue(e.getMessage().startsWith("truncated or invalid JSON at line 2, column "), e.getMessage());
    assertTrue(e.getMessage().endsWith("expected a JSON array of coin objects (CoinGecko /coins/markets); delete it and fetch again"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void wrongTopLevelShapeEmptyFileAndTrailingContentAreUnreadable() {
    assertEquals("wrong JSON shape: the document is an object, expected a JSON array of coin objects (CoinGecko /coins/markets);"
        + " check the API endpoint the file came from",
        assertThrows(UnreadableFileException.class, () -> format.parse(FILE, "{\"status\":{\"error_code\":429}}")).getMessage());
    assertEquals("empty file, expected a JSON array of coin objects (CoinGecko /coins/markets); delete it and fetch again",
        assertThrows(UnreadableFileException.class, () -> format.parse(FILE, " \n")).getMessage());
    assertTrue(assertThrows(UnreadableFileException.class, () -> format.parse(FILE, "[]\n[]")).getMessage()
        .startsWith("more than one JSON document (content after line 2)"));
  }

  @Test
  void aFileNameWithoutTheFetchTimeIsUnreadable() {
    UnreadableFileException e = assertThrows(UnreadableFileException.class, () -> format.parse("markets.json", "[]"));
    assertTrue(e.getMessage().startsWith("the file name 'markets.json' does not carry the fetch time"), e.getMessage());
  }
}
