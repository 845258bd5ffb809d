package dev.techpulse.transforms.warehouse;

import dev.techpulse.schemas.SqlTemplate;
import dev.techpulse.schemas.WarehouseRow;
import dev.techpulse.schemas.WarehouseTable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where a run's rows wait, as CSV part files, between the pipeline's workers and the warehouse's
 * bulk load.
 *
 * <p>Workers only write files (one part per bundle and table, committed when the bundle
 * finishes, its name then emitted as the bundle's output); the job's {@link CommitWarehouse}
 * step loads each table with one bulk statement over exactly the emitted names, so a part left by
 * a bundle that failed after committing it (and was retried) is never loaded. DuckDB's parts live
 * in a folder next to the database file; Snowflake's are PUT into the named internal stage {@code
 * staging.techpulse_spool} under {@code <run_id>/<table>/}, which Dataflow workers can reach too,
 * and removed once the run's commit has finished.
 */
public final class RunSpool implements Serializable {
  /** Snowflake takes at most this many names in one COPY's FILES list. */
  static final int FILES_PER_COPY = 1000;

  /** The names techpulse gives its parts; anything else is refused before it reaches SQL. */
  private static final java.util.regex.Pattern PART_NAME =
      java.util.regex.Pattern.compile("part-[0-9a-f-]{36}\\.csv(\\.gz)?");

  private final WarehouseConfig config;
  private final String runId;

  private RunSpool(WarehouseConfig config, String runId) {
    if (!runId.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("a run id names a folder: " + runId);
    }
    this.config = config;
    this.runId = runId;
  }

  public static RunSpool of(WarehouseConfig config, String runId) {
    return new RunSpool(config, runId);
  }

  public WarehouseConfig config() {
    return config;
  }

  public String runId() {
    return runId;
  }

  /** DuckDB: the folder of every run's parts, beside the database file. */
  static Path duckdbRoot(WarehouseConfig config) {
    return Path.of(config.duckdbPath() + ".spool");
  }

  private Path runFolder() {
    return duckdbRoot(config).resolve(runId);
  }

  /** DuckDB: the folder of a table's parts of this run. */
  Path tableFolder(WarehouseTable table) {
    return runFolder().resolve(table.tableName());
  }

  /** Opens a part of a table; rows carry this run's id and {@code loadedAt}. */
  public Part open(WarehouseTable table, Instant loadedAt) throws IOException {
    return new Part(table, loadedAt);
  }

  /**
   * One CSV file of one table's rows. Not loadable until {@link #commit} returns its name, and
   * loaded only if that name reaches the run's commit.
   */
  public final class Part implements AutoCloseable {
    private final WarehouseTable table;
    private final String name;
    private final Path file;
    private final CsvRows.Out out;
    private final String prefix;
    private final List<Object> values;
    private long rows;
    private boolean done;

    private Part(WarehouseTable table, Instant loadedAt) throws IOException {
      this.table = table;
      this.name = "part-" + UUID.randomUUID() + ".csv";
      if (config.dialect() == WarehouseConfig.Dialect.DUCKDB) {
        Path folder = tableFolder(table);
        Files.createDirectories(folder);
        this.file = folder.resolve("." + name + ".tmp");
      } else {
        // PUT keeps the file's own name: the part is written under its final name.
        this.file = Files.createTempDirectory("techpulse-spool-").resolve(name);
      }
      this.out = new CsvRows.Out(Files.newOutputStream(file));
      // Snowflake's parts carry the bookkeeping columns; DuckDB's load adds them itself.
      StringBuilder b = new StringBuilder();
      if (config.dialect() == WarehouseConfig.Dialect.SNOWFLAKE) {
        b.append(CsvRows.valueText(runId));
        if (table.kind() == WarehouseTable.Kind.STAGED) {
          b.append(',').append(CsvRows.valueText(loadedAt));
        }
        b.append(',');
      }
      this.prefix = b.toString();
      this.values = new ArrayList<>(table.columns().size());
    }

    public WarehouseTable table() {
      return table;
    }

    public void write(WarehouseRow row) throws IOException {
      values.clear();
      values.addAll(row.columnValues());
      write(values);
    }

