package io.coinlake.fetch;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The APIs {@code coinlake fetch} knows; {@link #id()} names the config block, the CLI value and the landing folder. */
public enum Api {
  COINGECKO,
  COINLORE,
  COINBASE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The API for a CLI value such as "coingecko"; the message lists the valid ones. */
  public static Api fromId(String id) {
    for (Api api : values()) {
      if (api.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
        return api;
      }
    }
    throw new IllegalArgumentException("unknown API '" + id + "'; use one of " + ids());
  }

  public static String ids() {
    return Arrays.stream(values()).map(Api::id).collect(Collectors.joining(", "));
  }
}
