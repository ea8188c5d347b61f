package io.coinlake.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;

/**
 * The top-level shape a response must have before it may land: an endpoint that answers with an
 * error object (or a different endpoint altogether) is caught at fetch time, not at ingest.
 */
public enum JsonShape {
  /** The document is an array of records (CoinGecko markets, Coinbase candles). */
  ARRAY("a JSON array"),
  /** The document is an object with the records in a "data" array (CoinLore tickers). */
  DATA_ARRAY("a JSON object with a \"data\" array");

  private final String description;

  JsonShape(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** The number of records in a document of this shape, or empty when the document has another shape. */
  public OptionalInt records(JsonNode root) {
    JsonNode array = this == ARRAY ? root : (root.isObject() ? root.get("data") : null);
    return array != null && array.isArray() ? OptionalInt.of(array.size()) : OptionalInt.empty();
  }
}
