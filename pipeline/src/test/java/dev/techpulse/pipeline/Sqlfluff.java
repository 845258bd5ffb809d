package dev.techpulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.techpulse.transforms.http.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * sqlfluff's Snowflake grammar (the Debian package {@code sqlfluff}, which {@code .ci/run}
 * installs), run as the real binary. All statements of a call go to one sqlfluff process, one
 * file per statement, because each start costs a second or two.
 */
final class Sqlfluff {
  /** A statement no Snowflake grammar accepts: proves each call really parsed something. */
  private static final String CANARY = "SELEC 1 FROMM";

  /** Verdicts by statement text (empty: parses), so tests sharing statements parse them once. */
  private static final Map<String, String> VERDICTS = new java.util.concurrent.ConcurrentHashMap<>();

  private static final String PARSES = "";

  private Sqlfluff() {}

  /** The binary's path; fails on CI (CI=true) and skips locally when it is not installed. */
  static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "sqlfluff");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    String message =
        "sqlfluff is not installed (apt-get install sqlfluff, as .ci/run does): the Snowflake"
            + " grammar test cannot run";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
    return null;
  }

  /**
   * Parses each statement (by name) with the Snowflake dialect and returns the names of those
   * sqlfluff cannot parse, with its reason. The canary goes to sqlfluff on every call.
   */
  static Map<String, String> unparsable(Map<String, String> statements, Path workDir)
      throws IOException, InterruptedException {
    String binary = binary();
    Path dir = Files.createTempDirectory(workDir, "sqlfluff");
    Map<String, String> byFile = new LinkedHashMap<>();
    int i = 0;
    for (String sql : new java.util.LinkedHashSet<>(statements.values())) {
      if (VERDICTS.containsKey(sql)) {
        continue;
      }
      String file = String.format("s%04d.sql", i++);
      Files.writeString(dir.resolve(file), sql + "\n", StandardCharsets.UTF_8);
      byFile.put(file, sql);
    }
    Files.writeString(dir.resolve("canary.sql"), CANARY + "\n");
    Process p =
        new ProcessBuilder(
                binary, "lint", "--dialect", "snowflake", "--templater", "raw",
                "--rules", "L001", "--format", "json", "--nofail", "--disable-progress-bar",
                dir.toString())
            .redirectErrorStream(false)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "sqlfluff did not finish");
    JsonNode files = Json.MAPPER.readTree(out);
    Map<String, String> found = new LinkedHashMap<>();
    boolean canary = false;
    for (JsonNode f : files) {
      String file = Path.of(f.get("filepath").asText()).getFileName().toString();
      List<String> reasons = new ArrayList<>();
      for (JsonNode v : f.get("violations")) {
        if (!v.get("code").asText().startsWith("L")) {
          reasons.add(v.get("code").asText() + " " + v.get("description").asText());
        }
      }
      if (reasons.isEmpty()) {
        continue;
      }
      if (file.equals("canary.sql")) {
        canary = true;
      } else {
        found.put(byFile.get(file), String.join("; ", reasons));
      }
    }
    assertTrue(canary, "sqlfluff accepted '" + CANARY + "': it did not really parse: "
        + new String(out, StandardCharsets.UTF_8));
    for (String sql : byFile.values()) {
      VERDICTS.put(sql, found.getOrDefault(sql, PARSES));
    }
    Map<String, String> bad = new TreeMap<>();
    for (Map.Entry<String, String> e : statements.entrySet()) {
      String verdict = VERDICTS.get(e.getValue());
      if (!verdict.equals(PARSES)) {
        bad.put(e.getKey(), verdict);
      }
    }
    return bad;
  }
}
