package io.coinlake.orchestrate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coinlake.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads the pipeline spec: the {@code --pipeline} file, else {@code ./conf/pipeline.yaml} when
 * present, else the copy shipped in the jar. Every error names the file and the key.
 */
public final class PipelineSpecLoader {
  public static final String RESOURCE = "conf/pipeline.yaml";
  public static final Path LOCAL_FILE = Path.of("conf", "pipeline.yaml");

  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();

  private PipelineSpecLoader() {}

  /** {@code file} may be null: then the local file or the built-in spec. */
  public static PipelineSpec load(Path file) {
    Path chosen = file != null ? file : (Files.isRegularFile(LOCAL_FILE) ? LOCAL_FILE : null);
    if (chosen == null) {
      try (InputStream in = PipelineSpecLoader.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new ConfigException("the built-in pipeline spec " + RESOURCE + " is missing from the jar: rebuild with ./coinlake build");
        }
        return parse(in.readAllBytes(), RESOURCE + " (built-in)");
      } catch (IOException e) {
        throw new ConfigException("cannot read the built-in pipeline spec " + RESOURCE + ": " + e.getMessage(), e);
      }
    }
    if (!Files.isRegularFile(chosen)) {
      throw new ConfigException(chosen + ": pipeline spec not found; pass an existing file to --pipeline");
    }
    try {
      return parse(Files.readAllBytes(chosen), chosen.toString());
    } catch (IOException e) {
      throw new ConfigException(chosen + ": cannot read the pipeline spec: " + e.getMessage(), e);
    }
  }

  static PipelineSpec parse(byte[] yaml, String where) {
    try {
      return YAML.readValue(yaml, PipelineSpec.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(where + ": unknown key '" + path(e) + "'; known keys here: "
          + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
    } catch (JsonMappingException e) {
      Throwable root = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      String key = path(e);
      throw new ConfigException(where + ": " + (key.isEmpty() ? "" : "at '" + key + "': ") + firstLine(root.getMessage()));
    } catch (IOException e) {
      throw new ConfigException(where + ": not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message;
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
