package io.coinlake.fetch;

import java.util.List;

/**
 * What one API's fetch did: requests planned, landed, failed and skipped (after the API gave up),
 * records landed, the files written and the one-line errors. The API failed if any request did.
 */
public record ApiResult(Api api, int planned, int landed, int failed, int skipped, long records,
    List<String> files, List<String> errors) {
  public ApiResult {
    files = List.copyOf(files);
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return failed == 0 && skipped == 0;
  }
}
