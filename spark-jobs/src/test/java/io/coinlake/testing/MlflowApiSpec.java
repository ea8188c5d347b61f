package io.coinlake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlflow.api.proto.MlflowArtifacts;
import org.mlflow.api.proto.ModelRegistry;
import org.mlflow.api.proto.Service;
import org.mlflow_project.databricks.Databricks;
import org.mlflow_project.google.protobuf.Descriptors.Descriptor;
import org.mlflow_project.google.protobuf.Descriptors.FieldDescriptor;
import org.mlflow_project.google.protobuf.Descriptors.FileDescriptor;
import org.mlflow_project.google.protobuf.Descriptors.MethodDescriptor;
import org.mlflow_project.google.protobuf.Descriptors.ServiceDescriptor;

/**
 * MLflow's REST API 2.0 as MLflow defines it: the protobuf service definitions shipped in
 * org.mlflow:mlflow-client 2.17.2 ({@code service.proto}, {@code model_registry.proto}, {@code
 * mlflow_artifacts.proto}), from which MLflow's REST API documentation is generated. Each RPC's
 * {@code (mlflow.rpc)} option gives its HTTP method and path, its request message the fields a body
 * or query may hold, their types, and which are required ({@code (validate_required)}). The
 * handlers of the 2.17 server ({@code mlflow/server/handlers.py}) require a few more fields than the
 * protos mark; they are listed in {@link #HANDLER_REQUIRED}.
 *
 * <p>{@link #check} returns every way a request breaks the API: an unknown endpoint or method, an
 * unknown field, a field of the wrong JSON type (protobuf's JSON mapping: int64 as a number or a
 * numeric string, doubles may be "NaN"/"Infinity", enums by name, strings must be strings), or a
 * missing required field. {@link #checkResponse} applies the same type rules to an answer.
 */
public final class MlflowApiSpec {
  public static final String API = "/api/2.0";
  /** Path parameters of the artifact proxy's endpoints ({@code <path:artifact_path>}). */
  private static final String PATH_PARAMETER = "/<path:artifact_path>";

  /** Fields the 2.17 handlers assert as required beyond the protos' (validate_required). */
  static final Map<String, List<String>> HANDLER_REQUIRED = Map.of(
      "POST /api/2.0/mlflow/runs/log-batch",
      List.of("run_id", "metrics[].key", "metrics[].value", "metrics[].timestamp", "params[].key", "tags[].key"),
      "POST /api/2.0/mlflow/runs/update", List.of("run_id"),
      "GET /api/2.0/mlflow/runs/get", List.of("run_id"),
      "GET /api/2.0/mlflow/metrics/get-history", List.of("run_id"),
      "POST /api/2.0/mlflow/experiments/create", List.of("name"));

  /** One RPC: how it is called and its request and response messages. */
  public record Rpc(String name, String method, String path, boolean pathParameter, Descriptor request, Descriptor response) {
    public String endpoint() {
      return method + " " + path;
    }
  }

  private final List<Rpc> rpcs = new ArrayList<>();

  private MlflowApiSpec() {
    for (FileDescriptor file : List.of(Service.getDescriptor(), ModelRegistry.getDescriptor(), MlflowArtifacts.getDescriptor())) {
      for (ServiceDescriptor service : file.getServices()) {
        for (MethodDescriptor method : service.getMethods()) {
          Databricks.DatabricksRpcOptions rpc = method.getOptions().getExtension(Databricks.rpc);
          for (Databricks.HttpEndpoint endpoint : rpc.getEndpointsList()) {
            String path = endpoint.getPath().startsWith("/") ? endpoint.getPath() : "/" + endpoint.getPath();
            boolean parameter = path.endsWith(PATH_PARAMETER);
            String prefix = parameter ? path.substring(0, path.length() - PATH_PARAMETER.length()) : path;
            Descriptor response = method.getInputType().findNestedTypeByName("Response");
            rpcs.add(new Rpc(method.getName(), endpoint.getMethod(), API + prefix, parameter, method.getInputType(), response));
          }
        }
      }
    }
  }