    /** Writes one row given as the table's own column values, in {@link WarehouseTable} order. */
    public void write(List<?> columnValues) throws IOException {
      out.raw(prefix);
      out.row(columnValues);
      rows++;
    }

    public long rows() {
      return rows;
    }

    /**
     * Makes the part loadable and returns its name, as the load lists it; an empty part is
     * simply dropped (null). Snowflake: one PUT on a connection this JVM reuses.
     */
    public String commit() throws IOException, SQLException {
      done = true;
      out.close();
      if (rows == 0) {
        deleteFile();
        return null;
      }
      if (config.dialect() == WarehouseConfig.Dialect.DUCKDB) {
        Files.move(file, file.resolveSibling(name), StandardCopyOption.ATOMIC_MOVE);
        return name;
      }
      try (Connections.Lease lease = Connections.lease(config)) {
        try (Statement s = lease.connection().createStatement()) {
          for (SqlTemplate.Statement st : putSql(table, file).statements()) {
            s.execute(st.sql());
          }
        } catch (SQLException e) {
          lease.broken();
          throw e;
        }
      } finally {
        deleteFile();
      }
      return name + ".gz";
    }

    private void deleteFile() throws IOException {
      Files.deleteIfExists(file);
      if (config.dialect() == WarehouseConfig.Dialect.SNOWFLAKE) {
        Files.deleteIfExists(file.getParent());
      }
    }

    /** Drops an uncommitted part (the bundle failed). */
    @Override
    public void close() throws IOException {
      if (!done) {
        done = true;
        out.close();
        deleteFile();
      }
    }
  }

  /** Snowflake: the PUT of one part file into the spool stage, under the run's id and table. */
  public SqlTemplate putSql(WarehouseTable table, Path file) {
    return SqlTemplate.load(config.dialect().folder() + "/spool_put.sql")
        .with(
            Map.of(
                "table", table.tableName(),
                "run_id", runId,
                "file", sqlPath(file)));
  }

  /** The statements that load the given parts of a table, as the dialect runs them. */
  public SqlTemplate loadSql(WarehouseTable table, List<String> parts) {
    return loadSql(table, Map.of(), parts);
  }

  /**
   * DuckDB reads text and parses dates and integers faster when told the columns' types (about a
   * fifth of a 14-million-row load); {@code types} are the table's own from the database's
   * catalog. Columns without a parse-safe type (timestamps, anything unknown) are read as text
   * and cast by the INSERT, as COPY would.
   */
  SqlTemplate loadSql(WarehouseTable table, Map<String, String> types, List<String> parts) {
    StringBuilder csvColumns = new StringBuilder("{");
    for (String column : table.columns()) {
      String type = types.getOrDefault(column, "VARCHAR");
      if (!PARSED_TYPES.contains(type)) {
        type = "VARCHAR";
      }
      if (csvColumns.length() > 1) {
        csvColumns.append(", ");
      }
      csvColumns.append('\'').append(column).append("': '").append(type).append('\'');
    }
    csvColumns.append('}');
    String columns = String.join(", ", table.loadColumns());
    String selects =
        java.util.stream.IntStream.rangeClosed(1, table.loadColumns().size())
            .mapToObj(
                i ->
                    table.loadColumns().get(i - 1).equals("topics")
                        ? "PARSE_JSON($" + i + ")"
                        : "$" + i)
            .collect(java.util.stream.Collectors.joining(", "));
    if (parts.isEmpty()) {
      // Snowflake's COPY without FILES would load every file under the prefix, stray ones too.
      throw new IllegalArgumentException("no parts to load into " + table.tableName());
    }
    for (String part : parts) {
      if (!PART_NAME.matcher(part).matches()) {
        throw new IllegalArgumentException("not a spool part name: " + part);
      }
    }
    String files;
    if (config.dialect() == WarehouseConfig.Dialect.DUCKDB) {
      files =
          parts.stream()
              .map(p -> "'" + sqlPath(tableFolder(table).resolve(p)) + "'")
              .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    } else {
      files =
          parts.stream()
              .map(p -> "'" + p + "'")
              .collect(java.util.stream.Collectors.joining(", ", "FILES = (", ")"));
    }
    String bookkeeping =
        table.kind() == WarehouseTable.Kind.STAGED ? ":run_id, :loaded_at" : ":run_id";
    return SqlTemplate.load(config.dialect().folder() + "/load.sql")
        .with(
            Map.of(
                "schema", table.loadSchema(),
                "table", table.tableName(),
                "columns", columns,
                "selects", selects,
                "bookkeeping", bookkeeping,
                "run_id", runId,
                "files", files,
                "csv_columns", csvColumns.toString()));
  }

