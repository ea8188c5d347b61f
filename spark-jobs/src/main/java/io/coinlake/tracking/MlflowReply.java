package io.coinlake.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A tracking server's final answer to one request (after retries): the HTTP status and, for JSON
 * answers, the body. MLflow's errors are {@code {"error_code": "RESOURCE_DOES_NOT_EXIST", "message":
 * "..."}}; {@link #errorCode()} is that code, or empty for a success or a non-JSON error page.
 */
record MlflowReply(String what, int status, JsonNode json, String errorCode, String message) {
  static final String RESOURCE_DOES_NOT_EXIST = "RESOURCE_DOES_NOT_EXIST";
  static final String RESOURCE_ALREADY_EXISTS = "RESOURCE_ALREADY_EXISTS";
  static final String INVALID_PARAMETER_VALUE = "INVALID_PARAMETER_VALUE";

  boolean ok() {
    return status >= 200 && status < 300;
  }

  boolean is(String code) {
    return code.equals(errorCode);
  }

  /** The JSON body of a success; otherwise a one-line {@link TrackingException} naming the endpoint. */
  JsonNode orThrow() {
    if (ok()) {
      return json == null ? MissingNode.getInstance() : json;
    }
    throw failure();
  }

  TrackingException failure() {
    String code = errorCode.isEmpty() ? "" : " " + errorCode;
    String detail = message.isEmpty() ? "" : ": " + message;
    return new TrackingException(what + " failed with HTTP " + status + code + detail + "; " + advice());
  }

  private String advice() {
    if (status == 401 || status == 403) {
      return "the server refused our credentials: check " + MlflowCredentials.TOKEN + " or "
          + MlflowCredentials.USERNAME + "/" + MlflowCredentials.PASSWORD;
    }
    if (status == 404 && !RESOURCE_DOES_NOT_EXIST.equals(errorCode)) {
      return "the server has no such endpoint: check that the tracking URI points at an MLflow 2.x server"
          + " (artifact calls also need it started with --serve-artifacts)";
    }
    return "the server rejected the request, so retrying will not help: fix what the message names";
  }
}
