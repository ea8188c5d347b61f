package io.coinlake.ingest;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.ingest.MarketSnapshotCsvFormat.PercentUnit;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketSnapshotCsvFormatTest {
  private static final String HEADER = "coin,symbol,price,1h,24h,7d,volume,mkt_cap,date\n";

  private static List<ParsedRecord> parse(PercentUnit unit, String text) {
    return new MarketSnapshotCsvFormat(unit).parse("coin_gecko_2022-03-16.csv", text);
  }

  @Test
  void readsARealRowWithFractionsAsGiven() {
    ParsedRecord r = parse(PercentUnit.FRACTION, HEADER + "Bitcoin,BTC,40859.46,0.022,0.03,0.055,35390763321,770991461396,2022-03-16\n").get(0);
    assertTrue(r.isOk(), r.error());
    assertEquals(2, r.line());
    assertArrayEquals(new Object[] {"BTC", Timestamp.from(Instant.parse("2022-03-16T00:00:00Z")), "Bitcoin", null, 40859.46, 0.022, 0.03,
        0.055, 35390763321.0, 770991461396.0}, r.values());
  }

  @Test
  void percentUnitScalesTheChangeColumnsToFractions() {
    ParsedRecord r = parse(PercentUnit.PERCENT, HEADER + "Bitcoin,btc,40859.46,2.2,-3,5.5,1,2,2022-03-16\n").get(0);
    assertEquals("BTC", r.values()[0]);
    assertEquals(0.022, (Double) r.values()[5], 1e-15);
    assertEquals(-0.03, (Double) r.values()[6], 1e-15);
    assertEquals(0.055, (Double) r.values()[7], 1e-15);
  }

  @Test
  void emptyCellsAreNullsAndTheOriginalVolumeHeaderIsAccepted() {
    String text = "coin,symbol,price,1h,24h,7d,24h_volume,mkt_cap,date\nSai,SAI,1,,,,,72643253,2022-03-16\n";
    ParsedRecord r = parse(PercentUnit.FRACTION, text).get(0);
    assertTrue(r.isOk(), r.error());
    assertNull(r.values()[5]);
    assertNull(r.values()[8]);
    assertEquals(72643253.0, r.values()[9]);
  }

  @Test
  void badLinesFailAloneWithTheFieldNamed() {
    List<ParsedRecord> rows = parse(PercentUnit.FRACTION, HEADER
        + "Bitcoin,BTC,abc,0.022,0.03,0.055,1,2,2022-03-16\n"
        + "Ether,ETH,2744.41,0.024\n"
        + "\n"
        + "Tether,USDT,1,0,0,0,1,2,16/03/2022\n"
        + "BNB,BNB,383.43,0.018,0.028,0.004,1,2,2022-03-16\n");
    assertEquals(4, rows.size(), "the blank line is not a record");
    assertEquals("field price is not a number: 'abc'", rows.get(0).error());
    assertEquals("expected 9 fields as in the header, got 4", rows.get(1).error());
    assertEquals(6, rows.get(3).line());
    assertTrue(rows.get(2).error().startsWith("field date '16/03/2022' is not yyyy-MM-dd"), rows.get(2).error());
    assertTrue(rows.get(3).isOk());
  }

  @Test
  void aMissingRequiredColumnMakesTheFileUnreadable() {
    UnreadableFileException e = assertThrows(UnreadableFileException.class,
        () -> parse(PercentUnit.FRACTION, "coin,symbol,1h,24h,7d,volume,mkt_cap,date\nBitcoin,BTC,0,0,0,1,2,2022-03-16\n"));
    assertTrue(e.getMessage().startsWith("header lacks required column(s) [price]"), e.getMessage());
  }

  @Test
  void anUnknownColumnIsKeptAsAnExtraForSchemaEvolution() {
    ParsedRecord r = parse(PercentUnit.FRACTION,
        "coin,symbol,price,1h,24h,7d,volume,mkt_cap,date,30d\nBitcoin,BTC,1,0,0,0,1,2,2022-03-16,0.12\n").get(0);
    assertEquals(Map.of("30d", "0.12"), r.extras());
  }

  @Test
  void isoInstantsAndDateTimesAreUtc() {
    assertEquals(Instant.parse("2022-03-16T10:15:00Z"), MarketSnapshotCsvFormat.timestamp("2022-03-16 10:15:00").toInstant());
    assertEquals(Instant.parse("2022-03-16T08:15:00Z"), MarketSnapshotCsvFormat.timestamp("2022-03-16T10:15:00+02:00").toInstant());
  }
}
