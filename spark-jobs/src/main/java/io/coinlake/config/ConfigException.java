package io.coinlake.config;

/** A config file or override is wrong: the message names the file and the key, and says what to do. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
