package io.coinlake.ingest;

/** Candle interval strings such as 1m, 1h, 1d. */
public final class Intervals {
  private Intervals() {}

  public static long seconds(String interval) {
    long n = Long.parseLong(interval.substring(0, interval.length() - 1));
    return switch (interval.charAt(interval.length() - 1)) {
      case 'm' -> n * 60;
      case 'h' -> n * 3600;
      case 'd' -> n * 86400;
      default -> throw new IllegalArgumentException("unknown interval unit in '" + interval + "'; use m, h or d");
    };
  }
}
