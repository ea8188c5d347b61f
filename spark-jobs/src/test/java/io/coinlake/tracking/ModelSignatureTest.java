package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.tracking.ModelSignature.ColSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ModelSignatureTest {
  @Test
  void columnsTakeMlflowsTypesForSparkTypes() {
    StructType schema = new StructType().add("d", DataTypes.DoubleType).add("f", DataTypes.FloatType).add("l", DataTypes.LongType)
        .add("i", DataTypes.IntegerType).add("b", DataTypes.BooleanType).add("s", DataTypes.StringType)
        .add("t", DataTypes.TimestampType).add("day", DataTypes.DateType).add("bin", DataTypes.BinaryType);
    assertEquals(List.of(new ColSpec("string", "s", true), new ColSpec("double", "d", true), new ColSpec("float", "f", true),
            new ColSpec("long", "l", true), new ColSpec("integer", "i", true), new ColSpec("boolean", "b", true),
            new ColSpec("datetime", "t", true), new ColSpec("datetime", "day", true), new ColSpec("binary", "bin", true)),
        ModelSignature.columns(schema, List.of("s", "d", "f", "l", "i", "b", "t", "day", "bin")), "in the order asked for");
  }

  @Test
  void anAbsentColumnOrOneWithoutAScalarTypeIsNamed() {
    StructType schema = new StructType().add("rv_7", DataTypes.DoubleType).add("v", DataTypes.createArrayType(DataTypes.DoubleType));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSignature.columns(schema, List.of("rv_30")));
    assertEquals("model input 'rv_30' is not a column of the training rows (has [rv_7, v])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelSignature.columns(schema, List.of("v")));
    assertEquals("model input 'v' has Spark type array<double>, which has no MLflow scalar type; cast it to a number or string", e.getMessage());
  }

  @Test
  void jsonIsWhatPythonsJsonDumpsWrites() {
    // python3 -c 'import json; print(json.dumps([{"type": "double", "name": "rv_7", "required": True}, ...]))'
    assertEquals("[{\"type\": \"double\", \"name\": \"rv_7\", \"required\": true}, {\"type\": \"long\", \"name\": \"n\", \"required\": false}]",
        ModelSignature.toJson(List.of(new ColSpec("double", "rv_7", true), new ColSpec("long", "n", false))));
    // json.dumps("a\x7f\u00e9\U0001F600/\x01\"\\") == '"a\\u007f\\u00e9\\ud83d\\ude00/\\u0001\\"\\\\"'
    assertEquals("\"a\\u007f\\u00e9\\ud83d\\ude00/\\u0001\\\"\\\\\"", ModelSignature.quote("a\u007f\u00e9\uD83D\uDE00/\u0001\"\\"));
  }

  @Test
  void theMlmodelEntryHasInputsOutputsAndNullParams() {
    ModelSignature s = new ModelSignature(List.of(new ColSpec("double", "rv_7", true)), List.of(new ColSpec("double", "prediction", true)));
    Map<String, Object> m = s.toMLmodel();
    assertEquals(List.of("inputs", "outputs", "params"), List.copyOf(m.keySet()));
    assertEquals("[{\"type\": \"double\", \"name\": \"rv_7\", \"required\": true}]", m.get("inputs"));
    assertEquals("[{\"type\": \"double\", \"name\": \"prediction\", \"required\": true}]", m.get("outputs"));
    assertNull(m.get("params"));
    assertNull(new ModelSignature(List.of(new ColSpec("double", "x", true)), List.of()).toMLmodel().get("outputs"));
    assertThrows(IllegalArgumentException.class, () -> new ModelSignature(List.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ColSpec("tensor", "x", true));
  }
}
