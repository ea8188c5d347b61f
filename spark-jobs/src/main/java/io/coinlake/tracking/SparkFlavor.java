package io.coinlake.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the MLmodel file of MLflow's spark flavor next to a saved Spark ML PipelineModel
 * directory, so that {@code mlflow.spark.load_model} / {@code mlflow.pyfunc.load_model} (and the UI's
 * model view) accept it. Mirrors {@code mlflow.spark._save_model_metadata} of MLflow 2.17.2: flavors
 * {@code spark} and {@code python_function}, {@code model_size_bytes} of the files already there,
 * an optional {@code signature} ({@link ModelSignature}), and the environment files {@code conda.yaml}, {@code python_env.yaml} and {@code requirements.txt}
 * that the python_function flavor points to.
 */
public final class SparkFlavor {
  public static final String MLFLOW_VERSION = "2.17.2";
  /** The Spark model folder inside the MLflow model ({@code _SPARK_MODEL_PATH_SUB}). */
  public static final String MODEL_DATA = "sparkml";
  /** The Python a pyfunc consumer is told to use; PySpark 3.5 supports 3.8 to 3.11. */
  public static final String DEFAULT_PYTHON_VERSION = "3.10.12";
  /** The PySpark class the JVM PipelineModel loads as. */
  static final String MODEL_CLASS = "pyspark.ml.pipeline.PipelineModel";

  static final String MLMODEL = "MLmodel";
  static final String CONDA_YAML = "conda.yaml";
  static final String PYTHON_ENV_YAML = "python_env.yaml";
  static final String REQUIREMENTS_TXT = "requirements.txt";
  private static final DateTimeFormatter PY_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private SparkFlavor() {}

