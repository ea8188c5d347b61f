package io.coinlake.config;

/** One block per prediction task. */
public record TasksConfig(VolatilityTaskConfig volatility) {
  public TasksConfig {
    Checks.present(volatility, "volatility");
  }
}
