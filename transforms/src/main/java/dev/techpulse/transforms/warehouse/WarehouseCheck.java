package dev.techpulse.transforms.warehouse;

import dev.techpulse.schemas.SqlTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code --checkWarehouse=true}: first contact with a warehouse. Does, on scratch objects, what
 * a run needs the account to allow (connect, create and drop a table in both schemas, put one
 * tiny part into the spool, load it, merge it) and prints one line per check naming the
 * privilege or setting that is missing, so a new account is fixed before the first run instead
 * of during it. Leaves nothing behind.
 */
public final class WarehouseCheck {
  /** Snowflake's "does not exist or not authorized": the object is missing or invisible. */
  private static final int NOT_AUTHORIZED = 2003;

  private static final String MERGE = "merge staging into mart";

  /** The stage every run spools its parts to (setup.sql creates it). */
  static final String STAGE = "STAGING.TECHPULSE_SPOOL";

  /** One check's outcome; {@code problem} is null when it passed. */
  public record Result(String check, String problem, String detail) {
    public boolean passed() {
      return problem == null;
    }

    /** The line printed for it. */
    public String line() {
      return passed()
          ? "ok    " + check + (detail == null ? "" : ": " + detail)
          : "FAIL  " + check + ": " + problem + (detail == null ? "" : " (" + detail + ")");
    }
  }

  /** Opens the connection the checks use. */
  interface Opener {
    Connection open() throws SQLException;
  }

  private final WarehouseConfig config;
  private final Opener opener;
  private final PrintStream out;
  private final List<Result> results = new ArrayList<>();
  private final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String table = "techpulse_check_" + id;
  private final String path = "check-" + id;
  private String role = "the connection's role";
  private String database = "";

  private WarehouseCheck(WarehouseConfig config, Opener opener, PrintStream out) {
    this.config = config;
    this.opener = opener;
    this.out = out;
  }

  /** Runs every check, printing each line as it completes; returns them all. */
  public static List<Result> run(WarehouseConfig config, PrintStream out) {
    return run(config, () -> Connections.open(config), out);
  }

  /** As {@link #run(WarehouseConfig, PrintStream)}, through another connection (tests). */
  static List<Result> run(WarehouseConfig config, Opener opener, PrintStream out) {
    WarehouseCheck check = new WarehouseCheck(config, opener, out);
    try {
      check.all();
    } finally {
      Connections.release(config);
    }
    return List.copyOf(check.results);
  }

  /** The one-line reason of a failed check, or null when every check passed. */
  public static String failure(List<Result> results) {
    List<Result> failed = results.stream().filter(r -> !r.passed()).toList();
    if (failed.isEmpty()) {
      return null;
    }
    return failed.size() + " of " + results.size() + " warehouse checks failed, first: "
        + failed.get(0).check() + ": " + failed.get(0).problem();
  }

  private boolean snowflake() {
    return config.dialect() == WarehouseConfig.Dialect.SNOWFLAKE;
  }

  private void all() {
    Connection c;
    try {
      c = opener.open();
    } catch (SQLException | RuntimeException e) {
      report("connect", "cannot connect: " + oneLine(e), null);
      return;
    }
    try (c) {
      if (snowflake()) {
        if (!session(c)) {
          return;
        }
      } else {
        report("connect", null, config.duckdbPath());
      }
      boolean staging = createTable(c, "staging");
      boolean mart = createTable(c, "mart");
      Path part = null;
      boolean spooled = false;
      try {
        part = writePart();
        spooled = part != null && (!snowflake() || put(c, part));
        boolean loaded = false;
        if (staging && spooled) {
          loaded = load(c, part);
        } else {
          report("load the part into staging", "not tried: needs the staging table and a part",
              null);
        }
        if (loaded && mart) {
          merge(c);
        } else {
          report(MERGE, "not tried: needs the scratch tables and a loaded part", null);
        }
      } finally {
        cleanUp(c, part, spooled, staging, mart);
      }
    } catch (SQLException e) {
      report("disconnect", oneLine(e), null);
    }
  }

