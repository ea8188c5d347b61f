package io.coinlake.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * How {@code s3a://} paths (the lake, the landing zone) reach S3 or an S3-compatible store.
 * An empty {@code endpoint} or {@code region} leaves S3A's own setting (AWS by default). Holds no
 * credentials by design: S3A's default provider chain finds them (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY in the environment, or the instance/container role).
 */
public record S3Config(String endpoint, boolean pathStyleAccess, String region, boolean sslEnabled) {
  public S3Config {
    endpoint = endpoint == null ? "" : endpoint.strip();
    region = region == null ? "" : region.strip();
    Checks.noCredentials(endpoint.contains("://") ? endpoint : "https://" + endpoint, "endpoint");
    String scheme = schemeOf(endpoint);
    if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("'endpoint' must be http://host[:port], https://host[:port] or a bare host, got scheme '"
          + scheme + "'");
    }
    if (sslEnabled && "http".equals(scheme)) {
      throw new IllegalArgumentException("'endpoint' is plain http:// but 'sslEnabled' is true: set sslEnabled: false or use https://");
    }
  }

  /** The plain AWS setup: S3A's default endpoint and region discovery, virtual-host addressing, TLS. */
  public static S3Config aws() {
    return new S3Config("", false, "", true);
  }

  private static String schemeOf(String endpoint) {
    if (!endpoint.contains("://")) {
      return null;
    }
    try {
      return new URI(endpoint).getScheme();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'endpoint' is not a valid URL: " + e.getReason());
    }
  }
}
