package io.coinlake.ingest;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link CoinbaseTickerFormat#scan} found in one file: one {@link ParsedRecord} per ticker
 * (good or failed), and how many websocket control messages (subscription acknowledgements,
 * heartbeats) it passed over, keyed like {@code type=subscriptions} or {@code channel=heartbeats}
 * and sorted by key. Control messages carry no market data, so they are counted here rather than
 * quarantined; a reader may record the counts beside rows read / accepted / quarantined.
 */
public record TickerScan(List<ParsedRecord> records, Map<String, Long> controlMessages) implements Serializable {
  public TickerScan {
    records = List.copyOf(records);
    controlMessages = Collections.unmodifiableMap(new TreeMap<>(controlMessages));
  }

  /** Total control messages skipped. */
  public long controlMessageCount() {
    return controlMessages.values().stream().mapToLong(Long::longValue).sum();
  }
}
