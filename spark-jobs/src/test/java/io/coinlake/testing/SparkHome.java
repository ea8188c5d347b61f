package io.coinlake.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Spark installation made from the Maven jars, the SPARK_HOME of {@link SparkStandaloneCluster}:
 * {@code jars/} links every jar of target/lib (which the package phase fills with Spark and our
 * dependencies) except coinlake's own dependencies. A Spark distribution does not ship those, so
 * on the test cluster, as on a real one, Delta, Deequ and the rest must come from coinlake-jobs.jar.
 * {@code conf/log4j2.properties} is the test resource spark-standalone/log4j2.properties.
 */
final class SparkHome {
  /**
   * File-name prefixes of the jars in target/lib that coinlake adds on top of Spark 3.5's runtime
   * (the compile dependencies of spark-jobs/pom.xml and what only they bring in).
   */
  static final List<String> APP_ONLY_JARS = List.of("delta-spark_", "delta-storage-", "deequ-", "mlflow-client-",
      "picocli-", "jackson-dataformat-yaml-", "snakeyaml-", "hadoop-aws-", "aws-java-sdk-bundle-", "wildfly-openssl-");
  private static final String LOG_CONFIG = "spark-standalone/log4j2.properties";

  private SparkHome() {}

  /** target/lib: the build's copy of every runtime jar, Spark included. */
  static Path libDir() {
    return Path.of(System.getProperty("basedir", "."), "target", "lib").toAbsolutePath().normalize();
  }

  /** Creates {@code home} with jars/ and conf/; returns it. */
  static Path create(Path home) {
    Path lib = libDir();
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(lib + " is missing: run the integration tests through Maven (mvn -pl spark-jobs verify),"
          + " whose package phase copies every runtime jar there");
    }
    try {
      Path jars = Files.createDirectories(home.resolve("jars"));
      Path conf = Files.createDirectories(home.resolve("conf"));
      int linked = 0;
      boolean sparkCore = false;
      try (Stream<Path> files = Files.list(lib)) {
        for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
          String name = jar.getFileName().toString();
          if (APP_ONLY_JARS.stream().noneMatch(name::startsWith)) {
            Files.createSymbolicLink(jars.resolve(name), jar);
            linked++;
            sparkCore |= name.startsWith("spark-core_");
          }
        }
      }
      if (!sparkCore) {
        throw new IllegalStateException(lib + " holds no spark-core jar (" + linked + " jars linked): run the integration tests"
            + " through Maven (mvn -pl spark-jobs verify), whose package phase copies every runtime jar there");
      }
      try (InputStream in = SparkHome.class.getClassLoader().getResourceAsStream(LOG_CONFIG)) {
        if (in == null) {
          throw new IllegalStateException("test resource " + LOG_CONFIG + " is missing from the test classpath");
        }
        Files.copy(in, conf.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
      }
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build a SPARK_HOME in " + home + " from " + lib + ": " + e.getMessage(), e);
    }
  }
}