  /** Column types DuckDB's CSV reader parses itself in a load. */
  private static final java.util.Set<String> PARSED_TYPES =
      java.util.Set.of("VARCHAR", "DATE", "BIGINT", "INTEGER", "BOOLEAN", "DOUBLE");

  /** A DuckDB table's column types from its catalog, by column name. */
  private static Map<String, String> duckdbTypes(Connection c, WarehouseTable table)
      throws SQLException {
    Map<String, String> types = new java.util.HashMap<>();
    try (java.sql.PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ?")) {
      ps.setString(1, table.loadSchema());
      ps.setString(2, table.tableName());
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return types;
  }

  /**
   * Loads the given parts of a table in one transaction. With {@code replace}, the run's rows of
   * the table are deleted first, so a retried load leaves what one load leaves; the pipeline's
   * commit always replaces. Snowflake takes the names in batches of {@link #FILES_PER_COPY}.
   */
  public void load(Connection c, WarehouseTable table, List<String> parts, boolean replace)
      throws SQLException {
    if (!replace && parts.isEmpty()) {
      return;
    }
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("run_id", runId);
    params.put("loaded_at", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
    c.setAutoCommit(false);
    try {
      if (replace) {
        Warehouse.execute(
            c,
            SqlTemplate.load("common/load_reset.sql")
                .with(Map.of("schema", table.loadSchema(), "table", table.tableName())),
            params);
      }
      Map<String, String> types =
          config.dialect() == WarehouseConfig.Dialect.DUCKDB ? duckdbTypes(c, table) : Map.of();
      int batch = config.dialect() == WarehouseConfig.Dialect.SNOWFLAKE ? FILES_PER_COPY : Integer.MAX_VALUE;
      for (int i = 0; i < parts.size(); i += batch) {
        List<String> some = parts.subList(i, Math.min(parts.size(), i + batch));
        Warehouse.execute(c, loadSql(table, types, some), params);
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw new SQLException(
          "loading " + table.loadSchema() + "." + table.tableName() + ": " + e.getMessage(), e);
    } finally {
      c.setAutoCommit(true);
    }
  }

  /**
   * Forgets the parts of runs that never loaded them (killed or failed). Called only by a run
   * that holds the warehouse (DuckDB's lock, or no other live run on Snowflake).
   */
  public static void clearAbandoned(Connection c, WarehouseConfig config)
      throws SQLException, IOException {
    if (config.dialect() == WarehouseConfig.Dialect.DUCKDB) {
      deleteTree(duckdbRoot(config));
      return;
    }
    remove(c, "");
  }

  /** Deletes this run's parts, loaded or not: its commit finished, or its pipeline failed. */
  public void clear(Connection c) throws SQLException, IOException {
    if (config.dialect() == WarehouseConfig.Dialect.DUCKDB) {
      deleteTree(runFolder());
    } else {
      remove(c, runId + "/");
    }
  }

  private static void remove(Connection c, String path) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (SqlTemplate.Statement st :
          SqlTemplate.load("snowflake/spool_clear.sql").with(Map.of("path", path)).statements()) {
        s.execute(st.sql());
      }
    }
  }

  /** Drops this run's parts without loading them (the pipeline failed); best effort. */
  public void discard() {
    try (Connections.Lease lease = Connections.lease(config)) {
      clear(lease.connection());
    } catch (SQLException | IOException ignored) {
      // The next run clears abandoned parts anyway.
    }
  }

  private static String sqlPath(Path file) {
    return file.toAbsolutePath().toString().replace('\\', '/').replace("'", "''");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Path parent = root.getParent();
    if (parent != null && parent.getFileName().toString().endsWith(".spool")) {
      try (Stream<Path> rest = Files.list(parent)) {
        if (rest.findAny().isEmpty()) {
          Files.deleteIfExists(parent);
        }
      }
    }
  }
}
