package io.coinlake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractLoaderTest {
  private static final String ONE_CHECK = """
      checks:
        - name: close_complete
          kind: complete
          columns: [close]
          level: error
          threshold: 1.0
      """;

  @TempDir Path dir;

  @Test
  void theShippedOhlcvContractHasRowCountAndCompletenessAnomalies() {
    Contract contract = ContractLoader.load("conf/contracts/ohlcv.yaml", "ohlcv");

    assertEquals(List.of(
            AnomalyCheck.sizeChange("row_count_change", 0.5, 2.0),
            AnomalyCheck.completenessDrop("close_completeness_drop", "close", 0.02),
            AnomalyCheck.completenessDrop("volume_completeness_drop", "volume", 0.05)),
        contract.anomalies());
    assertEquals(9, contract.checks().size());
  }

  @Test
  void anomaliesDefaultToNone() throws IOException {
    Contract contract = ContractLoader.load(write(ONE_CHECK), "s");

    assertEquals(List.of(), contract.anomalies());
    assertEquals(List.of(), new Contract("s", contract.checks()).anomalies());
  }

  @Test
  void anomaliesAreRead() throws IOException {
    Contract contract = ContractLoader.load(write(ONE_CHECK + """
        anomalies:
          - name: rows
            metric: size
            maxRateIncrease: 3.0
          - name: close_drop
            metric: completeness
            column: close
            maxDrop: 0.1
        """), "s");

    assertEquals(List.of(new AnomalyCheck("rows", "size", null, null, 3.0, null),
        new AnomalyCheck("close_drop", "completeness", "close", null, null, 0.1)), contract.anomalies());
  }

  @Test
  void aBadAnomalyNamesTheFileAndTheEntry() throws IOException {
    String path = write(ONE_CHECK + """
        anomalies:
          - name: rows
            metric: size
            column: close
            maxDrop: 3
        """);

    ConfigException e = assertThrows(ConfigException.class, () -> ContractLoader.load(path, "s"));

    assertEquals(path + ": contract key 'anomalies[0]': anomaly 'rows': metric size counts rows;"
        + " remove 'column'", e.getMessage());
  }

  @Test
  void anUnknownAnomalyKeyIsRejected() throws IOException {
    String path = write(ONE_CHECK + """
        anomalies:
          - name: rows
            metric: size
            level: error
            maxDrop: 3
        """);

    ConfigException e = assertThrows(ConfigException.class, () -> ContractLoader.load(path, "s"));

    assertTrue(e.getMessage().startsWith(path + ": contract key 'anomalies[0].level': "), e.getMessage());
  }

  @Test
  void anAnomalyMayNotReuseACheckName() throws IOException {
    String path = write(ONE_CHECK + """
        anomalies:
          - name: close_complete
            metric: completeness
            column: close
            maxDrop: 0.1
        """);

    ConfigException e = assertThrows(ConfigException.class, () -> ContractLoader.load(path, "s"));

    assertEquals(path + ": anomaly name 'close_complete' is already used by another check or"
        + " anomaly; rename it", e.getMessage());
  }

  private String write(String yaml) throws IOException {
    Path file = dir.resolve("contract.yaml");
    Files.writeString(file, yaml);
    return file.toString();
  }
}
