package io.coinlake.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the elements of the one array an API response is about (the document itself, or a named
 * field of a top-level object) with each element's start line and exact source text, so a bad
 * element can be quarantined as it arrived. The whole document is read before anything is
 * returned: truncated JSON anywhere makes the whole file unreadable, never half a file of records.
 */
final class JsonArrayElements {
  /** One array element: the 1-based line it starts on, its JSON text, and its parsed value. */
  record Element(long line, String raw, JsonNode node) {}

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private JsonArrayElements() {}

  /** The elements of a document that must be one JSON array; {@code expected} describes it for messages. */
  static List<Element> topLevelArray(String text, String expected) {
    return read(text, null, expected);
  }

  /** The elements of the array under {@code field} of a document that must be one JSON object. */
  static List<Element> arrayField(String text, String field, String expected) {
    return read(text, field, expected);
  }

  private static List<Element> read(String text, String field, String expected) {
    if (text == null || text.isBlank()) {
      throw new UnreadableFileException("empty file, expected " + expected + "; delete it and fetch again");
    }
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonToken first = parser.nextToken();
      List<Element> elements = field == null ? rootArray(parser, text, first, expected) : fieldArray(parser, text, first, field, expected);
      if (parser.nextToken() != null) {
        throw new UnreadableFileException("more than one JSON document (content after line "
            + parser.currentTokenLocation().getLineNr() + "), expected " + expected + "; delete it and fetch again");
      }
      return elements;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("").trim();
      throw new UnreadableFileException("truncated or invalid JSON" + where + " (" + why + "), expected " + expected
          + "; delete it and fetch again");
    } catch (IOException e) {
      throw new UnreadableFileException("cannot read the JSON: " + e.getMessage());
    }
  }

  private static List<Element> rootArray(JsonParser parser, String text, JsonToken first, String expected) throws IOException {
    if (first != JsonToken.START_ARRAY) {
      throw wrongShape("the document is " + describe(first), expected);
    }
    return elements(parser, text);
  }

  private static List<Element> fieldArray(JsonParser parser, String text, JsonToken first, String field, String expected) throws IOException {
    if (first != JsonToken.START_OBJECT) {
      throw wrongShape("the document is " + describe(first), expected);
    }
    List<Element> elements = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals(name) && elements == null) {
        if (value != JsonToken.START_ARRAY) {
          throw wrongShape("\"" + field + "\" is " + describe(value), expected);
        }
        elements = elements(parser, text);
      } else {
        parser.skipChildren();
      }
    }
    if (elements == null) {
      throw wrongShape("the object has no \"" + field + "\" field", expected);
    }
    return elements;
  }

  private static List<Element> elements(JsonParser parser, String text) throws IOException {
    List<Element> out = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      JsonLocation start = parser.currentTokenLocation();
      JsonNode node = MAPPER.readTree(parser);
      int end = (int) parser.currentLocation().getCharOffset();
      out.add(new Element(start.getLineNr(), text.substring((int) start.getCharOffset(), end),
          node == null ? NullNode.getInstance() : node));
    }
    return out;
  }

  private static UnreadableFileException wrongShape(String what, String expected) {
    return new UnreadableFileException("wrong JSON shape: " + what + ", expected " + expected
        + "; check the API endpoint the file came from");
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "empty";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }
}
