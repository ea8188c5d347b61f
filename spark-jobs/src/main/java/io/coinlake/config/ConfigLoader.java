package io.coinlake.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads the config in layers: the defaults shipped in the jar ({@code conf/coinlake.yaml}), then
 * the user's file (the {@code --config} file, else {@code ./conf/coinlake.yaml} when present),
 * then {@code --set key=value} overrides. Every error names the key and the layer it came from.
 */
public final class ConfigLoader {
  public static final String DEFAULTS_RESOURCE = "conf/coinlake.yaml";
  public static final Path LOCAL_CONFIG = Path.of("conf", "coinlake.yaml");
  private static final String OVERRIDES = "--set overrides";

  private static final ObjectMapper YAML = com.fasterxml.jackson.databind.json.JsonMapper.builder(new YAMLFactory())
      .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();

  private ConfigLoader() {}

  /** Loads and validates the config; {@code userFile} may be null. */
  public static CoinlakeConfig load(Path userFile, List<String> overrides) {
    ObjectNode merged = readDefaults();
    String userLayer = null;
    ObjectNode userTree = null;
    Path file = userFile != null ? userFile : (Files.isRegularFile(LOCAL_CONFIG) ? LOCAL_CONFIG : null);
    if (file != null) {
      userTree = readFile(file);
      userLayer = file.toString();
      YamlTrees.merge(merged, userTree);
    }
    ObjectNode overrideTree = YAML.createObjectNode();
    for (String override : overrides) {
      YamlTrees.applyOverride(overrideTree, override, YAML);
    }
    YamlTrees.merge(merged, overrideTree);
    try {
      return YAML.treeToValue(merged, CoinlakeConfig.class);
    } catch (JsonProcessingException e) {
      throw describe(e, overrideTree, userTree, userLayer);
    }
  }

  static ObjectNode readDefaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new ConfigException("the built-in defaults " + DEFAULTS_RESOURCE + " are missing from the jar: rebuild with ./coinlake build");
      }
      return asObject(YAML.readTree(in), DEFAULTS_RESOURCE);
    } catch (IOException e) {
      throw new ConfigException("cannot read the built-in defaults " + DEFAULTS_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(file + ": config file not found; pass an existing file to --config");
    }
    try {
      return asObject(YAML.readTree(file.toFile()), file.toString());
    } catch (IOException e) {
      throw new ConfigException(file + ": not valid YAML: " + firstLine(e.getMessage()), e);
    }
  }

  private static ObjectNode asObject(JsonNode node, String where) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return YAML.createObjectNode();
    }
    if (!node.isObject()) {
      throw new ConfigException(where + ": the top level must be a mapping of keys, got " + node.getNodeType());
    }
    return (ObjectNode) node;
  }

  private static ConfigException describe(JsonProcessingException e, ObjectNode overrides, ObjectNode user, String userLayer) {
    List<JsonMappingException.Reference> path = e instanceof JsonMappingException m ? m.getPath() : List.of();
    String key = path.stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    String layer = YamlTrees.contains(overrides, path) ? OVERRIDES
        : userLayer != null && YamlTrees.contains(user, path) ? userLayer : DEFAULTS_RESOURCE + " (built-in defaults)";
    String what;
    if (e instanceof UnrecognizedPropertyException u) {
      what = "unknown key '" + key + "'; known keys here: " + u.getKnownPropertyIds();
    } else if (e instanceof ValueInstantiationException v) {
      Throwable cause = v.getCause() != null ? v.getCause() : v;
      what = "invalid value under '" + key + "': " + cause.getMessage();
    } else if (e instanceof InvalidFormatException f) {
      what = "bad value '" + Secrets.mask(key, String.valueOf(f.getValue())) + "' for '" + key + "': expected " + f.getTargetType().getSimpleName();
    } else if (e instanceof MismatchedInputException m) {
      what = "bad value for '" + key + "': expected " + (m.getTargetType() == null ? "another type" : m.getTargetType().getSimpleName());
    } else {
      what = "cannot read '" + key + "': " + firstLine(e.getOriginalMessage());
    }
    return new ConfigException(layer + ": " + what, e);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
