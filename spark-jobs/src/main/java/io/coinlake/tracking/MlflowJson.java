package io.coinlake.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reading and writing the JSON of MLflow's REST API. Protobuf's JSON mapping lets a server send
 * int64 fields as numbers or as strings, and ids and versions are strings; both are accepted here.
 */
final class MlflowJson {
  private MlflowJson() {}

  /** {@code [{"key": k, "value": v}, ...]} in the map's order. */
  static List<Map<String, String>> keyValues(Map<String, String> entries) {
    List<Map<String, String>> out = new ArrayList<>();
    entries.forEach((k, v) -> {
      Map<String, String> kv = new LinkedHashMap<>();
      kv.put("key", k);
      kv.put("value", v == null ? "" : v);
      out.add(kv);
    });
    return out;
  }

  /** A {@code [{"key": k, "value": v}, ...]} array as a sorted map (an absent array is empty). */
  static Map<String, String> keyValueMap(JsonNode array) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode kv : array) {
      out.put(kv.path("key").asText(), kv.path("value").asText(""));
    }
    return out;
  }

  /** An int64 field sent as a number or a numeric string; {@code fallback} when absent. */
  static long int64(JsonNode node, long fallback) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (node.isNumber()) {
      return node.asLong();
    }
    try {
      return Long.parseLong(node.asText().trim());
    } catch (NumberFormatException e) {
      throw new TrackingException("MLflow sent '" + node.asText() + "' where an integer was expected");
    }
  }

  /** A double sent as a number or as "NaN", "Infinity", "-Infinity" (protobuf's JSON mapping). */
  static double number(JsonNode node) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    return switch (node.asText()) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
          throw new TrackingException("MLflow sent '" + node.asText() + "' where a number was expected");
        }
      }
    };
  }

  /** A required text field, or a one-line error naming it and the call. */
  static String text(JsonNode parent, String field, String what) {
    JsonNode node = parent.path(field);
    if (!node.isValueNode() || node.isNull()) {
      throw new TrackingException(what + " answered without '" + field + "'; check that the tracking URI points at an MLflow 2.x server");
    }
    return node.asText();
  }
}
