package io.coinlake.tracking;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the YAML files of the store the way MLflow's {@code file_utils.write_yaml} does
 * ({@code yaml.dump(data, default_flow_style=False, allow_unicode=True, sort_keys=True,
 * Dumper=SafeDumper)}): block style, keys sorted at every level, ints as ints, {@code null} for
 * None, strings quoted only where PyYAML would read them back as another type. Writes go to a
 * temporary file in the same folder that then replaces the target, so a reader never sees half a
 * file.
 */
final class MetaYaml {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .stringQuotingChecker(new PyYamlQuoting())
              .build());

  private MetaYaml() {}

  /** Writes {@code data} with keys sorted at every level (MLflow's default). */
  static void write(Path file, Map<String, ?> data) {
    write(file, data, true);
  }

  /** Writes {@code data}; with {@code sortKeys} false the maps' own order is kept. */
  static void write(Path file, Map<String, ?> data, boolean sortKeys) {
    String text;
    try {
      text = MAPPER.writeValueAsString(sortKeys ? sorted(data) : data);
    } catch (IOException e) {
      throw new TrackingException("Cannot serialize YAML for " + file + ": " + e.getMessage(), e);
    }
    StoreFiles.writeAtomically(file, text);
  }

  /** Reads a YAML mapping; throws {@link TrackingException} naming the file if absent or not a mapping. */
  static Map<String, Object> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TrackingException("Yaml file '" + file + "' does not exist.");
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Map<String, Object> map = MAPPER.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
      if (map == null) {
        throw new TrackingException("Yaml file '" + file + "' is empty.");
      }
      return map;
    } catch (IOException e) {
      throw new TrackingException("Cannot read YAML file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(MetaYaml::sorted).toList();
    }
    return value;
  }
}