  /**
   * The value of the run tag {@link MlflowTags#LOGGED_MODELS} for the model in {@code modelDir}, as
   * MLflow's {@code log_model} records it ({@code Model.get_tags_dict} of 2.17): a JSON list with one
   * entry of run_id, utc_time_created, artifact_path, model_uuid and the flavors (without their
   * {@code config}). The UI's "Models" column reads it.
   */
  public static String loggedModelsTag(Path modelDir) {
    Map<String, Object> mlmodel = MetaYaml.read(modelDir.resolve(MLMODEL));
    Map<String, Object> entry = new LinkedHashMap<>();
    for (String key : List.of("run_id", "utc_time_created", "artifact_path", "model_uuid")) {
      if (mlmodel.containsKey(key)) {
        entry.put(key, mlmodel.get(key));
      }
    }
    Map<String, Object> flavors = new LinkedHashMap<>();
    if (mlmodel.get("flavors") instanceof Map<?, ?> all) {
      all.forEach((name, config) -> {
        if (config instanceof Map<?, ?> c) {
          Map<Object, Object> copy = new LinkedHashMap<>(c);
          copy.remove("config");
          flavors.put(String.valueOf(name), copy);
        } else {
          flavors.put(String.valueOf(name), config);
        }
      });
    }
    entry.put("flavors", flavors);
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(List.of(entry));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new TrackingException("cannot write the logged-model tag for " + modelDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * modelDir contains sparkml/ (the PipelineModel saved by Spark); writes modelDir/MLmodel with
   * flavors spark (model_data: sparkml, pyspark_version: sparkVersion) and python_function
   * (loader_module: mlflow.spark, data: sparkml, env...), run_id, utc_time_created, artifact_path,
   * model_uuid, mlflow_version 2.17.2, plus the env files.
   */
  public static void writeMLmodel(Path modelDir, String runId, String artifactPath, String sparkVersion) {
    writeMLmodel(modelDir, runId, artifactPath, sparkVersion, DEFAULT_PYTHON_VERSION, null);
  }

  /** As {@link #writeMLmodel(Path, String, String, String)} plus the model's {@code signature}. */
  public static void writeMLmodel(
      Path modelDir, String runId, String artifactPath, String sparkVersion, ModelSignature signature) {
    writeMLmodel(modelDir, runId, artifactPath, sparkVersion, DEFAULT_PYTHON_VERSION, signature);
  }

  /** As {@link #writeMLmodel(Path, String, String, String)} with an explicit Python version. */
  public static void writeMLmodel(
      Path modelDir, String runId, String artifactPath, String sparkVersion, String pythonVersion) {
    writeMLmodel(modelDir, runId, artifactPath, sparkVersion, pythonVersion, null);
  }

  /**
   * The full form: an explicit Python version, and a signature (the input columns the model reads
   * and its output columns) or null for none.
   */
  public static void writeMLmodel(
      Path modelDir, String runId, String artifactPath, String sparkVersion, String pythonVersion, ModelSignature signature) {
    if (!Files.isDirectory(modelDir.resolve(MODEL_DATA))) {
      throw new TrackingException(
          "Cannot write MLmodel: "
              + modelDir.resolve(MODEL_DATA)
              + " is not a directory; save the PipelineModel there first.");
    }
    if (sparkVersion == null || sparkVersion.isBlank()) {
      throw new IllegalArgumentException("sparkVersion is required for the MLmodel file (pyspark_version).");
    }
    MetaYaml.write(modelDir.resolve(MLMODEL), mlmodel(modelDir, runId, artifactPath, sparkVersion, pythonVersion, signature));
    String pyspark = "pyspark==" + sparkVersion.replaceAll("(\\.?)dev.*$", "");
    List<String> pip = List.of("mlflow==" + MLFLOW_VERSION, pyspark);
    MetaYaml.write(modelDir.resolve(CONDA_YAML), condaEnv(pythonVersion, pip));
    MetaYaml.write(modelDir.resolve(PYTHON_ENV_YAML), pythonEnv(pythonVersion), false);
    StoreFiles.writeAtomically(modelDir.resolve(REQUIREMENTS_TXT), String.join("\n", pip));
  }

  static Map<String, Object> mlmodel(
      Path modelDir, String runId, String artifactPath, String sparkVersion, String pythonVersion, ModelSignature signature) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("conda", CONDA_YAML);
    env.put("virtualenv", PYTHON_ENV_YAML);
    Map<String, Object> pyfunc = new LinkedHashMap<>();
    pyfunc.put("data", MODEL_DATA);
    pyfunc.put("env", env);
    pyfunc.put("loader_module", "mlflow.spark");
    pyfunc.put("python_version", pythonVersion);
    Map<String, Object> spark = new LinkedHashMap<>();
    spark.put("code", null);
    spark.put("model_class", MODEL_CLASS);
    spark.put("model_data", MODEL_DATA);
    spark.put("pyspark_version", sparkVersion);
    Map<String, Object> flavors = new LinkedHashMap<>();
    flavors.put("python_function", pyfunc);
    flavors.put("spark", spark);

    Map<String, Object> m = new LinkedHashMap<>();
    if (artifactPath != null) {
      m.put("artifact_path", artifactPath);
    }
    m.put("flavors", flavors);
    m.put("mlflow_version", MLFLOW_VERSION);
    // MLflow measures the folder before it writes MLmodel and the env files
    List<String> metadataFiles = List.of(MLMODEL, CONDA_YAML, PYTHON_ENV_YAML, REQUIREMENTS_TXT);
    m.put("model_size_bytes", StoreFiles.totalSize(modelDir, metadataFiles));
    m.put("model_uuid", UUID.randomUUID().toString().replace("-", ""));
    if (runId != null) {
      m.put("run_id", runId);
    }
    if (signature != null) {
      m.put("signature", signature.toMLmodel());
    }
    m.put("utc_time_created", utcTimeCreated(LocalDateTime.now(ZoneOffset.UTC)));
    return m;
  }

  /** Python's {@code str(datetime.utcnow())}: microseconds, omitted when zero. */
  static String utcTimeCreated(LocalDateTime t) {
    LocalDateTime micros = t.truncatedTo(ChronoUnit.MICROS);
    String base = micros.format(PY_DATETIME);
    int us = micros.getNano() / 1000;
    return us == 0 ? base : base + "." + String.format(Locale.ROOT, "%06d", us);
  }

  /** {@code mlflow.utils.environment._mlflow_conda_env} (pip unpinned: its version is unknown here). */
  private static Map<String, Object> condaEnv(String pythonVersion, List<String> pip) {
    Map<String, Object> conda = new LinkedHashMap<>();
    conda.put("channels", List.of("conda-forge"));
    conda.put("dependencies", List.of("python=" + pythonVersion, "pip", Map.of("pip", pip)));
    conda.put("name", "mlflow-env");
    return conda;
  }

  /** {@code _PythonEnv.current().to_yaml()}: key order python, build_dependencies, dependencies. */
  private static Map<String, Object> pythonEnv(String pythonVersion) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("python", pythonVersion);
    env.put("build_dependencies", List.of("pip", "setuptools", "wheel"));
    env.put("dependencies", List.of("-r " + REQUIREMENTS_TXT));
    return env;
  }
}
