package io.coinlake.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Typed reads of one field of a JSON object, for formats that send numbers as strings (Coinbase).
 * An absent field, JSON null or an empty string is null: a gap the data contract judges later. A
 * value that is present but cannot be typed throws {@link BadField} naming the field and value.
 */
final class JsonFields {
  private JsonFields() {}

  /** A field is present but cannot be typed; the message names it and says what was expected. */
  static final class BadField extends RuntimeException {
    BadField(String message) {
      super(message);
    }
  }

  static String text(JsonNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual() || node.isNumber() || node.isBoolean()) {
      String value = node.asText().trim();
      return value.isEmpty() ? null : value;
    }
    throw new BadField("field " + field + " must be a string, got " + kind(node));
  }

  /** A decimal number or numeric string (no NaN, Infinity, hex or type suffix). */
  static Double number(JsonNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    String value = textOf(node, field, "a number or a numeric string");
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value).doubleValue();
    } catch (NumberFormatException e) {
      throw new BadField("field " + field + " is not a number: '" + value + "'");
    }
  }

  /** A whole number or a string of one, fitting a long. */
  static Long integer(JsonNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      throw new BadField("field " + field + " is not a whole number that fits 64 bits: " + node.asText());
    }
    String value = textOf(node, field, "a whole number");
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new BadField("field " + field + " is not a whole number that fits 64 bits: '" + value + "'");
    }
  }

  /**
   * An ISO-8601 time with an offset (2021-04-17T16:43:30.244075Z); fractions beyond microseconds
   * (Advanced Trade sends nanoseconds) are truncated, as Spark timestamps hold microseconds.
   */
  static Timestamp time(JsonNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    String value = textOf(node, field, "an ISO-8601 time string");
    if (value == null) {
      return null;
    }
    try {
      Instant instant = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
    } catch (DateTimeParseException e) {
      throw new BadField("field " + field + " is not an ISO-8601 time with a zone (like 2021-04-17T16:43:30.244075Z): '"
          + value + "'");
    }
  }

  private static String textOf(JsonNode node, String field, String expected) {
    if (!node.isTextual()) {
      throw new BadField("field " + field + " must be " + expected + ", got " + kind(node));
    }
    String value = node.asText().trim();
    return value.isEmpty() ? null : value;
  }

  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case BOOLEAN -> "a boolean " + node.asText();
      case NUMBER -> "the number " + node.asText();
      case STRING -> "the string '" + node.asText() + "'";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
