package io.coinlake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One answer of {@link FakeMlflowServer}: a status and a JSON body or raw bytes (artifact downloads). */
public record FakeMlflowReply(int status, JsonNode json, byte[] bytes, String retryAfter) {
  static final ObjectMapper JSON = new ObjectMapper();

  static FakeMlflowReply ok(JsonNode json) {
    return new FakeMlflowReply(200, json, null, null);
  }

  static FakeMlflowReply ok() {
    return ok(JSON.createObjectNode());
  }

  static FakeMlflowReply bytes(byte[] bytes) {
    return new FakeMlflowReply(200, null, bytes, null);
  }

  /** MLflow's error body: {@code {"error_code": ..., "message": ...}}. */
  static FakeMlflowReply error(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error_code", code);
    body.put("message", message);
    return new FakeMlflowReply(status, body, null, null);
  }

  FakeMlflowReply withRetryAfter(String value) {
    return new FakeMlflowReply(status, json, bytes, value);
  }

  static FakeMlflowReply notFound(String message) {
    return error(404, "RESOURCE_DOES_NOT_EXIST", message);
  }

  static FakeMlflowReply invalid(String message) {
    return error(400, "INVALID_PARAMETER_VALUE", message);
  }
}
