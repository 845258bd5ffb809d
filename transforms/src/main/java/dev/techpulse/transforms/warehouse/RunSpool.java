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
 * Where a run's rows wait, as CSV part files, between the pipeline and the warehouse's bulk load.
 *
 * <p>Workers only write files (one part per bundle and table, committed when the bundle
 * finishes); the launcher then loads each table with one {@code COPY} of all its parts, so the
 * database sees a handful of large set-based loads instead of thousands of small ones competing
 * with the fetches. DuckDB's parts live in a folder next to the database file; Snowflake's are
 * PUT into the table's stage under the run's id, which Dataflow workers can reach too, and
 * {@code COPY INTO ... PURGE = TRUE} removes them once loaded.
 */
public final class RunSpool implements Serializable {
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

  /** Opens a part of a table; rows carry this run's id and {@code loadedAt}. */
  public Part open(WarehouseTable table, Instant loadedAt) throws IOException {
    return new Part(table, loadedAt);
  }

  /**
   * One CSV file of one table's rows. Not visible to the load until {@link #commit}: a bundle
   * that fails before finishing leaves nothing behind to be loaded twice.
   */
  public final class Part implements AutoCloseable {
    private final WarehouseTable table;
    private final Path file;
    private final CsvRows.Out out;
    private final String prefix;
    private final List<Object> values;
    private long rows;
    private boolean done;

    private Part(WarehouseTable table, Instant loadedAt) throws IOException {
      this.table = table;
      String name = "part-" + UUID.randomUUID() + ".csv";
      if (config.dialect() == WarehouseConfig.Dialect.DUCKDB) {
        Path folder = runFolder().resolve(table.tableName());
        Files.createDirectories(folder);
        this.file = folder.resolve("." + name + ".tmp");
      } else {
        this.file = Files.createTempFile("techpulse-" + table.tableName() + "-", ".csv");
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

    /** Makes the part visible to the run's load; an empty part is simply dropped. */
    public void commit() throws IOException, SQLException {
      done = true;
      out.close();
      if (rows == 0) {
        Files.deleteIfExists(file);
        return;
      }
      if (config.dialect() == WarehouseConfig.Dialect.DUCKDB) {
        String name = file.getFileName().toString();
        Files.move(
            file,
            file.resolveSibling(name.substring(1, name.length() - ".tmp".length())),
            StandardCopyOption.ATOMIC_MOVE);
        return;
      }
      try (Connection c = Connections.open(config);
          Statement s = c.createStatement()) {
        for (SqlTemplate.Statement st : putSql(table, file).statements()) {
          s.execute(st.sql());
        }
      } finally {
        Files.deleteIfExists(file);
      }
    }

    /** Drops an uncommitted part (the bundle failed). */
    @Override
    public void close() throws IOException {
      if (!done) {
        done = true;
        out.close();
        Files.deleteIfExists(file);
      }
    }
  }

  /** Snowflake: the PUT of one part file into the table's stage, under the run's id. */
  public SqlTemplate putSql(WarehouseTable table, Path file) {
    return SqlTemplate.load(config.dialect().folder() + "/spool_put.sql")
        .with(
            Map.of(
                "schema", table.loadSchema(),
                "table", table.tableName(),
                "run_id", runId,
                "file", sqlPath(file)));
  }

  /** The statements that load every committed part of a table, as the dialect runs them. */
  public SqlTemplate loadSql(WarehouseTable table) {
    return loadSql(table, Map.of());
  }

  /**
   * DuckDB reads text and parses dates and integers faster when told the columns' types (about a
   * fifth of a 14-million-row load); {@code types} are the table's own from the database's
   * catalog. Columns without a parse-safe type (timestamps, anything unknown) are read as text
   * and cast by the INSERT, as COPY would.
   */
  SqlTemplate loadSql(WarehouseTable table, Map<String, String> types) {
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
    String files =
        config.dialect() == WarehouseConfig.Dialect.DUCKDB
            ? sqlPath(runFolder().resolve(table.tableName()).resolve("part-*.csv"))
            : "";
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
   * Loads the committed parts of the given tables, one bulk statement (and transaction) per
   * table, and returns the tables that had parts. DuckDB's parts are deleted afterwards;
   * Snowflake's are purged by the COPY itself.
   */
  public List<WarehouseTable> load(Connection c, List<WarehouseTable> tables)
      throws SQLException, IOException {
    List<WarehouseTable> loaded = new ArrayList<>();
    for (WarehouseTable table : tables) {
      if (config.dialect() == WarehouseConfig.Dialect.DUCKDB && !hasParts(table)) {
        continue;
      }
      Map<String, Object> params = new java.util.HashMap<>();
      params.put("run_id", runId);
      params.put("loaded_at", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
      try {
        Map<String, String> types =
            config.dialect() == WarehouseConfig.Dialect.DUCKDB ? duckdbTypes(c, table) : Map.of();
        Warehouse.execute(c, loadSql(table, types), params);
      } catch (SQLException e) {
        throw new SQLException(
            "loading " + table.loadSchema() + "." + table.tableName() + ": " + e.getMessage(), e);
      }
      loaded.add(table);
    }
    if (config.dialect() == WarehouseConfig.Dialect.DUCKDB) {
      deleteTree(runFolder());
    }
    return loaded;
  }

  private boolean hasParts(WarehouseTable table) throws IOException {
    Path folder = runFolder().resolve(table.tableName());
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("part-"));
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
    try (Statement s = c.createStatement()) {
      for (WarehouseTable table : WarehouseTable.values()) {
        for (SqlTemplate.Statement st :
            SqlTemplate.load("snowflake/spool_clear.sql")
                .with(Map.of("schema", table.loadSchema(), "table", table.tableName()))
                .statements()) {
          s.execute(st.sql());
        }
      }
    }
  }

  /** Drops this run's parts without loading them (the pipeline failed). */
  public void discard() {
    if (config.dialect() == WarehouseConfig.Dialect.DUCKDB) {
      try {
        deleteTree(runFolder());
      } catch (IOException ignored) {
        // The next run clears abandoned parts anyway.
      }
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