  private static final MlflowApiSpec INSTANCE = new MlflowApiSpec();

  public static MlflowApiSpec get() {
    return INSTANCE;
  }

  public List<Rpc> rpcs() {
    return List.copyOf(rpcs);
  }

  /** The RPC a request path and method call, if MLflow has one. */
  public Optional<Rpc> find(String method, String path) {
    for (Rpc rpc : rpcs) {
      boolean pathMatches = rpc.pathParameter() ? path.startsWith(rpc.path() + "/") && path.length() > rpc.path().length() + 1
          : path.equals(rpc.path());
      if (pathMatches && rpc.method().equals(method)) {
        return Optional.of(rpc);
      }
    }
    return Optional.empty();
  }

  /** True when some RPC has this path (with any method). */
  public boolean knowsPath(String path) {
    return rpcs.stream().anyMatch(rpc -> rpc.pathParameter() ? path.startsWith(rpc.path() + "/") : path.equals(rpc.path()));
  }

  /**
   * The violations of one request: {@code query} for GET (every value a string, as in a URL), {@code
   * body} for the others, DELETE included (a JSON object: the 2.17 handlers parse the query string
   * only for GET; null when the body is not JSON, which only the artifact upload may send).
   */
  public List<String> check(Rpc rpc, Map<String, List<String>> query, JsonNode body) {
    List<String> problems = new ArrayList<>();
    String where = rpc.endpoint();
    if (rpc.pathParameter()) {
      // the artifact proxy: the path carries the file; upload bodies are raw bytes, and DELETE/GET take no fields
      if (!query.isEmpty()) {
        problems.add(where + ": takes no query parameters, got " + query.keySet());
      }
      return problems;
    }
    if (rpc.method().equals("GET")) {
      if (body != null && !(body.isObject() && body.isEmpty())) {
        problems.add(where + ": a GET sends its fields in the query, not a body");
      }
      checkQuery(rpc, query, problems);
    } else {
      if (!query.isEmpty()) {
        problems.add(where + ": a " + rpc.method() + " sends its fields as a JSON body, not in the query " + query.keySet());
      }
      if (body == null || !body.isObject()) {
        problems.add(where + ": the body must be a JSON object");
        return problems;
      }
      checkMessage(where, "", rpc.request(), body, problems);
    }
    for (String required : required(rpc)) {
      if (!present(required, rpc.method().equals("GET") ? null : body, query)) {
        problems.add(where + ": required field '" + required + "' is missing");
      }
    }
    return problems;
  }

  /** The type violations of a response body against the RPC's Response message. */
  public List<String> checkResponse(Rpc rpc, JsonNode body) {
    List<String> problems = new ArrayList<>();
    if (rpc.response() != null && body != null) {
      checkMessage(rpc.endpoint() + " response", "", rpc.response(), body, problems);
    }
    return problems;
  }

  private List<String> required(Rpc rpc) {
    List<String> out = new ArrayList<>();
    for (FieldDescriptor field : rpc.request().getFields()) {
      if (field.getOptions().getExtension(Databricks.validateRequired)) {
        out.add(field.getName());
      }
    }
    for (String extra : HANDLER_REQUIRED.getOrDefault(rpc.endpoint(), List.of())) {
      if (!out.contains(extra)) {
        out.add(extra);
      }
    }
    return out;
  }

  /** {@code a} or {@code list[].a} (then every element of the list must have it). */
  private static boolean present(String required, JsonNode body, Map<String, List<String>> query) {
    if (body == null) {
      return query.containsKey(required) && !query.get(required).isEmpty();
    }
    int dot = required.indexOf("[].");
    if (dot < 0) {
      JsonNode value = body.get(required);
      return value != null && !value.isNull();
    }
    JsonNode list = body.get(required.substring(0, dot));
    if (list == null || !list.isArray()) {
      return true; // an absent list has no elements to lack the field
    }
    String field = required.substring(dot + 3);
    for (JsonNode element : list) {
      if (element.get(field) == null || element.get(field).isNull()) {
        return false;
      }
    }
    return true;
  }