  /** Snowflake: who the connection is, and whether it has a warehouse and a database. */
  private boolean session(Connection c) {
    String user;
    String warehouse;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql("snowflake/check/session.sql", Map.of()))) {
      if (!rs.next()) {
        report("connect", "the session query returned nothing", null);
        return false;
      }
      user = rs.getString(1);
      role = rs.getString(2) == null ? "(no role)" : "role " + rs.getString(2);
      warehouse = rs.getString(3);
      database = rs.getString(4) == null ? "" : rs.getString(4);
    } catch (SQLException e) {
      report("connect", "connected, but cannot query: " + oneLine(e), null);
      return false;
    }
    report("connect", null, "user " + user + ", " + role);
    report(
        "warehouse",
        warehouse == null
            ? "no warehouse in use: set SNOWFLAKE_WAREHOUSE to one " + role + " has USAGE on"
            : null,
        warehouse);
    report(
        "database",
        database.isEmpty()
            ? "no database in use: set SNOWFLAKE_DATABASE to one " + role + " has USAGE on"
            : null,
        database.isEmpty() ? null : database);
    return !database.isEmpty();
  }

  private boolean createTable(Connection c, String schema) {
    String name = "create a table in " + schema;
    try (Statement s = c.createStatement()) {
      if (!snowflake()) {
        s.execute(sql("duckdb/check/create_schema.sql", Map.of("schema", schema)));
      }
      s.execute(sql("common/check/create_table.sql", Map.of("schema", schema, "table", table)));
      report(name, null, schema + "." + table);
      return true;
    } catch (SQLException e) {
      String where = qualified(schema);
      report(
          name,
          snowflake()
              ? e.getErrorCode() == NOT_AUTHORIZED
                  ? "schema " + where + " does not exist or " + role + " lacks USAGE on it (or on"
                      + " database " + database + ")"
                  : role + " lacks CREATE TABLE on schema " + where
              : "cannot create a table in schema " + schema,
          oneLine(e));
      return false;
    }
  }

  /** The tiny part: two rows, written where the dialect's spool keeps parts. */
  private Path writePart() {
    String rows = "check-a,1\ncheck-b,2\n";
    try {
      Path file;
      if (snowflake()) {
        file = Files.createTempFile("techpulse-check-", ".csv");
      } else {
        Path folder = RunSpool.duckdbRoot(config).resolve(path);
        Files.createDirectories(folder);
        file = folder.resolve("part-check.csv");
      }
      Files.writeString(file, rows, StandardCharsets.UTF_8);
      if (!snowflake()) {
        report("spool a part", null, file.toString());
      }
      return file;
    } catch (IOException e) {
      report(
          "spool a part",
          snowflake()
              ? "cannot write a temp file for the PUT"
              : "cannot write the spool folder " + RunSpool.duckdbRoot(config),
          oneLine(e));
      return null;
    }
  }

  private boolean put(Connection c, Path part) {
    String name = "put a part into stage " + STAGE;
    try (Statement s = c.createStatement()) {
      s.execute(sql("snowflake/check/put.sql", Map.of("file", sqlPath(part), "path", path)));
      report(name, null, null);
      return true;
    } catch (SQLException e) {
      report(
          name,
          e.getErrorCode() == NOT_AUTHORIZED
              ? "stage " + STAGE + " does not exist or " + role + " lacks READ on it: run the"
                  + " setup SQL (README, Snowflake)"
              : role + " lacks WRITE on stage " + STAGE,
          oneLine(e));
      return false;
    }
  }

  private boolean load(Connection c, Path part) {
    String name = "load the part into staging";
    try (Statement s = c.createStatement()) {
      s.execute(
          snowflake()
              ? sql("snowflake/check/copy.sql", Map.of("table", table, "path", path))
              : sql("duckdb/check/copy.sql", Map.of("table", table, "file", sqlPath(part))));
    } catch (SQLException e) {
      report(
          name,
          snowflake() ? role + " lacks READ on stage " + STAGE : "cannot read the spooled part",
          oneLine(e));
      return false;
    }
    return expectRows(c, name, "staging");
  }

  private void merge(Connection c) {
    String name = MERGE;
    try (Statement s = c.createStatement()) {
      s.execute(sql("common/check/merge.sql", Map.of("table", table)));
    } catch (SQLException e) {
      report(name, "MERGE refused", oneLine(e));
      return;
    }
    expectRows(c, name, "mart");
  }

  /** The two rows of the part, summing to 3, must have arrived. */
  private boolean expectRows(Connection c, String name, String schema) {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                sql("common/check/count.sql", Map.of("schema", schema, "table", table)))) {
      long rows = rs.next() ? rs.getLong(1) : -1;
      long sum = rows < 0 ? -1 : rs.getLong(2);
      if (rows != 2 || sum != 3) {
        report(name, "expected 2 rows summing to 3 in " + schema + "." + table + ", found "
            + Math.max(rows, 0) + " summing to " + Math.max(sum, 0), null);
        return false;
      }
      report(name, null, "2 rows");
      return true;
    } catch (SQLException e) {
      report(name, "cannot read back " + schema + "." + table, oneLine(e));
      return false;
    }
  }

  private void cleanUp(Connection c, Path part, boolean spooled, boolean staging, boolean mart) {
    if (part != null) {
      try {
        Files.deleteIfExists(part);
        if (!snowflake()) {
          Files.deleteIfExists(part.getParent());
          Path root = part.getParent().getParent();
          try (var rest = Files.list(root)) {
            if (rest.findAny().isEmpty()) {
              Files.deleteIfExists(root);
            }
          }
        }
      } catch (IOException ignored) {
        // A leftover check part in the spool is cleared by the next run.
      }
      if (snowflake() && spooled) {
        try (Statement s = c.createStatement()) {
          s.execute(sql("snowflake/check/remove.sql", Map.of("path", path)));
          report("remove the part from stage " + STAGE, null, null);
        } catch (SQLException e) {
          report("remove the part from stage " + STAGE, role + " lacks WRITE on stage " + STAGE,
              oneLine(e));
        }
      }
    }
    dropTable(c, "staging", staging);
    dropTable(c, "mart", mart);
  }

  private void dropTable(Connection c, String schema, boolean created) {
    if (!created) {
      return;
    }
    String name = "drop the table in " + schema;
    try (Statement s = c.createStatement()) {
      s.execute(sql("common/check/drop_table.sql", Map.of("schema", schema, "table", table)));
      report(name, null, null);
    } catch (SQLException e) {
      report(
          name,
          snowflake()
              ? role + " cannot drop " + qualified(schema) + "." + table.toUpperCase(Locale.ROOT)
                  + ", which it created (OWNERSHIP): drop it by hand"
              : "cannot drop " + schema + "." + table,
          oneLine(e));
    }
  }

  private void report(String check, String problem, String detail) {
    Result r = new Result(check, problem, detail);
    results.add(r);
    out.println(r.line());
    out.flush();
  }

  private String qualified(String schema) {
    String s = schema.toUpperCase(Locale.ROOT);
    return database.isEmpty() ? s : database + "." + s;
  }

  private static String sql(String resource, Map<String, String> identifiers) {
    List<SqlTemplate.Statement> statements =
        SqlTemplate.load(resource).with(identifiers).statements();
    if (statements.size() != 1 || !statements.get(0).parameters().isEmpty()) {
      throw new IllegalStateException(resource + ": one statement without binds expected");
    }
    return statements.get(0).sql();
  }

  private static String sqlPath(Path file) {
    return file.toAbsolutePath().toString().replace('\\', '/').replace("'", "''");
  }

  private static String oneLine(Throwable e) {
    Throwable t = e;
    while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    // Snowflake's messages put the reason on the line after "SQL compilation error:".
    return m.replaceAll("\\s*\\R\\s*", " ");
  }
}
