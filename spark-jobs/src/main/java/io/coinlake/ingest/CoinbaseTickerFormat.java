package io.coinlake.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.StructType;

/**
 * Coinbase websocket ticker captures, one JSON message a line (NDJSON), from either feed; each
 * line is recognised on its own, so one file may mix them:
 * <ul>
 *   <li>{@code "type": "ticker"} (classic Coinbase Exchange feed): one tick, feed {@value #FEED_CLASSIC};
 *       ts from {@code time}, sequence from {@code sequence}, with last_size, side and trade_id.</li>
 *   <li>{@code "channel": "ticker"} (Advanced Trade): one tick per element of
 *       {@code events[].tickers[]}, feed {@value #FEED_ADVANCED_TRADE}; ts is the message
 *       {@code timestamp} (nanoseconds truncated to microseconds), sequence is {@code sequence_num}
 *       (shared by every tick of the message); last_size, side and trade_id are null, as the
 *       channel does not send them. A line with several tickers yields several records with the
 *       same line number.</li>
 * </ul>
 *
 * <p>What is a failed record: only what cannot be typed — malformed JSON (a truncated last line
 * included: NDJSON lines stand alone, so it fails that line, not the file), a line that is not a
 * JSON object, a present value of the wrong kind (price "abc", an unparseable time, a fractional
 * sequence), and a message that is neither a ticker nor a known control message ({@code "not a
 * ticker message: ..."}, e.g. {@code type: match} or {@code type: error}: real data or a feed
 * problem someone should see). An absent field is null, and out-of-range values (bid above ask,
 * a negative price) are kept: both are the data contract's job.
 *
 * <p>Control messages ({@code type} subscriptions or heartbeat, {@code channel} subscriptions or
 * heartbeats) carry no market data and are not data records: they yield no record (a long capture
 * holds one heartbeat a second, which would drown real problems in the quarantine) and are
 * counted in {@link TickerScan#controlMessages()}.
 *
 * <p>Lines are 1-based physical lines; blank lines are skipped; the raw text of a record is its
 * whole line. A file with no non-blank line throws {@link UnreadableFileException}; a file of only
 * malformed lines yields only failed records. Fields the format does not know (a field Coinbase
 * adds later) go to {@link ParsedRecord#extras()} as text; known fields outside {@link
 * ValueSchemas#TICK} (24 h statistics, top-of-book sizes) are dropped.
 */
public final class CoinbaseTickerFormat implements SourceFormat {
  public static final String FEED_CLASSIC = "classic";
  public static final String FEED_ADVANCED_TRADE = "advanced_trade";

  private static final String TICKER = "ticker";
  private static final Set<String> CLASSIC_CONTROL = Set.of("subscriptions", "heartbeat");
  private static final Set<String> ADVANCED_CONTROL = Set.of("subscriptions", "heartbeats");

  private static final Set<String> CLASSIC_FIELDS = Set.of("type", "sequence", "product_id", "price",
      "open_24h", "volume_24h", "low_24h", "high_24h", "volume_30d", "best_bid", "best_ask",
      "best_bid_size", "best_ask_size", "side", "time", "trade_id", "last_size");
  private static final Set<String> ADVANCED_TICKER_FIELDS = Set.of("type", "product_id", "price",
      "volume_24_h", "low_24_h", "high_24_h", "low_52_w", "high_52_w", "price_percent_chg_24_h",
      "best_bid", "best_ask", "best_bid_quantity", "best_ask_quantity");

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  @Override
  public StructType valueSchema() {
    return ValueSchemas.TICK;
  }

  @Override
  public List<ParsedRecord> parse(String file, String text) {
    return scan(file, text).records();
  }

