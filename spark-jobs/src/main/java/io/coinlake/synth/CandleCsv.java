package io.coinlake.synth;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Candles as a CSV in the {@code per_coin_file} layout (conf/coinlake.yaml): the header
 * {@value #HEADER}, dates {@code yyyy-MM-dd}, prices with at least {@value #PRICE_DIGITS}
 * significant digits on one grid per row (so the text keeps low <= open, close <= high), volume
 * with {@value #VOLUME_DIGITS}. Pure: bytes in a buffer, no I/O.
 */
public final class CandleCsv {
  public static final String HEADER = "datetime,open,high,low,close,volume";
  public static final int PRICE_DIGITS = 10;
  public static final int VOLUME_DIGITS = 8;
  private static final byte[] HEADER_LINE = (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_ROW = 11 + 5 * (DecimalText.MAX_CHARS + 1);

  private final byte[][] dates;

  /** A writer for series of {@code days} days starting on {@code firstDay}. */
  public CandleCsv(LocalDate firstDay, int days) {
    dates = new byte[days][];
    for (int t = 0; t < days; t++) {
      dates[t] = firstDay.plusDays(t).toString().getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** A buffer large enough for any file of this writer; reuse it across coins. */
  public byte[] newBuffer() {
    return new byte[HEADER_LINE.length + dates.length * MAX_ROW];
  }

  /** Writes the whole file into {@code buffer}; returns its length in bytes. */
  public int write(Candles candles, byte[] buffer) {
    if (candles.days() != dates.length) {
      throw new IllegalArgumentException(candles.symbol() + " has " + candles.days() + " days, this writer " + dates.length);
    }
    System.arraycopy(HEADER_LINE, 0, buffer, 0, HEADER_LINE.length);
    int pos = HEADER_LINE.length;
    for (int t = 0; t < dates.length; t++) {
      byte[] date = dates[t];
      System.arraycopy(date, 0, buffer, pos, date.length);
      pos += date.length;
      int decimals = DecimalText.decimalsFor(candles.low()[t], PRICE_DIGITS);
      pos = field(buffer, pos, candles.open()[t], decimals);
      pos = field(buffer, pos, candles.high()[t], decimals);
      pos = field(buffer, pos, candles.low()[t], decimals);
      pos = field(buffer, pos, candles.close()[t], decimals);
      double volume = candles.volume()[t];
      pos = field(buffer, pos, volume, DecimalText.decimalsFor(volume, VOLUME_DIGITS));
      buffer[pos++] = '\n';
    }
    return pos;
  }

  private static int field(byte[] buffer, int pos, double value, int decimals) {
    buffer[pos] = ',';
    return DecimalText.append(buffer, pos + 1, value, decimals);
  }
}
