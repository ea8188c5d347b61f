package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkFlavorTest {
  @TempDir Path tmp;

  private Path savedPipeline() throws Exception {
    Path modelDir = tmp.resolve("model");
    Files.createDirectories(modelDir.resolve("sparkml/metadata"));
    Files.createDirectories(modelDir.resolve("sparkml/stages/0_gbt/data"));
    Files.writeString(modelDir.resolve("sparkml/metadata/part-00000"), "{\"class\":\"org.apache.spark.ml.PipelineModel\"}");
    Files.write(modelDir.resolve("sparkml/stages/0_gbt/data/part-00000.parquet"), new byte[1000]);
    return modelDir;
  }

  @Test
  @SuppressWarnings("unchecked")
  void mlmodelHasSparkAndPyfuncFlavors() throws Exception {
    Path modelDir = savedPipeline();
    long dataBytes = Files.size(modelDir.resolve("sparkml/metadata/part-00000")) + 1000;
    SparkFlavor.writeMLmodel(modelDir, "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "model", "3.5.7");

    Map<String, Object> m = MetaYaml.read(modelDir.resolve("MLmodel"));
    assertEquals(
        List.of("artifact_path", "flavors", "mlflow_version", "model_size_bytes", "model_uuid", "run_id", "utc_time_created"),
        List.copyOf(m.keySet()));
    assertEquals("model", m.get("artifact_path"));
    assertEquals("0a1b2c3d4e5f60718293a4b5c6d7e8f9", m.get("run_id"));
    assertEquals("2.17.2", m.get("mlflow_version"));
    assertEquals(dataBytes, ((Number) m.get("model_size_bytes")).longValue());
    assertTrue(((String) m.get("model_uuid")).matches("[0-9a-f]{32}"));
    assertInstanceOf(String.class, m.get("utc_time_created"));
    assertTrue(((String) m.get("utc_time_created")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?"));

    Map<String, Object> flavors = (Map<String, Object>) m.get("flavors");
    assertEquals(List.of("python_function", "spark"), List.copyOf(flavors.keySet()));
    Map<String, Object> spark = (Map<String, Object>) flavors.get("spark");
    Map<String, Object> expectedSpark = new HashMap<>();
    expectedSpark.put("code", null);
    expectedSpark.put("model_class", "pyspark.ml.pipeline.PipelineModel");
    expectedSpark.put("model_data", "sparkml");
    expectedSpark.put("pyspark_version", "3.5.7");
    assertEquals(expectedSpark, spark);
    assertEquals(
        Map.of(
            "data", "sparkml",
            "env", Map.of("conda", "conda.yaml", "virtualenv", "python_env.yaml"),
            "loader_module", "mlflow.spark",
            "python_version", SparkFlavor.DEFAULT_PYTHON_VERSION),
        flavors.get("python_function"));
    String text = Files.readString(modelDir.resolve("MLmodel"));
    assertTrue(text.startsWith("artifact_path: model\nflavors:\n  python_function:\n    data: sparkml\n"), text);
  }

  @Test
  void environmentFilesMatchWhatPyfuncPointsTo() throws Exception {
    Path modelDir = savedPipeline();
    SparkFlavor.writeMLmodel(modelDir, "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "model", "3.5.7", "3.11.4");
    assertEquals("mlflow==2.17.2\npyspark==3.5.7", Files.readString(modelDir.resolve("requirements.txt")));
    Map<String, Object> conda = MetaYaml.read(modelDir.resolve("conda.yaml"));
    assertEquals("mlflow-env", conda.get("name"));
    assertEquals(List.of("conda-forge"), conda.get("channels"));
    assertEquals(
        List.of("python=3.11.4", "pip", Map.of("pip", List.of("mlflow==2.17.2", "pyspark==3.5.7"))),
        conda.get("dependencies"));
    Map<String, Object> env = MetaYaml.read(modelDir.resolve("python_env.yaml"));
    assertEquals(List.of("python", "build_dependencies", "dependencies"), List.copyOf(env.keySet()));
    assertEquals("3.11.4", env.get("python"));
    assertEquals(List.of("-r requirements.txt"), env.get("dependencies"));
    // writing twice does not count the metadata files as model bytes
    long size1 = ((Number) MetaYaml.read(modelDir.resolve("MLmodel")).get("model_size_bytes")).longValue();
    SparkFlavor.writeMLmodel(modelDir, null, null, "3.5.7.dev0");
    Map<String, Object> again = MetaYaml.read(modelDir.resolve("MLmodel"));
    assertEquals(size1, ((Number) again.get("model_size_bytes")).longValue());
    assertTrue(!again.containsKey("run_id") && !again.containsKey("artifact_path"), again.toString());
    assertEquals(Arrays.asList("mlflow==2.17.2", "pyspark==3.5.7"), Files.readAllLines(modelDir.resolve("requirements.txt")));
  }

  /**
   * The MLmodel fields MLflow 2.17 documents and reads ({@code mlflow.models.Model.from_dict},
   * {@code ModelSignature.from_dict}, {@code Schema.from_json}, {@code mlflow.spark._load_pyfunc}),
   * with the signature a volatility model carries; every file a flavor names exists.
   */
  @Test
  @SuppressWarnings("unchecked")
  void mlmodelWithASignatureHasEveryDocumentedField() throws Exception {
    Path modelDir = savedPipeline();
    List<String> features = io.coinlake.features.VolatilityFeatures.featureColumns();
    StructType rows = new StructType().add("symbol", DataTypes.StringType).add("label", DataTypes.DoubleType);
    for (String f : features) {
      rows = rows.add(f, DataTypes.DoubleType, true);
    }
    rows = rows.add("prediction", DataTypes.DoubleType, false);
    ModelSignature signature = new ModelSignature(ModelSignature.columns(rows, features), ModelSignature.columns(rows, List.of("prediction")));
    String runId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    SparkFlavor.writeMLmodel(modelDir, runId, "model", "3.5.7", signature);

    Map<String, Object> m = MetaYaml.read(modelDir.resolve("MLmodel"));
    assertEquals(List.of("artifact_path", "flavors", "mlflow_version", "model_size_bytes", "model_uuid", "run_id", "signature",
        "utc_time_created"), List.copyOf(m.keySet()), "PyYAML's sorted keys");
    assertEquals("model", m.get("artifact_path"));
    assertEquals(runId, m.get("run_id"));
    assertEquals("2.17.2", m.get("mlflow_version"));
    assertTrue(((String) m.get("model_uuid")).matches("[0-9a-f]{32}"), "uuid4().hex: " + m.get("model_uuid"));
    assertTrue(((String) m.get("utc_time_created")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?"),
        "str(datetime.utcnow()): " + m.get("utc_time_created"));

    Map<String, Object> flavors = (Map<String, Object>) m.get("flavors");
    Map<String, Object> spark = (Map<String, Object>) flavors.get("spark");
    assertEquals("3.5.7", spark.get("pyspark_version"));
    assertEquals("sparkml", spark.get("model_data"));
    assertTrue(spark.containsKey("code") && spark.get("code") == null, "code: null when no code paths are logged");
    Map<String, Object> pyfunc = (Map<String, Object>) flavors.get("python_function");
    assertEquals("mlflow.spark", pyfunc.get("loader_module"));
    assertTrue(((String) pyfunc.get("python_version")).matches("3\\.\\d+\\.\\d+"), pyfunc.toString());
    assertEquals("sparkml", pyfunc.get("data"));
    Map<String, Object> env = (Map<String, Object>) pyfunc.get("env");
    assertEquals(Map.of("conda", "conda.yaml", "virtualenv", "python_env.yaml"), env);

    // every file the flavors name is there
    assertTrue(Files.isDirectory(modelDir.resolve((String) spark.get("model_data")).resolve("metadata")));
    assertTrue(Files.isDirectory(modelDir.resolve((String) pyfunc.get("data"))));
    for (Object file : env.values()) {
      assertTrue(Files.isRegularFile(modelDir.resolve((String) file)), file.toString());
    }
    assertTrue(Files.isRegularFile(modelDir.resolve("requirements.txt")), "python_env.yaml's -r requirements.txt");

    // signature: inputs and outputs are JSON strings of column specs, params null
    Map<String, Object> sig = (Map<String, Object>) m.get("signature");
    assertEquals(List.of("inputs", "outputs", "params"), List.copyOf(sig.keySet()));
    assertNull(sig.get("params"));
    ObjectMapper json = new ObjectMapper();
    List<Map<String, Object>> inputs = json.readValue((String) sig.get("inputs"), new TypeReference<List<Map<String, Object>>>() {});
    assertEquals(13, inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      Map<String, Object> col = inputs.get(i);
      assertEquals(List.of("type", "name", "required"), List.copyOf(col.keySet()), "ColSpec.to_dict() order");
      assertEquals(Map.of("type", "double", "name", features.get(i), "required", true), col);
    }
    assertEquals(List.of("log_return", "rv_7", "rv_30", "parkinson_7", "garman_klass_7", "har_rv_d", "har_rv_w", "har_rv_m",
        "volume_z_30", "rsi_14", "close_sma_ratio_30", "close_ema_ratio_12", "rv_last_h"), inputs.stream().map(c -> c.get("name")).toList());
    List<Map<String, Object>> outputs = json.readValue((String) sig.get("outputs"), new TypeReference<List<Map<String, Object>>>() {});
    assertEquals(List.of(Map.of("type", "double", "name", "prediction", "required", true)), outputs);
    assertEquals(ModelSignature.toJson(signature.inputs()), sig.get("inputs"), "the JSON text itself survives the YAML round trip");
  }

  @Test
  void theLoggedModelTagListsTheModelAsLogModelRecordsIt() throws Exception {
    Path modelDir = savedPipeline();
    SparkFlavor.writeMLmodel(modelDir, "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "model", "3.5.7");
    var tag = new com.fasterxml.jackson.databind.ObjectMapper().readTree(SparkFlavor.loggedModelsTag(modelDir));
    Map<String, Object> mlmodel = MetaYaml.read(modelDir.resolve("MLmodel"));
    assertEquals(1, tag.size());
    var entry = tag.get(0);
    assertEquals(List.of("run_id", "utc_time_created", "artifact_path", "model_uuid", "flavors"),
        com.google.common.collect.Lists.newArrayList(entry.fieldNames()));
    assertEquals("0a1b2c3d4e5f60718293a4b5c6d7e8f9", entry.get("run_id").asText());
    assertEquals("model", entry.get("artifact_path").asText());
    assertEquals(mlmodel.get("model_uuid"), entry.get("model_uuid").asText());
    assertEquals(mlmodel.get("utc_time_created"), entry.get("utc_time_created").asText());
    assertEquals("sparkml", entry.get("flavors").get("spark").get("model_data").asText());
    assertEquals("mlflow.spark", entry.get("flavors").get("python_function").get("loader_module").asText());
  }

  @Test
  void refusesAFolderWithoutSparkml() {
    TrackingException e =
        assertThrows(TrackingException.class, () -> SparkFlavor.writeMLmodel(tmp, "r", "model", "3.5.7"));
    assertTrue(e.getMessage().contains("sparkml"), e.getMessage());
  }

  @Test
  void utcTimeCreatedIsPythonsStrOfADatetime() {
    assertEquals("2024-11-01 09:08:07.123456", SparkFlavor.utcTimeCreated(LocalDateTime.of(2024, 11, 1, 9, 8, 7, 123_456_789)));
    assertEquals("2024-11-01 09:08:07", SparkFlavor.utcTimeCreated(LocalDateTime.of(2024, 11, 1, 9, 8, 7, 0)));
    assertEquals("2024-11-01 09:08:07.000100", SparkFlavor.utcTimeCreated(LocalDateTime.of(2024, 11, 1, 9, 8, 7, 100_000)));
  }
}
