package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetaYamlTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"0", "123456789012345678", "0x1F", "1_000", "1:30", "3.10", ".5", "1.0e+5", "+1", "190:20:30", "2001-12-14t21:59:43.10-05:00", "-.inf", ".NaN",
      "yes", "No", "on", "OFF", "true", "null", "~", "", "2024-01-01", "2024-11-01 10:00:00.123456", "<<", "="})
  void quotesWhatPyYamlWouldResolveToAnotherType(String s) {
    assertTrue(PyYamlQuoting.resolvesToNonString(s) || s.isEmpty(), s);
    assertTrue(new PyYamlQuoting().needToQuoteValue(s), s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Default", "active", "None", "READY", "3.10.12", "2.17.2", "1e5", "mlflow.spark",
      "file:///tmp/mlruns/0", "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "gbt-depth5", "y", "n", "08", "1.0e5", "0o17", "-r requirements.txt"})
  void resolvesPlainStringsAsStrings(String s) {
    assertFalse(PyYamlQuoting.resolvesToNonString(s), s);
  }

  @Test
  void writesSortedBlockYamlAndReadsTypesBack() throws Exception {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1);
    inner.put("a", "3.10");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", 3);
    data.put("end_time", null);
    data.put("experiment_id", "0");
    data.put("tags", List.of());
    data.put("nested", inner);
    data.put("created", 1_700_000_000_000L);
    Path file = tmp.resolve("meta.yaml");
    MetaYaml.write(file, data);
    assertEquals(
        "created: 1700000000000\n"
            + "end_time: null\n"
            + "experiment_id: \"0\"\n"
            + "nested:\n"
            + "  a: \"3.10\"\n"
            + "  z: 1\n"
            + "status: 3\n"
            + "tags: []\n",
        Files.readString(file));
    Map<String, Object> back = MetaYaml.read(file);
    assertEquals(3, back.get("status"));
    assertEquals("0", back.get("experiment_id"));
    assertEquals(Map.of("a", "3.10", "z", 1), back.get("nested"));
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void missingFileIsATrackingExceptionNamingIt() {
    TrackingException e = assertThrows(TrackingException.class, () -> MetaYaml.read(tmp.resolve("absent.yaml")));
    assertTrue(e.getMessage().contains("absent.yaml"), e.getMessage());
  }
}
