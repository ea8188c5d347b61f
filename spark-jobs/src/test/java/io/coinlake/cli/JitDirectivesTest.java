package io.coinlake.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * conf/jit-directives.json keeps C2 off Spark's query-planning compilers in every JVM that runs the
 * pipeline here: this test JVM (the pom's flags) reports the directive as HotSpot parsed it, and the
 * launcher passes the same file.
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
  void theLauncherPassesTheSameFile() throws Exception {
    String launcher = Files.readString(REPO.resolve("coinlake"));
    assertTrue(launcher.contains("-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=\"$here/conf/jit-directives.json\""));
    assertTrue(Files.isRegularFile(REPO.resolve("conf/jit-directives.json")));
  }

  /** The block of the JVM's directives print (jcmd Compiler.directives_print) whose match list has {@code pattern}. */
  private static String directiveMatching(String pattern) throws Exception {
    String printed = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
        "compilerDirectivesPrint", new Object[] {new String[0]}, new String[] {String[].class.getName()});
    for (String block : printed.split("Directive:")) {
      if (block.lines().anyMatch(l -> l.strip().startsWith("matching:") && l.contains(pattern))) {
        return block;
      }
    }
    return fail("no compiler directive matches " + pattern + "; the JVM has:\n" + printed);
  }

  /** The settings line under "c1 directives:" or "c2 directives:" of a directive block. */
  private static String compilerSettings(String directive, String compiler) {
    List<String> lines = directive.lines().toList();
    int at = lines.indexOf(" " + compiler + " directives:");
    assertTrue(at >= 0, "no " + compiler + " section in " + directive);
    return lines.subList(at + 1, lines.size()).stream().filter(l -> l.contains("Exclude:")).findFirst().orElseThrow() + " ";
  }
}
