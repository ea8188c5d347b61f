package io.coinlake.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Tree operations behind the config layers: deep merge, dotted-key overrides, key lookup. */
final class YamlTrees {
  private YamlTrees() {}

  /** Deep-merges {@code overlay} into {@code base}: mappings merge key by key, anything else replaces. */
  static void merge(ObjectNode base, ObjectNode overlay) {
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = base.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overlayObject) {
        merge(existingObject, overlayObject);
      } else {
        base.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  /** Applies {@code a.b.c=value}; the value is read as YAML, so numbers, booleans and [lists] keep their types. */
  static void applyOverride(ObjectNode tree, String override, ObjectMapper yaml) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("--set " + override + ": expected key=value, e.g. --set tasks.volatility.horizon=7");
    }
    String key = override.substring(0, eq).trim();
    String raw = override.substring(eq + 1);
    JsonNode value;
    try {
      value = raw.isEmpty() ? yaml.getNodeFactory().textNode("") : yaml.readTree(raw);
    } catch (IOException e) {
      throw new ConfigException("--set " + key + ": the value '" + Secrets.mask(key, raw) + "' is not valid YAML");
    }
    String[] parts = key.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], value);
  }

  /** True when the tree holds a value at this Jackson path (or at a prefix of it that is a leaf). */
  static boolean contains(JsonNode tree, List<JsonMappingException.Reference> path) {
    if (tree == null || path.isEmpty()) {
      return false;
    }
    JsonNode node = tree;
    for (JsonMappingException.Reference ref : path) {
      JsonNode next = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
      if (next == null) {
        return false;
      }
      node = next;
    }
    return true;
  }
}
