package io.coinlake.ingest;

import static io.coinlake.ingest.ApiSamples.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoinLoreTickersFormatTest {
  private static final String SAMPLE = "coinlore/tickers/20261121T101502.456Z.json";
  private static final String FILE = "landing/coinlore/tickers/20261121T101502.456Z.json";
  private final CoinLoreTickersFormat format = new CoinLoreTickersFormat();

  @Test
  void recordedSampleWithNumbersAsStringsParsesToExactValues() {
    List<ParsedRecord> records = format.parse(SAMPLE, read(SAMPLE));
    assertEquals(3, records.size());
    String snapshot = "2026-11-21T10:15:02.456Z";
    assertOk(records.get(0), 1, "BTC", ts(snapshot), "Bitcoin", "90", 91234.56, 0.0012, -0.0123, 0.0456, 34567890123.45, 1812345678901.23);
    assertOk(records.get(1), 1, "ETH", ts(snapshot), "Ethereum", "80", 3021.77, -0.0025, -0.0199, 0.0275, 18765432109.8, 364712345678.12);
    assertOk(records.get(2), 1, "USDT", ts(snapshot), "Tether", "518", 1.0, 0.0, 0.0001, -0.0002, 98765432101.2, 183456789012.0);
    assertTrue(records.get(2).raw().startsWith("{\"id\":\"518\",\"symbol\":\"USDT\""), records.get(2).raw());
    assertTrue(records.get(2).raw().endsWith("\"msupply\":\"\"}"), records.get(2).raw());
  }

  @Test
  void infoMayComeFirstAndBadTickersFailNamingTheField() {
    String text = "{\"info\":{\"coins_num\":3,\"time\":1795256102},\n\"data\":[\n"
        + "{\"id\":\"90\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"price_usd\":\"\"},\n"
        + "{\"id\":\"80\",\"symbol\":\"ETH\",\"name\":\"Ethereum\",\"price_usd\":\"3021.77\",\"percent_change_1h\":\"n/a\"},\n"
        + "{\"id\":\"2\",\"symbol\":\"DOGE\",\"name\":\"Dogecoin\",\"price_usd\":0.1532,\"volume24\":true},\n"
        + "{\"id\":\"1\",\"symbol\":\"ltc\",\"price_usd\":\"88.1\",\"percent_change_24h\":\"-0.5\"}\n"
        + "]}";
    List<ParsedRecord> records = format.parse(FILE, text);
    assertEquals(4, records.size());
    assertFailed(records.get(0), 3, "{\"id\":\"90\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"price_usd\":\"\"}", "'price_usd' is missing");
    assertEquals("'percent_change_1h' is not a number: \"n/a\"", records.get(1).error());
    assertEquals(4, records.get(1).line());
    assertEquals("'volume24' has the wrong type: expected a number, got a boolean", records.get(2).error());
    assertOk(records.get(3), 6, "LTC", ts("2026-11-21T10:15:02.456Z"), null, "1", 88.1, null, -0.005, null, null, null);
  }

  @Test
  void emptyDataIsNoRecords() {
    assertEquals(List.of(), format.parse(FILE, "{\"data\":[],\"info\":{\"coins_num\":0,\"time\":1795256102}}"));
  }

  @Test
  void wrongShapesAreUnreadableWithAOneLineReason() {
    String expected = ", expected an object with a \"data\" array of tickers (CoinLore /api/tickers/); check the API endpoint the file came from";
    assertEquals("wrong JSON shape: the object has no \"data\" field" + expected,
        assertThrows(UnreadableFileException.class, () -> format.parse(FILE, "{\"info\":{}}")).getMessage());
    assertEquals("wrong JSON shape: \"data\" is an object" + expected,
        assertThrows(UnreadableFileException.class, () -> format.parse(FILE, "{\"data\":{\"id\":\"90\"}}")).getMessage());
    assertEquals("wrong JSON shape: the document is an array" + expected,
        assertThrows(UnreadableFileException.class, () -> format.parse(FILE, "[{\"id\":\"90\"}]")).getMessage());
  }

  @Test
  void truncatedAndEmptyFilesAreUnreadable() {
    String cut = read(SAMPLE).substring(0, 500);
    assertTrue(assertThrows(UnreadableFileException.class, () -> format.parse(FILE, cut)).getMessage()
        .startsWith("truncated or invalid JSON at line 1, column "));
    assertTrue(assertThrows(UnreadableFileException.class, () -> format.parse(FILE, "")).getMessage().startsWith("empty file"));
  }
}
