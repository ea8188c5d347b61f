package io.coinlake.synth;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.ConfigLoader;
import io.coinlake.ingest.OhlcvCsvFormat;
import io.coinlake.ingest.ParsedRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV text: the per_coin_file layout, exact values, OHLC order kept in the text, readable by ingest. */
class CandleCsvTest {
  private static String csv(Candles candles, LocalDate first) {
    CandleCsv writer = new CandleCsv(first, candles.days());
    byte[] buffer = writer.newBuffer();
    int length = writer.write(candles, buffer);
    return new String(buffer, 0, length, StandardCharsets.US_ASCII);
  }

  @Test
  void writesHeaderDatesAndNumbers() {
    Candles c = new Candles("BTC", new double[] {100, 101.5}, new double[] {102.25, 103}, new double[] {99.5, 0.012345678912345},
        new double[] {101.5, 102}, new double[] {12_345.678, 9.5e11});
    assertEquals("""
        datetime,open,high,low,close,volume
        2024-02-28,100,102.25,99.5,101.5,12345.678
        2024-02-29,101.5,103,0.01234567891,102,950000000000
        """, csv(c, LocalDate.of(2024, 2, 28)));
  }

  @Test
  void textKeepsLowOpenCloseHighOrderOnGeneratedCoins() {
    MarketSpec spec = new MarketSpec(6, 1500, 3);
    SyntheticMarket market = new SyntheticMarket(spec);
    for (int i = 0; i < spec.coins(); i++) {
      List<String> lines = csv(market.coin(i), spec.firstDay()).lines().toList();
      assertEquals(spec.days() + 1, lines.size());
      assertEquals(CandleCsv.HEADER, lines.get(0));
      assertEquals(spec.firstDay().toString(), lines.get(1).substring(0, 10));
      assertEquals(MarketSpec.LAST_DAY.toString(), lines.get(lines.size() - 1).substring(0, 10));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        assertEquals(6, f.length, line);
        BigDecimal open = new BigDecimal(f[1]);
        BigDecimal high = new BigDecimal(f[2]);
        BigDecimal low = new BigDecimal(f[3]);
        BigDecimal close = new BigDecimal(f[4]);
        assertTrue(low.signum() > 0, line);
        assertTrue(low.compareTo(open.min(close)) <= 0 && high.compareTo(open.max(close)) >= 0, line);
        assertTrue(new BigDecimal(f[5]).signum() > 0, line);
      }
    }
  }

  @Test
  void ingestReadsEveryRowWithTheSameValues() {
    MarketSpec spec = new MarketSpec(2, 300, 5);
    Candles coin = new SyntheticMarket(spec).coin(1);
    String text = csv(coin, spec.firstDay());
    var layout = ConfigLoader.load(null, List.of()).layout("per_coin_file");
    List<ParsedRecord> records = new OhlcvCsvFormat(layout, "1d").parse("file:/data/" + spec.fileName(1), text);
    assertEquals(spec.days(), records.size());
    List<String> lines = text.lines().skip(1).toList();
    for (int t = 0; t < records.size(); t++) {
      ParsedRecord r = records.get(t);
      assertTrue(r.isOk(), r.error());
      String[] f = lines.get(t).split(",");
      List<Object> values = java.util.Arrays.asList(r.values());
      assertTrue(values.contains(spec.symbol(1)), values.toString());
      assertTrue(values.contains(Double.parseDouble(f[4])), "close of " + lines.get(t) + " in " + values);
      assertTrue(values.contains(Double.parseDouble(f[5])), "volume of " + lines.get(t) + " in " + values);
    }
  }
}
