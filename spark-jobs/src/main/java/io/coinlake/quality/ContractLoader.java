package io.coinlake.quality;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coinlake.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads a contract YAML from disk, or from the same path inside the jar when it is not on disk. */
public final class ContractLoader {
  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .build();

  private ContractLoader() {}

  /**
   * The file holds {@code checks: [...]} and optionally {@code anomalies: [...]}; {@code source}
   * names the contract in reports.
   */
  public static Contract load(String path, String source) {
    try (InputStream in = open(path)) {
      ContractFile file = YAML.readValue(in, ContractFile.class);
      return new Contract(source, file.checks(), file.anomalies());
    } catch (JsonMappingException e) {
      String key = e.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      String message = cause == e ? e.getOriginalMessage().lines().findFirst().orElse("") : cause.getMessage();
      throw new ConfigException(path + ": contract key '" + key + "': " + message, e);
    } catch (IOException e) {
      throw new ConfigException(path + ": cannot read the contract: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(path + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(String path) throws IOException {
    Path file = Path.of(path);
    if (Files.isRegularFile(file)) {
      return Files.newInputStream(file);
    }
    InputStream in = ContractLoader.class.getClassLoader().getResourceAsStream(path.replaceFirst("^\\./", ""));
    if (in == null) {
      throw new IOException("no such file on disk or in the jar");
    }
    return in;
  }

  /** The YAML document shape; {@code anomalies} may be left out (none). */
  record ContractFile(List<ContractCheck> checks, List<AnomalyCheck> anomalies) {}
}
