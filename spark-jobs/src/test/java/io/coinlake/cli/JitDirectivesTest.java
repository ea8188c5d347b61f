package io.coinlake.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * conf/jit-directives.json keeps C2 off Spark's query-planning compilers in every JVM that runs the
 * pipeline here: this test JVM (the pom's flags) reports the directive as HotSpot parsed it, and the
 * CLI's {@link JitDirectives} adds the same one, from the jar, to the JVM it runs in.
 */
class JitDirectivesTest {
  private static final Path REPO = Path.of(System.getProperty("basedir", "."), "..").toAbsolutePath().normalize();
  private static final List<String> PLANNING_COMPILERS =
      List.of("org/codehaus/janino/*.*", "org/codehaus/commons/*.*", "org/antlr/*.*", "org/apache/xbean/*.*");

  @Test
  void theTestJvmCompilesSparksPlanningCompilersWithC1Only() throws Exception {
    String directive = directiveMatching(PLANNING_COMPILERS.get(0));
    String matching = directive.lines().filter(l -> l.strip().startsWith("matching:")).findFirst().orElseThrow();
    for (String pattern : PLANNING_COMPILERS) {
      assertTrue(matching.contains(pattern), pattern + " missing from " + matching);
    }
    assertTrue(compilerSettings(directive, "c2").contains(" Exclude:true "), directive);
    assertTrue(compilerSettings(directive, "c1").contains(" Exclude:false "), directive);
  }

  @Test
  void theCliAddsTheDirectivesInsideTheJarToItsJvm() throws Exception {
    int before = directiveCount();
    String answer = JitDirectives.install();
    try {
      assertEquals("1 compiler directives added", answer);
      assertEquals(before + 1, directiveCount());
      String newest = newestDirective();
      for (String pattern : PLANNING_COMPILERS) {
        assertTrue(newest.contains(pattern), pattern + " missing from " + newest);
      }
      assertTrue(compilerSettings(newest, "c2").contains(" Exclude:true "), newest);
    } finally {
      JitDirectives.diagnosticCommand("compilerDirectivesRemove");
    }
    assertEquals(before, directiveCount());
  }

  @Test
  void theCliAddsThemOnADaemonThread() throws Exception {
    int before = directiveCount();
    JitDirectives.installInBackground();
    try {
      for (int wait = 0; wait < 600 && directiveCount() == before; wait++) {
        Thread.sleep(50);
      }
      assertEquals(before + 1, directiveCount());
      assertTrue(compilerSettings(newestDirective(), "c2").contains(" Exclude:true "));
    } finally {
      if (directiveCount() > before) {
        JitDirectives.diagnosticCommand("compilerDirectivesRemove");
      }
    }
  }

  @Test
  void theCliAddsNothingWhenSwitchedOff() throws Exception {
    int before = directiveCount();
    System.setProperty(JitDirectives.SWITCH, "off");
    try {
      assertEquals("off (-D" + JitDirectives.SWITCH + "=off)", JitDirectives.install());
    } finally {
      System.clearProperty(JitDirectives.SWITCH);
    }
    assertEquals(before, directiveCount());
  }

  @Test
  void theJarCarriesTheRepositorysFile() throws Exception {
    try (var in = JitDirectives.class.getResourceAsStream(JitDirectives.RESOURCE)) {
      assertNotNull(in, JitDirectives.RESOURCE);
      assertEquals(Files.readString(REPO.resolve("conf/jit-directives.json")), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static String printed() throws Exception {
    return JitDirectives.diagnosticCommand("compilerDirectivesPrint");
  }

  /** The JVM's directives as it prints them (jcmd Compiler.directives_print), newest first, the default last. */
  private static List<String> directives() throws Exception {
    String[] parts = printed().split("Directive:", -1);
    return List.of(parts).subList(1, parts.length);
  }

  private static int directiveCount() throws Exception {
    return directives().size();
  }

  /** The newest directive: the first a compilation matches. */
  private static String newestDirective() throws Exception {
    return directives().get(0);
  }

  /** The directive whose match list has {@code pattern}. */
  private static String directiveMatching(String pattern) throws Exception {
    for (String block : directives()) {
      if (block.lines().anyMatch(l -> l.strip().startsWith("matching:") && l.contains(pattern))) {
        return block;
      }
    }
    return fail("no compiler directive matches " + pattern + "; the JVM has:\n" + printed());
  }

  /** The settings line under "c1 directives:" or "c2 directives:" of a directive block. */
  private static String compilerSettings(String directive, String compiler) {
    List<String> lines = directive.lines().toList();
    int at = lines.indexOf(" " + compiler + " directives:");
    assertTrue(at >= 0, "no " + compiler + " section in " + directive);
    return lines.subList(at + 1, lines.size()).stream().filter(l -> l.contains("Exclude:")).findFirst().orElseThrow() + " ";
  }
}
