package io.coinlake.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code signature} of an MLmodel file (MLflow 2.17, {@code mlflow.models.ModelSignature}):
 * the named input columns and output columns as column specs. In the file each side is a JSON
 * string, {@code Schema.to_json()}, i.e. Python's {@code json.dumps} of
 * {@code [{"type": "double", "name": "rv_7", "required": true}, ...]}; {@code params} is null.
 */
public record ModelSignature(List<ColSpec> inputs, List<ColSpec> outputs) {
  /** MLflow's {@code DataType} names this file may use (scalars only). */
  public static final Set<String> TYPES = Set.of("boolean", "integer", "long", "float", "double", "string", "binary", "datetime");

  /** One column: MLflow {@code ColSpec.to_dict()} key order is type, name, required. */
  public record ColSpec(String type, String name, boolean required) {
    public ColSpec {
      if (!TYPES.contains(type)) {
        throw new IllegalArgumentException("column '" + name + "': MLflow type must be one of " + TYPES + ", got '" + type + "'");
      }
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("a signature column needs a name");
      }
    }
  }

  public ModelSignature {
    if (inputs == null || inputs.isEmpty()) {
      throw new IllegalArgumentException("a model signature needs at least one input column");
    }
    inputs = List.copyOf(inputs);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }

  /**
   * The named columns of {@code schema}, in the given order, all required, with the types
   * MLflow infers from a Spark DataFrame ({@code mlflow.types.utils._infer_spark_type}).
   *
   * @throws IllegalArgumentException naming a column that is absent or whose type has no MLflow scalar
   */
  public static List<ColSpec> columns(StructType schema, List<String> names) {
    List<ColSpec> out = new ArrayList<>();
    for (String name : names) {
      StructField field = null;
      for (StructField f : schema.fields()) {
        if (f.name().equals(name)) {
          field = f;
        }
      }
      if (field == null) {
        throw new IllegalArgumentException("model input '" + name + "' is not a column of the training rows (has "
            + List.of(schema.fieldNames()) + ")");
      }
      out.add(new ColSpec(mlflowType(field), name, true));
    }
    return out;
  }

  static String mlflowType(StructField field) {
    DataType t = field.dataType();
    if (t.equals(DataTypes.DoubleType)) {
      return "double";
    } else if (t.equals(DataTypes.FloatType)) {
      return "float";
    } else if (t.equals(DataTypes.LongType)) {
      return "long";
    } else if (t.equals(DataTypes.IntegerType) || t.equals(DataTypes.ShortType) || t.equals(DataTypes.ByteType)) {
      return "integer";
    } else if (t.equals(DataTypes.BooleanType)) {
      return "boolean";
    } else if (t.equals(DataTypes.StringType)) {
      return "string";
    } else if (t.equals(DataTypes.BinaryType)) {
      return "binary";
    } else if (t.equals(DataTypes.TimestampType) || t.equals(DataTypes.DateType)) {
      return "datetime";
    }
    throw new IllegalArgumentException("model input '" + field.name() + "' has Spark type " + t.simpleString()
        + ", which has no MLflow scalar type; cast it to a number or string");
  }

  /** The {@code signature:} mapping of the MLmodel file: inputs, outputs (null if none), params null. */
  public Map<String, Object> toMLmodel() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("inputs", toJson(inputs));
    m.put("outputs", outputs.isEmpty() ? null : toJson(outputs));
    m.put("params", null);
    return m;
  }

  /** Python's {@code json.dumps([c.to_dict() for c in cols])}: ", " and ": " separators, ASCII only. */
  public static String toJson(List<ColSpec> cols) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < cols.size(); i++) {
      ColSpec c = cols.get(i);
      s.append(i == 0 ? "" : ", ")
          .append("{\"type\": ").append(quote(c.type()))
          .append(", \"name\": ").append(quote(c.name()))
          .append(", \"required\": ").append(c.required())
          .append('}');
    }
    return s.append(']').toString();
  }

  /** A JSON string as Python's json.dumps writes it with ensure_ascii=True. */
  static String quote(String value) {
    StringBuilder s = new StringBuilder("\"");
    for (char ch : value.toCharArray()) {
      switch (ch) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        case '\b' -> s.append("\\b");
        case '\f' -> s.append("\\f");
        default -> {
          if (ch < 0x20 || ch > 0x7e) { // outside space..tilde, as json.encoder.ESCAPE_ASCII
            s.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            s.append(ch);
          }
        }
      }
    }
    return s.append('"').toString();
  }
}
