package io.coinlake.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Installs the HotSpot compiler directives of {@code conf/jit-directives.json} (inside the jar)
 * into this JVM at start, as {@code jcmd <pid> Compiler.directives_add} would: C2 stays off the
 * code that only plans queries in the driver (see the file). Done from code, not with the
 * {@code -XX:CompilerDirectivesFile} flag, so every driver gets it, spark-submit's included, and the
 * JVM prints nothing. {@code -Dcoinlake.jitDirectives=off} skips it. Best effort: a JVM without the
 * diagnostic command only runs slower.
 */
final class JitDirectives {
  static final String RESOURCE = "/conf/jit-directives.json";
  static final String SWITCH = "coinlake.jitDirectives";
  private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

  private JitDirectives() {}

  /**
   * {@link #install()} on a daemon thread: starting the JVM's management server for it takes 0.2-0.4 s,
   * which the command's start (its config, the Spark session) need not wait for; Spark's first query
   * compiles seconds later.
   */
  static void installInBackground() {
    Thread thread = new Thread(JitDirectives::install, "coinlake-jit-directives");
    thread.setDaemon(true);
    thread.start();
  }

  /** Adds the directives unless switched off; returns what the JVM answered, or why nothing was added. */
  static String install() {
    if ("off".equals(System.getProperty(SWITCH))) {
      return "off (-D" + SWITCH + "=off)";
    }
    try (InputStream in = JitDirectives.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "no " + RESOURCE + " on the classpath";
      }
      Path file = Files.createTempFile("coinlake-jit-directives", ".json");
      try {
        Files.write(file, in.readAllBytes());
        return diagnosticCommand("compilerDirectivesAdd", file.toString()).strip();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException | JMException | RuntimeException e) {
      return "not added: " + e;
    }
  }

  /** Runs a diagnostic command (jcmd's, by its MBean operation name) with its arguments. */
  static String diagnosticCommand(String operation, String... args) throws JMException {
    return (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND), operation,
        new Object[] {args}, new String[] {String[].class.getName()});
  }
}
