package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Both Coinbase ticker feeds, exact values from the real captures; bad lines fail, never vanish. */
class CoinbaseTickerFormatTest {
  static final Path CLASSIC = Path.of("src/test/resources/coinbase_ticker/coinbase_ticker_2021-04-17.ndjson");
  static final Path ADVANCED = Path.of("src/test/resources/coinbase_ticker/coinbase_advtrade_ticker_BTC-ETH.ndjson");

  private final CoinbaseTickerFormat format = new CoinbaseTickerFormat();

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Object v(ParsedRecord r, String column) {
    assertTrue(r.isOk(), "record on line " + r.line() + " failed: " + r.error());
    return r.values()[ValueSchemas.TICK.fieldIndex(column)];
  }

  static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }

  private static Map<String, Long> perProduct(List<ParsedRecord> records) {
    return records.stream().collect(Collectors.groupingBy(r -> (String) v(r, PRODUCT), TreeMap::new, Collectors.counting()));
  }

  private List<ParsedRecord> parse(String text) {
    return format.parse("test.ndjson", text);
  }

  @Test
  void valueSchemaIsTheTickSchema() {
    assertSame(ValueSchemas.TICK, format.valueSchema());
  }

  @Test
  void classicCaptureYieldsOneTickPerLine() {
    List<ParsedRecord> records = parse(read(CLASSIC));
    assertEquals(107, records.size());
    assertTrue(records.stream().allMatch(ParsedRecord::isOk));
    assertTrue(records.stream().allMatch(r -> v(r, FEED).equals("classic")));
    assertEquals(Map.of("SKL-USD", 53L, "DASH-BTC", 16L, "SKL-BTC", 9L, "BAND-BTC", 9L, "NMR-EUR", 9L,
        "BAND-GBP", 5L, "SKL-GBP", 2L, "NU-GBP", 2L, "YFI-BTC", 1L, "CRV-EUR", 1L), perProduct(records));
    for (int i = 0; i < records.size(); i++) {
      assertEquals(i + 1L, records.get(i).line());
    }

    ParsedRecord first = records.get(0);
    assertArrayEquals(new Object[] {"BAND-GBP", ts("2021-04-17T16:43:30.244075Z"), 14.7775, 14.755, 14.806, 0.04,
        "buy", 333938798L, 881613L, "classic"}, first.values());
    assertEquals(Map.of(), first.extras());
    assertTrue(first.raw().startsWith("{\"type\":\"ticker\",\"sequence\":333938798,"), first.raw());

    ParsedRecord last = records.get(106);
    assertEquals(107, last.line());
    assertArrayEquals(new Object[] {"SKL-USD", ts("2021-04-17T16:44:06.669388Z"), 0.7902, 0.7901, 0.7905, 18.0,
        "sell", 201393867L, 1568319L, "classic"}, last.values());
  }

  @Test
  void advancedTradeCaptureYieldsOneTickPerTickerWithoutTradeFields() {
    TickerScan scan = format.scan("adv.ndjson", read(ADVANCED));
    List<ParsedRecord> records = scan.records();
    assertEquals(160, records.size());
    assertEquals(0, scan.controlMessageCount());
    assertEquals(Map.of("BTC-USD", 73L, "ETH-USD", 87L), perProduct(records));
    assertTrue(records.stream().allMatch(r -> v(r, FEED).equals("advanced_trade")
        && v(r, LAST_SIZE) == null && v(r, SIDE) == null && v(r, TRADE_ID) == null));

    // 2026-08-09T21:05:48.229198328Z: nanoseconds truncated to microseconds
    assertArrayEquals(new Object[] {"BTC-USD", ts("2026-08-09T21:05:48.229198Z"), 65086.18, 65083.66, 65083.67,
        null, null, 6L, null, "advanced_trade"}, records.get(0).values());
    assertEquals(1, records.get(0).line());
    // seven fractional digits: 21:05:50.0474128Z
    assertEquals(ts("2026-08-09T21:05:50.047412Z"), v(records.get(13), TS));
    assertEquals(14, records.get(13).line());

    ParsedRecord last = records.get(159);
    assertEquals(160, last.line());
    assertArrayEquals(new Object[] {"ETH-USD", ts("2026-08-09T21:06:12.798752Z"), 1919.38, 1919.28, 1919.38,
        null, null, 1025L, null, "advanced_trade"}, last.values());
  }

  @Test
  void aMessageWithSeveralTickersYieldsOneRecordEachOnTheSameLine() {
    String line = "{\"channel\":\"ticker\",\"timestamp\":\"2023-02-09T20:30:37.167359596Z\",\"sequence_num\":0,"
        + "\"events\":[{\"type\":\"snapshot\",\"tickers\":["
        + "{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"price\":\"21932.98\",\"best_bid\":\"21932.97\",\"best_ask\":\"21933.01\"},"
        + "{\"type\":\"ticker\",\"product_id\":\"ETH-USD\",\"price\":\"oops\"},"
        + "{\"type\":\"ticker\",\"product_id\":\"SOL-USD\",\"price\":\"20.5\",\"best_bid\":\"20.6\",\"best_ask\":\"20.4\"}]},"
        + "{\"type\":\"update\",\"tickers\":[]}]}";
    List<ParsedRecord> records = parse("\n" + line + "\n");
    assertEquals(3, records.size());
    assertTrue(records.stream().allMatch(r -> r.line() == 2 && r.raw().equals(line)));
    assertArrayEquals(new Object[] {"BTC-USD", ts("2023-02-09T20:30:37.167359Z"), 21932.98, 21932.97, 21933.01,
        null, null, 0L, null, "advanced_trade"}, records.get(0).values());
    assertEquals("events[0].tickers[1]: field price is not a number: 'oops'", records.get(1).error());
    // bid above ask is kept: the data contract judges it
    assertEquals(20.6, v(records.get(2), BEST_BID));
    assertEquals(20.4, v(records.get(2), BEST_ASK));
  }

  @Test
  void bothFeedsMixInOneFileAndBlankLinesKeepPhysicalLineNumbers() {
    List<String> classic = read(CLASSIC).lines().toList();
    List<String> advanced = read(ADVANCED).lines().toList();
    String text = classic.get(0) + "\n\n   \n" + advanced.get(0) + "\r\n" + classic.get(1) + "\r\n";
    List<ParsedRecord> records = parse(text);
    assertEquals(List.of(1L, 4L, 5L), records.stream().map(ParsedRecord::line).toList());
    assertEquals(List.of("classic", "advanced_trade", "classic"), records.stream().map(r -> v(r, FEED)).toList());
    assertEquals(advanced.get(0), records.get(1).raw());
    assertEquals("SKL-GBP", v(records.get(2), PRODUCT));
  }

  @Test
  void aTruncatedLastLineFailsThatLineOnly() {
    List<String> lines = read(CLASSIC).lines().toList();
    String cut = lines.get(106).substring(0, 150);
    String text = String.join("\n", lines.subList(0, 106)) + "\n" + cut;
    List<ParsedRecord> records = parse(text);
    assertEquals(107, records.size());
    assertEquals(106, records.stream().filter(ParsedRecord::isOk).count());
    ParsedRecord bad = records.get(106);
    assertFalse(bad.isOk());
    assertEquals(107, bad.line());
    assertEquals(cut, bad.raw());
    assertNull(bad.values());
    assertTrue(bad.error().startsWith("malformed JSON at column 151: Unexpected end-of-input"), bad.error());
  }

  @Test
  void aMalformedLineInTheMiddleFailsWithItsLineNumber() {
    List<String> lines = new java.util.ArrayList<>(read(ADVANCED).lines().toList());
    lines.set(49, lines.get(49).replace("\"price\":\"", "\"price\":"));
    List<ParsedRecord> records = parse(String.join("\n", lines));
    assertEquals(160, records.size());
    List<ParsedRecord> failed = records.stream().filter(r -> !r.isOk()).toList();
    assertEquals(1, failed.size());
    assertEquals(50, failed.get(0).line());
    assertTrue(failed.get(0).error().startsWith("malformed JSON at column "), failed.get(0).error());
    assertTrue(failed.get(0).error().endsWith("re-capture it or remove the line"), failed.get(0).error());
  }

  @Test
  void valuesThatCannotBeTypedFailTheRecordNamingTheField() {
    List<ParsedRecord> records = parse(String.join("\n",
        "{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"price\":\"abc\"}",
        "{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"time\":\"2021-04-17 16:43:30\"}",
        "{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"sequence\":1.5}",
        "{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"best_bid\":\"NaN\"}",
        "{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"last_size\":{\"v\":1}}",
        "{\"channel\":\"ticker\",\"timestamp\":\"2023-02-09T20:30:37Z\",\"events\":{}}",
        "{\"channel\":\"ticker\",\"timestamp\":\"soon\",\"events\":[]}",
        "{\"type\":\"ticker\",\"price\":\"1\",\"price\":\"2\"}"));
    assertEquals(List.of(
        "field price is not a number: 'abc'",
        "field time is not an ISO-8601 time with a zone (like 2021-04-17T16:43:30.244075Z): '2021-04-17 16:43:30'",
        "field sequence is not a whole number that fits 64 bits: 1.5",
        "field best_bid is not a number: 'NaN'",
        "field last_size must be a number or a numeric string, got an object",
        "field events must be an array of {type, tickers}, got an object",
        "field timestamp is not an ISO-8601 time with a zone (like 2021-04-17T16:43:30.244075Z): 'soon'"),
        records.subList(0, 7).stream().map(ParsedRecord::error).toList());
    assertTrue(records.get(7).error().startsWith("malformed JSON at column 37: Duplicate field 'price'"),
        records.get(7).error());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), records.stream().map(ParsedRecord::line).toList());
  }

  @Test
  void absentOrEmptyValuesAreNullsForTheContractNotParseErrors() {
    List<ParsedRecord> records = parse(String.join("\n",
        "{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"price\":\"\",\"best_bid\":null,\"sequence\":\"42\",\"trade_id\":\"7\"}",
        "{\"type\":\"ticker\",\"price\":-5,\"best_bid\":\"10\",\"best_ask\":\"9\",\"time\":\"2021-04-17T18:43:30.5+02:00\"}"));
    assertArrayEquals(new Object[] {"BTC-USD", null, null, null, null, null, null, 42L, 7L, "classic"},
        records.get(0).values());
    assertArrayEquals(new Object[] {null, ts("2021-04-17T16:43:30.500Z"), -5.0, 10.0, 9.0, null, null, null, null,
        "classic"}, records.get(1).values());
  }

  @Test
  void controlMessagesYieldNoRecordButAreCounted() {
    TickerScan scan = format.scan("mixed.ndjson", String.join("\n",
        "{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}]}",
        "{\"type\":\"heartbeat\",\"sequence\":90,\"last_trade_id\":20,\"product_id\":\"BTC-USD\",\"time\":\"2014-11-07T08:19:28.464459Z\"}",
        "{\"channel\":\"subscriptions\",\"client_id\":\"\",\"timestamp\":\"2023-02-09T20:32:37.973Z\",\"sequence_num\":0,"
            + "\"events\":[{\"subscriptions\":{\"ticker\":[\"BTC-USD\"]}}]}",
        "{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":\"2023-06-23T20:31:26.122969572Z\",\"sequence_num\":1,"
            + "\"events\":[{\"current_time\":\"2023-06-23 20:31:56.121961769 +0000 UTC\",\"heartbeat_counter\":3}]}",
        "{\"channel\":\"heartbeats\",\"timestamp\":\"2023-06-23T20:31:27.122969572Z\",\"sequence_num\":2,\"events\":[]}",
        "{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"price\":\"1\",\"time\":\"2021-04-17T16:43:30Z\"}"));
    assertEquals(1, scan.records().size());
    assertEquals(6, scan.records().get(0).line());
    assertEquals(Map.of("type=subscriptions", 1L, "type=heartbeat", 1L, "channel=subscriptions", 1L,
        "channel=heartbeats", 2L), scan.controlMessages());
    assertEquals(5, scan.controlMessageCount());
    assertEquals(List.of("channel=heartbeats", "channel=subscriptions", "type=heartbeat", "type=subscriptions"),
        List.copyOf(scan.controlMessages().keySet()));
  }

  @Test
  void otherMessagesAreNotTicksAndAreQuarantinedWithAReason() {
    List<ParsedRecord> records = parse(String.join("\n",
        "{\"type\":\"match\",\"trade_id\":10,\"product_id\":\"BTC-USD\",\"price\":\"400.23\"}",
        "{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"BTC-XYZ is not a valid product\"}",
        "{\"channel\":\"level2\",\"timestamp\":\"2023-02-09T20:32:50.714964855Z\",\"sequence_num\":0,\"events\":[]}",
        "{\"price\":\"1\"}",
        "[1,2]",
        "42"));
    assertEquals(List.of(
        "not a ticker message: type 'match'; this format reads Coinbase ticker captures only (point the source at a ticker capture)",
        "not a ticker message: type 'error'; this format reads Coinbase ticker captures only (point the source at a ticker capture)",
        "not a ticker message: channel 'level2'; this format reads Coinbase ticker captures only (point the source at a ticker capture)",
        "not a ticker message: neither 'type' nor 'channel' is present; this format reads Coinbase ticker captures only",
        "not a ticker message: the line is an array, not a JSON object; this format reads Coinbase ticker captures only",
        "not a ticker message: the line is the number 42, not a JSON object; this format reads Coinbase ticker captures only"),
        records.stream().map(ParsedRecord::error).toList());
  }

  @Test
  void aFileOfOnlyMalformedLinesYieldsFailedRecords() {
    List<ParsedRecord> records = parse("{\"type\":\"ticker\",\n<html>\n");
    assertEquals(List.of(1L, 2L), records.stream().map(ParsedRecord::line).toList());
    assertTrue(records.stream().noneMatch(ParsedRecord::isOk));
  }

  @Test
  void anEmptyFileIsUnreadable() {
    for (String empty : new String[] {"", "\n\n", "  \r\n"}) {
      UnreadableFileException e = assertThrows(UnreadableFileException.class, () -> parse(empty));
      assertEquals("file is empty: a Coinbase ticker capture has one JSON message a line;"
          + " check that the capture wrote data, or remove the file", e.getMessage());
    }
  }

  @Test
  void unknownFieldsAreExtrasAndAByteOrderMarkIsIgnored() {
    List<ParsedRecord> records = parse("\uFEFF{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"best_bid_size\":\"0.5\","
        + "\"maker_fee\":\"0.004\",\"flags\":[1],\"gone\":null}\n"
        + "{\"channel\":\"ticker\",\"timestamp\":\"2023-02-09T20:30:37Z\",\"sequence_num\":3,\"events\":[{\"type\":\"update\","
        + "\"tickers\":[{\"type\":\"ticker\",\"product_id\":\"ETH-USD\",\"best_bid_quantity\":\"1\",\"venue\":\"cb\"}]}]}");
    assertEquals("BTC-USD", v(records.get(0), PRODUCT));
    assertEquals(Map.of("maker_fee", "0.004", "flags", "[1]"), records.get(0).extras());
    assertEquals(Map.of("venue", "cb"), records.get(1).extras());
    assertEquals(3L, v(records.get(1), SEQUENCE));
  }
}
