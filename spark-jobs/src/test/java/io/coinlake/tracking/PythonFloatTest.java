package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatTest {
  // expected values are CPython's repr() of the same doubles
  @ParameterizedTest
  @CsvSource({
    "0.5, 0.5",
    "1.0, 1.0",
    "100.0, 100.0",
    "1e-5, 1e-05",
    "0.0001, 0.0001",
    "0.002, 0.002",
    "1e15, 1000000000000000.0",
    "1e16, 1e+16",
    "1.5e16, 1.5e+16",
    "123456789.123, 123456789.123",
    "0.30000000000000004, 0.30000000000000004",
    "-2.5, -2.5",
    "0.0, 0.0",
    "-0.0, -0.0",
    "1.5e300, 1.5e+300",
    "4.9e-324, 5e-324",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "12345678901234567890.0, 1.2345678901234567e+19",
    "0.3333333333333333, 0.3333333333333333",
    "2.0E-3, 0.002",
    "1.0E23, 1e+23",
    "9007199254740993, 9007199254740992.0",
  })
  void reprMatchesCPython(double value, String expected) {
    assertEquals(expected, PythonFloat.repr(value));
    assertEquals(
        Double.doubleToLongBits(value), Double.doubleToLongBits(PythonFloat.parse(expected)));
  }

  @ParameterizedTest
  @CsvSource({"nan", "inf", "-inf"})
  void nonFiniteValuesRoundTrip(String text) {
    assertEquals(text, PythonFloat.repr(PythonFloat.parse(text)));
  }
}
