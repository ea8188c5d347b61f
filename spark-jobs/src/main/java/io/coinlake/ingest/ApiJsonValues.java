package io.coinlake.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Typed reads of one JSON value for the API formats. APIs send numbers both as JSON numbers and
 * as strings ("37000.12"), so both are accepted; anything else fails with a {@link BadField} that
 * names the field, which the format turns into a failed record. An absent field, JSON null and ""
 * all mean "no value".
 */
final class ApiJsonValues {
  /** A field of one element cannot be read; the message names the field and what was wrong. */
  static final class BadField extends RuntimeException {
    BadField(String message) {
      super(message, null, false, false);
    }
  }

  private ApiJsonValues() {}

  static String requiredText(JsonNode object, String field) {
    String value = optionalText(object, field);
    if (value == null) {
      throw new BadField("'" + field + "' is missing");
    }
    return value;
  }

  static String optionalText(JsonNode object, String field) {
    JsonNode node = object.get(field);
    if (absent(node)) {
      return null;
    }
    if (!node.isTextual() && !node.isNumber()) {
      throw new BadField("'" + field + "' has the wrong type: expected a string, got " + typeOf(node));
    }
    return node.asText().trim();
  }

  static double requiredNumber(JsonNode object, String field) {
    return required(number(object.get(field), field), field);
  }

  static Double optionalNumber(JsonNode object, String field) {
    return number(object.get(field), field);
  }

  static double required(Double value, String field) {
    if (value == null) {
      throw new BadField("'" + field + "' is missing");
    }
    return value;
  }

  /** The value as a finite double, null when absent; {@code field} names it in the message. */
  static Double number(JsonNode node, String field) {
    if (absent(node)) {
      return null;
    }
    double value;
    if (node.isNumber()) {
      value = node.doubleValue();
    } else if (node.isTextual()) {
      try {
        value = new BigDecimal(node.asText().trim()).doubleValue();
      } catch (NumberFormatException e) {
        throw new BadField("'" + field + "' is not a number: \"" + shorten(node.asText()) + "\"");
      }
    } else {
      throw new BadField("'" + field + "' has the wrong type: expected a number, got " + typeOf(node));
    }
    if (!Double.isFinite(value)) {
      throw new BadField("'" + field + "' is out of range: " + shorten(node.asText()));
    }
    return value;
  }

  /** Percent (2.5 = +2.5%) to the lake's fraction (0.025); null stays null. */
  static Double percentToFraction(Double percent) {
    return percent == null ? null : percent / 100.0;
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isBlank());
  }

  static String typeOf(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case STRING -> "a string";
      default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
