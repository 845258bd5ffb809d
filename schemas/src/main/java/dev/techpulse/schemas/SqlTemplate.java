package dev.techpulse.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL read from this module's resources ({@code dev/techpulse/sql/...}): statements are separated
 * by lines holding only {@code ;}, {@code --} lines are comments, {@code :name} marks a bound
 * parameter and {@code {name}} an identifier filled from techpulse's own constants, never from
 * user input.
 */
public final class SqlTemplate {
  private static final Pattern PARAM = Pattern.compile("(?<![:\\w]):([a-z_]+)");

  /** One statement, with {@code ?} in place of its named parameters. */
  public record Statement(String sql, List<String> parameters) {}

  private final String name;
  private final String text;

  private SqlTemplate(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** Loads {@code dev/techpulse/sql/<path>}. */
  public static SqlTemplate load(String path) {
    String resource = "dev/techpulse/sql/" + path;
    try (InputStream in = SqlTemplate.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing SQL resource " + resource);
      }
      return new SqlTemplate(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills {@code {name}} placeholders; values must come from constants, not user input. */
  public SqlTemplate with(Map<String, String> identifiers) {
    String filled = text;
    for (Map.Entry<String, String> e : identifiers.entrySet()) {
      filled = filled.replace("{" + e.getKey() + "}", e.getValue());
    }
    return new SqlTemplate(name, filled);
  }

  public String name() {
    return name;
  }

  /** The text as stored, comments included. */
  public String text() {
    return text;
  }

  public List<Statement> statements() {
    List<Statement> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.trim();
      if (trimmed.equals(";")) {
        add(out, current);
        current.setLength(0);
      } else if (!trimmed.startsWith("--")) {
        current.append(line).append('\n');
      }
    }
    add(out, current);
    return out;
  }

  private static void add(List<Statement> out, StringBuilder sql) {
    String s = sql.toString().strip();
    if (s.isEmpty()) {
      return;
    }
    List<String> params = new ArrayList<>();
    Matcher m = PARAM.matcher(s);
    StringBuilder replaced = new StringBuilder();
    while (m.find()) {
      params.add(m.group(1));
      m.appendReplacement(replaced, "?");
    }
    m.appendTail(replaced);
    out.add(new Statement(replaced.toString(), params));
  }
}