  private static void checkQuery(Rpc rpc, Map<String, List<String>> query, List<String> problems) {
    Map<String, FieldDescriptor> fields = new LinkedHashMap<>();
    rpc.request().getFields().forEach(f -> fields.put(f.getName(), f));
    for (Map.Entry<String, List<String>> param : query.entrySet()) {
      FieldDescriptor field = fields.get(param.getKey());
      String at = rpc.endpoint() + " query '" + param.getKey() + "'";
      if (field == null) {
        problems.add(at + ": no such field (known: " + fields.keySet() + ")");
        continue;
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        problems.add(at + ": a message field cannot be sent in a query");
        continue;
      }
      if (!field.isRepeated() && param.getValue().size() > 1) {
        problems.add(at + ": given " + param.getValue().size() + " times but is not repeated");
      }
      for (String value : param.getValue()) {
        if (!scalarTextOk(field, value)) {
          problems.add(at + ": '" + value + "' is not a valid " + field.getType());
        }
      }
    }
  }

  private static boolean scalarTextOk(FieldDescriptor field, String value) {
    return switch (field.getJavaType()) {
      case INT, LONG -> value.matches("-?\\d+");
      case DOUBLE, FLOAT -> value.matches("-?\\d+(\\.\\d*)?([eE][-+]?\\d+)?|NaN|-?Infinity");
      case BOOLEAN -> value.equals("true") || value.equals("false");
      case ENUM -> field.getEnumType().findValueByName(value) != null;
      default -> true;
    };
  }

  private static void checkMessage(String where, String prefix, Descriptor type, JsonNode json, List<String> problems) {
    if (!json.isObject()) {
      problems.add(where + ": '" + (prefix.isEmpty() ? "body" : prefix) + "' must be a JSON object (" + type.getName() + ")");
      return;
    }
    Set<String> known = new java.util.TreeSet<>();
    type.getFields().forEach(f -> known.add(f.getName()));
    json.fields().forEachRemaining(entry -> {
      String name = prefix + entry.getKey();
      FieldDescriptor field = type.findFieldByName(entry.getKey());
      if (field == null) {
        problems.add(where + ": unknown field '" + name + "' (" + type.getName() + " has " + known + ")");
        return;
      }
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        return; // protobuf's JSON mapping reads null as the default value
      }
      if (field.isRepeated()) {
        if (!value.isArray()) {
          problems.add(where + ": '" + name + "' must be a JSON array");
          return;
        }
        int i = 0;
        for (JsonNode element : value) {
          checkValue(where, name + "[" + i++ + "]", field, element, problems);
        }
      } else {
        checkValue(where, name, field, value, problems);
      }
    });
  }

  private static void checkValue(String where, String name, FieldDescriptor field, JsonNode value, List<String> problems) {
    boolean ok = switch (field.getJavaType()) {
      case STRING -> value.isTextual();
      case INT, LONG -> value.isIntegralNumber() || (value.isTextual() && value.asText().matches("-?\\d+"))
          || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
      case DOUBLE, FLOAT -> value.isNumber() || (value.isTextual() && value.asText().matches("NaN|-?Infinity|-?\\d+(\\.\\d*)?([eE][-+]?\\d+)?"));
      case BOOLEAN -> value.isBoolean();
      case ENUM -> (value.isTextual() && field.getEnumType().findValueByName(value.asText()) != null) || value.isInt();
      case MESSAGE -> {
        checkMessage(where, name + ".", field.getMessageType(), value, problems);
        yield true;
      }
      default -> true;
    };
    if (!ok) {
      problems.add(where + ": '" + name + "' = " + value + " is not a valid " + field.getType()
          + (field.getJavaType() == FieldDescriptor.JavaType.ENUM ? " " + field.getEnumType().getName() : ""));
    }
  }
}
