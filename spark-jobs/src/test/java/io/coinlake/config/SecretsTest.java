package io.coinlake.config;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void secretSettingNamesAreRecognised() {
    for (String key : List.of("fs.s3a.access.key", "fs.s3a.secret.key", "fs.s3a.session.token", "AWS_SECRET_ACCESS_KEY",
        "spark.hadoop.fs.s3a.bucket.b.secret.key", "s3proxy.credential", "db.password")) {
      assertTrue(Secrets.isSecret(key), key);
      assertEquals(Secrets.MASK, Secrets.mask(key, "value"), key);
    }
    for (String key : List.of("fs.s3a.endpoint", "fs.s3a.path.style.access", "lake.root", "s3.region")) {
      assertFalse(Secrets.isSecret(key), key);
      assertEquals("value", Secrets.mask(key, "value"), key);
    }
  }

  @Test
  void redactMasksKeyValuePairsAndUriCredentials() {
    assertEquals("cannot use fs.s3a.secret.key=***** with fs.s3a.endpoint=http://h:9000",
        Secrets.redact("cannot use fs.s3a.secret.key=abc/DEF+123 with fs.s3a.endpoint=http://h:9000"));
    assertEquals("--conf spark.hadoop.fs.s3a.access.key=\"*****\", next",
        Secrets.redact("--conf spark.hadoop.fs.s3a.access.key=\"AKIAEXAMPLE\", next"));
    assertEquals("AWS_SECRET_ACCESS_KEY = *****", Secrets.redact("AWS_SECRET_ACCESS_KEY = wJalrXUtnFEMI"));
    assertEquals("cannot list s3a://*****@bucket/lake: denied", Secrets.redact("cannot list s3a://AKIA:wJalr@bucket/lake: denied"));
    assertEquals("input path s3a://bucket/landing does not exist", Secrets.redact("input path s3a://bucket/landing does not exist"));
    assertNull(Secrets.redact(null));
  }

  @Test
  void aBadSecretOverrideDoesNotEchoTheValue() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("fs.s3a.secret.key=[s3cr3t")));
    assertEquals("--set fs.s3a.secret.key: the value '*****' is not valid YAML", e.getMessage());
  }
}
