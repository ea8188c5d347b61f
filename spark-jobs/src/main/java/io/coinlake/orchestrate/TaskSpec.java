package io.coinlake.orchestrate;

import java.util.List;

/**
 * One task of the pipeline DAG: its id, the stage command it runs, the tasks it needs first, and
 * retry settings that, when given, replace the DAG's defaults.
 */
public record TaskSpec(String id, String command, List<String> dependsOn, Integer retries, Integer retryDelaySeconds,
    Boolean retryExponentialBackoff, Integer maxRetryDelaySeconds) {

  public TaskSpec {
    if (id == null || !id.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("task id '" + id + "' must be lower case letters, digits and _ (e.g. features)");
    }
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("task '" + id + "' has no command; set command: one of " + Stage.labels());
    }
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
  }
}
