package io.coinlake.ingest;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigLoader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each shipped layout reads its format by config alone; bad lines become errors, never vanish. */
class OhlcvCsvParserTest {
  private static final CoinlakeConfig CONFIG = ConfigLoader.load(null, List.of());

  private static List<ParsedLine> parse(String layout, String file, String text) {
    return new OhlcvCsvParser(CONFIG.layout(layout), "1d").parse(file, text.lines().toList());
  }

  private static long day(String date) {
    return Instant.parse(date + "T00:00:00Z").getEpochSecond();
  }

  @Test
  void kaggleLayoutKeysDailyCandlesByUtcDay() {
    List<ParsedLine> rows = parse("kaggle", "coin_Bitcoin.csv", """
        SNo,Name,Symbol,Date,High,Low,Open,Close,Volume,Marketcap
        1,Bitcoin,BTC,2013-04-29 23:59:59,147.488,134.0,134.444,144.54,0.0,1603768864.5
        2,Bitcoin,BTC,2013-04-30 23:59:59,146.93,134.05,144.0,139.0,12.5,1542813125.0
        """);
    assertEquals(2, rows.size());
    ParsedLine first = rows.get(0);
    assertTrue(first.ok());
    assertEquals("BTC", first.symbol());
    assertEquals(day("2013-04-29"), first.tsEpochSeconds());
    assertEquals(134.444, first.open());
    assertEquals(147.488, first.high());
    assertEquals(134.0, first.low());
    assertEquals(144.54, first.close());
    assertEquals(0.0, first.volume());
    assertEquals(1603768864.5, first.marketCap());
    assertEquals(2, first.sourceLine());
    assertEquals(3, rows.get(1).sourceLine());
  }

  @Test
  void perCoinFileTakesTheSymbolFromTheFileName() {
    List<ParsedLine> rows = parse("per_coin_file", "s3a://bucket/in/BTC-USD_1d.csv", """
        datetime,open,high,low,close,volume
        2021-01-01,28923.6,29600.6,28803.6,29331.7,54182.9
        """);
    assertEquals(1, rows.size());
    assertEquals("BTC", rows.get(0).symbol());
    assertEquals(day("2021-01-01"), rows.get(0).tsEpochSeconds());
    assertEquals(29331.7, rows.get(0).close());
  }

  @Test
  void perCoinFileWithAnUnmatchedNameIsUnreadableAsAWhole() {
    UnreadableFileException e = assertThrows(UnreadableFileException.class,
        () -> parse("per_coin_file", "bitcoin.csv", "datetime,open,high,low,close,volume\n2021-01-01,1,2,0.5,1.5,10\n"));
    assertTrue(e.getMessage().startsWith("file name does not match symbolFilePattern"), e.getMessage());
  }

  @Test
  void cryptoDataDownloadSkipsTheBannerAndReadsUnixSeconds() {
    List<ParsedLine> rows = parse("cryptodatadownload", "Bitstamp_BTCUSD_d.csv", """
        https://www.CryptoDataDownload.com
        Unix Timestamp,Date,Symbol,Open,High,Low,Close,Volume BTC,Volume USD
        1609459200,2021-01-01,BTC/USD,28999.63,29600.0,28736.97,29374.15,1250.4,36733180.1
        """);
    assertEquals(1, rows.size());
    ParsedLine r = rows.get(0);
    assertTrue(r.ok(), r.error());
    assertEquals("BTC/USD", r.symbol());
    assertEquals(day("2021-01-01"), r.tsEpochSeconds());
    assertEquals(36733180.1, r.volume());
    assertEquals(3, r.sourceLine());
  }

  @Test
  void cmcLayoutReadsQuotedThousandsAndShortDates() {
    List<ParsedLine> rows = parse("cmc_consolidated", "consolidated_coin_data.csv", """
        Currency,Date,Open,High,Low,Close,Volume,Market Cap
        tezos,4-Dec-19,1.29,1.32,1.25,1.25,"46,048,752","824,588,509"
        """);
    ParsedLine r = rows.get(0);
    assertTrue(r.ok(), r.error());
    assertEquals("TEZOS", r.symbol());
    assertEquals(day("2019-12-04"), r.tsEpochSeconds());
    assertEquals(46048752.0, r.volume());
    assertEquals(824588509.0, r.marketCap());
  }

  @Test
  void badLinesAreKeptWithAReasonNamingTheField() {
    List<ParsedLine> rows = parse("per_coin_file", "ETH-USD_1d.csv", """
        datetime,open,high,low,close,volume
        2021-01-01,1,2,0.5,abc,10

        2021-13-45,1,2,0.5,1.5,10
        2021-01-03,1,2,0.5
        2021-01-04,"1,2,0.5,1.5,10
        2021-01-05,,2,0.5,1.5,10
        """);
    assertEquals(5, rows.size(), "the blank line is not a row; every other line is");
    assertEquals("field close (column 'close') is not a number: 'abc'", rows.get(0).error());
    assertEquals(4, rows.get(1).sourceLine());
    assertTrue(rows.get(1).error().startsWith("timestamp '2021-13-45' does not match"), rows.get(1).error());
    assertEquals("expected 6 fields as in the header, got 4", rows.get(2).error());
    assertEquals("malformed CSV: unterminated quoted field", rows.get(3).error());
    assertTrue(rows.get(4).ok(), "an empty cell parses as null; the contract decides");
    assertNull(rows.get(4).open());
  }

  @Test
  void headerWithoutTheMappedColumnsIsUnreadableAsAWhole() {
    UnreadableFileException e = assertThrows(UnreadableFileException.class, () -> parse("kaggle", "coin_X.csv", "a,b,c\n1,2,3\n4,5,6\n"));
    assertTrue(e.getMessage().startsWith("header lacks column(s) [Close, Date, High, Low, Marketcap, Open, Symbol, Volume]"), e.getMessage());
  }
}
