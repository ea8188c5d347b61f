package io.coinlake.config;

import java.util.Map;

/** The whole typed configuration; built only by {@link ConfigLoader}, which validates every key. */
public record CoinlakeConfig(
    LakeConfig lake,
    SparkConfig spark,
    MlflowConfig mlflow,
    IngestConfig ingest,
    Map<String, CsvLayout> layouts,
    QualityConfig quality,
    TasksConfig tasks,
    S3Config s3,
    LandingConfig landing,
    FetchConfig fetch,
    MonitoringConfig monitoring) {

  public CoinlakeConfig {
    Checks.present(lake, "lake");
    Checks.present(spark, "spark");
    Checks.present(mlflow, "mlflow");
    Checks.present(ingest, "ingest");
    Checks.present(layouts, "layouts");
    Checks.present(quality, "quality");
    Checks.present(tasks, "tasks");
    Checks.present(s3, "s3");
    Checks.present(landing, "landing");
    Checks.present(fetch, "fetch");
    Checks.present(monitoring, "monitoring");
    layouts = Map.copyOf(layouts);
    for (OhlcvSource source : ingest.ohlcv().sources()) {
      if (!layouts.containsKey(source.layout())) {
        throw new IllegalArgumentException("'ingest.ohlcv.sources' uses layout '" + source.layout()
            + "', which is not defined under 'layouts' (defined: " + layouts.keySet() + ")");
      }
    }
  }

  public CsvLayout layout(String name) {
    return layouts.get(name);
  }
}
