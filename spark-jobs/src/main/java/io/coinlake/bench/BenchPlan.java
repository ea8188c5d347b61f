package io.coinlake.bench;

import io.coinlake.synth.Manifest;
import io.coinlake.synth.MarketSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark runs on and where it works: a generated market ({@code market}) or the
 * bundled sample ({@code market == null}, the configured OHLCV sources). Under {@code out}:
 * {@code data/<name>/} holds a generated data set (kept and reused), {@code runs/<name>/} the
 * run's lake, landing zone, MLflow file store, pipeline log and report (emptied before each run).
 */
public record BenchPlan(Path out, MarketSpec market) {
  public static final String SAMPLE = "sample";
  /** The layout generated files are read with (conf/coinlake.yaml). */
  public static final String LAYOUT = "per_coin_file";

  public BenchPlan {
    if (out == null) {
      throw new IllegalArgumentException("the bench needs an output folder (--out)");
    }
    out = out.toAbsolutePath().normalize();
  }

  public boolean sample() {
    return market == null;
  }

  public String name() {
    return sample() ? SAMPLE : market.name();
  }

  public Path dataDir() {
    return out.resolve("data").resolve(name());
  }

  public Path runDir() {
    return out.resolve("runs").resolve(name());
  }

  /**
   * The --set overrides that point a config at this plan: lake, landing zone and MLflow in the run
   * folder; OHLCV only (no snapshots or ticks), read from the generated files for a generated market.
   * Values are JSON, which the config loader reads as YAML.
   */
  public List<String> configOverrides() {
    List<String> overrides = new ArrayList<>();
    overrides.add("lake.root=" + quoted(runDir().resolve("lake").toString()));
    overrides.add("landing.root=" + quoted(runDir().resolve("landing").toString()));
    overrides.add("mlflow.trackingUri=" + quoted(runDir().resolve("mlruns").toString()));
    overrides.add("ingest.snapshots.sources=[]");
    overrides.add("ingest.ticks.sources=[]");
    if (!sample()) {
      overrides.add("ingest.ohlcv.interval=1d");
      overrides.add("ingest.ohlcv.sources=[{\"path\": " + quoted(dataDir().toString()) + ", \"glob\": "
          + quoted(Manifest.FILE_GLOB) + ", \"layout\": " + quoted(LAYOUT) + "}]");
    }
    return overrides;
  }

  /** A JSON string literal (also a YAML one). */
  static String quoted(String text) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }
}
