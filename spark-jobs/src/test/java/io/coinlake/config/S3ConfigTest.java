package io.coinlake.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ConfigTest {
  @TempDir
  Path dir;

  @Test
  void defaultsArePlainAws() {
    assertEquals(S3Config.aws(), ConfigLoader.load(null, List.of()).s3());
    assertEquals(new S3Config("", false, "", true), S3Config.aws());
  }

  @Test
  void aCompatibleStoreIsConfiguredInTheFileAndTrimmed() throws Exception {
    Path file = dir.resolve("minio.yaml");
    Files.writeString(file, "s3:\n  endpoint: ' http://127.0.0.1:9000 '\n  pathStyleAccess: true\n  region: eu-west-1\n  sslEnabled: false\n");
    S3Config s3 = ConfigLoader.load(file, List.of()).s3();
    assertEquals(new S3Config("http://127.0.0.1:9000", true, "eu-west-1", false), s3);
  }

  @Test
  void aBareHostEndpointIsAccepted() {
    assertEquals("s3.eu-west-1.amazonaws.com", new S3Config("s3.eu-west-1.amazonaws.com", false, null, true).endpoint());
    assertEquals("", new S3Config(null, false, null, true).region());
  }

  @Test
  void credentialsInTheEndpointAreRejectedWithoutRepeatingThem() {
    for (String endpoint : List.of("http://AKIAEXAMPLE:s3cr3tValue@127.0.0.1:9000", "AKIAEXAMPLE:s3cr3tValue@minio.local")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> ConfigLoader.load(null, List.of("s3.endpoint=" + endpoint, "s3.sslEnabled=false")));
      assertTrue(e.getMessage().contains("'endpoint' must not contain credentials"), e.getMessage());
      assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID"), e.getMessage());
      assertFalse(e.getMessage().contains("s3cr3tValue"), e.getMessage());
      assertFalse(e.getMessage().contains("AKIAEXAMPLE"), e.getMessage());
    }
  }

  @Test
  void credentialsInTheLakeRootAreRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("lake.root=s3a://AKIAEXAMPLE:s3cr3tValue@bucket/lake")));
    assertTrue(e.getMessage().contains("'root' must not contain credentials"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3tValue"), e.getMessage());
    assertEquals("s3a://bucket/lake", ConfigLoader.load(null, List.of("lake.root=s3a://bucket/lake")).lake().root());
  }

  @Test
  void plainHttpWithSslEnabledIsAContradiction() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("s3.endpoint=http://127.0.0.1:9000")));
    assertTrue(e.getMessage().contains("set sslEnabled: false or use https://"), e.getMessage());
    assertTrue(e.getMessage().startsWith("--set overrides: invalid value under 's3'"), e.getMessage());
  }

  @Test
  void anEndpointSchemeOtherThanHttpIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new S3Config("ftp://host", false, "", true));
    assertEquals("'endpoint' must be http://host[:port], https://host[:port] or a bare host, got scheme 'ftp'", e.getMessage());
  }

  @Test
  void unknownS3KeysAreNamed() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("s3.accessKey=AKIAEXAMPLE")));
    assertTrue(e.getMessage().contains("unknown key 's3.accessKey'"), e.getMessage());
    assertFalse(e.getMessage().contains("AKIAEXAMPLE"), e.getMessage());
  }
}