  /** {@link #parse} plus the count of control messages passed over; {@code file} is for messages only. */
  public TickerScan scan(String file, String text) {
    if (text == null || text.isBlank()) {
      throw new UnreadableFileException("file is empty: a Coinbase ticker capture has one JSON message a line;"
          + " check that the capture wrote data, or remove the file");
    }
    List<ParsedRecord> records = new ArrayList<>();
    Map<String, Long> control = new HashMap<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String raw = i == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(i);
      if (raw.isBlank()) {
        continue;
      }
      parseLine(i + 1L, raw, records, control);
    }
    return new TickerScan(records, control);
  }

  private static void parseLine(long line, String raw, List<ParsedRecord> out, Map<String, Long> control) {
    JsonNode message;
    try {
      message = JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      out.add(ParsedRecord.failed(line, raw, "malformed JSON" + at + ": " + oneLine(e.getOriginalMessage())
          + "; the line is truncated or corrupt: re-capture it or remove the line"));
      return;
    }
    if (!message.isObject()) {
      out.add(ParsedRecord.failed(line, raw, "not a ticker message: the line is " + JsonFields.kind(message)
          + ", not a JSON object; this format reads Coinbase ticker captures only"));
      return;
    }
    try {
      if (message.has("channel")) {
        String channel = JsonFields.text(message, "channel");
        if (TICKER.equals(channel)) {
          advancedTrade(line, raw, message, out);
        } else if (ADVANCED_CONTROL.contains(channel)) {
          control.merge("channel=" + channel, 1L, Long::sum);
        } else {
          out.add(notTicker(line, raw, "channel", channel));
        }
      } else if (message.has("type")) {
        String type = JsonFields.text(message, "type");
        if (TICKER.equals(type)) {
          out.add(classic(line, raw, message));
        } else if (CLASSIC_CONTROL.contains(type)) {
          control.merge("type=" + type, 1L, Long::sum);
        } else {
          out.add(notTicker(line, raw, "type", type));
        }
      } else {
        out.add(ParsedRecord.failed(line, raw, "not a ticker message: neither 'type' nor 'channel' is present;"
            + " this format reads Coinbase ticker captures only"));
      }
    } catch (JsonFields.BadField e) {
      out.add(ParsedRecord.failed(line, raw, e.getMessage()));
    }
  }

  private static ParsedRecord notTicker(long line, String raw, String key, String value) {
    return ParsedRecord.failed(line, raw, "not a ticker message: " + key + " '" + value
        + "'; this format reads Coinbase ticker captures only (point the source at a ticker capture)");
  }

  private static ParsedRecord classic(long line, String raw, JsonNode m) {
    return ParsedRecord.okWithExtras(line, raw, unknownFields(m, CLASSIC_FIELDS),
        JsonFields.text(m, "product_id"),
        JsonFields.time(m, "time"),
        JsonFields.number(m, "price"),
        JsonFields.number(m, "best_bid"),
        JsonFields.number(m, "best_ask"),
        JsonFields.number(m, "last_size"),
        JsonFields.text(m, "side"),
        JsonFields.integer(m, "sequence"),
        JsonFields.integer(m, "trade_id"),
        FEED_CLASSIC);
  }

  /** A problem with the message itself (time, sequence, events) fails the line as one record. */
  private static void advancedTrade(long line, String raw, JsonNode m, List<ParsedRecord> out) {
    Timestamp ts = JsonFields.time(m, "timestamp");
    Long sequence = JsonFields.integer(m, "sequence_num");
    JsonNode events = m.get("events");
    if (events == null || !events.isArray()) {
      throw new JsonFields.BadField("field events must be an array of {type, tickers}, got "
          + (events == null ? "nothing" : JsonFields.kind(events)));
    }
    for (int e = 0; e < events.size(); e++) {
      JsonNode tickers = events.get(e).get("tickers");
      if (tickers == null || !tickers.isArray()) {
        throw new JsonFields.BadField("field events[" + e + "].tickers must be an array, got "
            + (tickers == null ? "nothing" : JsonFields.kind(tickers)));
      }
      for (int t = 0; t < tickers.size(); t++) {
        out.add(advancedTicker(line, raw, "events[" + e + "].tickers[" + t + "]", tickers.get(t), ts, sequence));
      }
    }
  }

  private static ParsedRecord advancedTicker(long line, String raw, String where, JsonNode ticker, Timestamp ts,
      Long sequence) {
    if (!ticker.isObject()) {
      return ParsedRecord.failed(line, raw, where + " must be an object, got " + JsonFields.kind(ticker));
    }
    try {
      return ParsedRecord.okWithExtras(line, raw, unknownFields(ticker, ADVANCED_TICKER_FIELDS),
          JsonFields.text(ticker, "product_id"),
          ts,
          JsonFields.number(ticker, "price"),
          JsonFields.number(ticker, "best_bid"),
          JsonFields.number(ticker, "best_ask"),
          null,
          null,
          sequence,
          null,
          FEED_ADVANCED_TRADE);
    } catch (JsonFields.BadField e) {
      return ParsedRecord.failed(line, raw, where + ": " + e.getMessage());
    }
  }

  private static Map<String, String> unknownFields(JsonNode object, Set<String> known) {
    Map<String, String> extras = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!known.contains(field.getKey()) && !field.getValue().isNull()) {
        JsonNode value = field.getValue();
        extras.put(field.getKey(), value.isTextual() ? value.asText() : value.toString());
      }
    }
    return extras;
  }

  private static String oneLine(String message) {
    return message == null ? "unknown problem" : message.replaceAll("\\s+", " ").trim();
  }
}
