package io.coinlake.fetch;

import java.net.URI;
import java.util.List;

/**
 * One GET to make: which API and endpoint (the landing folder), the URL (never holding a secret:
 * keys travel in headers, so the URL may be printed), the shape the answer must have, and the
 * parts of the landing file name that say what was asked (page, product, granularity).
 */
public record ApiRequest(Api api, String endpoint, URI uri, JsonShape shape, List<String> nameParts) {
  public ApiRequest {
    nameParts = List.copyOf(nameParts);
  }

  /** "coingecko markets", the prefix of every line about this request. */
  public String label() {
    return api.id() + " " + endpoint;
  }
}
