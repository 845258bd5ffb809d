package dev.techpulse.transforms.warehouse;

import dev.techpulse.schemas.SqlTemplate;
import dev.techpulse.schemas.WarehouseRow;
import dev.techpulse.schemas.WarehouseTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warehouse operations of a run, the same for DuckDB and Snowflake except where the SQL
 * resources of each dialect differ: schema creation, bulk loads of spooled CSV parts, the
 * staging-to-mart MERGEs (one transaction per table) and the run's bookkeeping row.
 */
public final class Warehouse {
  /** Mart tables merged from staging, in dependency-free order. */
  public static final List<WarehouseTable> MERGED =
      List.of(
          WarehouseTable.PYPI_PACKAGES,
          WarehouseTable.PYPI_RELEASES,
          WarehouseTable.PYPI_VULNERABILITIES,
          WarehouseTable.PYPI_DOWNLOADS,
          WarehouseTable.GITHUB_REPOS,
          WarehouseTable.GITHUB_COMMITS_WEEKLY,
          WarehouseTable.GITHUB_ISSUES,
          WarehouseTable.GITHUB_CONTRIBUTORS_MONTHLY,
          WarehouseTable.GITHUB_RELEASES,
          WarehouseTable.TECHNOLOGIES,
          WarehouseTable.TECHNOLOGY_SCORECARD,
          WarehouseTable.TECHNOLOGY_SCORECARD_HISTORY,
          WarehouseTable.HTTP_CACHE);

  private final WarehouseConfig config;

  public Warehouse(WarehouseConfig config) {
    this.config = config;
  }

  public WarehouseConfig config() {
    return config;
  }

  public Connection connect() throws SQLException {
    return Connections.open(config);
  }

  public SqlTemplate ddl() {
    return SqlTemplate.load(config.dialect().folder() + "/ddl.sql");
  }

  /**
   * The table's MERGE. A template may take its column lists from the table's constants ({@code
   * {columns}}, {@code {source_columns}}, {@code {update_set}}) so that a table sharing another's
   * columns follows it without a second list to keep in step.
   */
  public static SqlTemplate mergeSql(WarehouseTable table) {
    List<String> values = new ArrayList<>();
    List<String> updates = new ArrayList<>();
    for (String column : table.columns()) {
      values.add("s." + column);
      if (!table.keyColumns().contains(column)) {
        updates.add(column + " = s." + column);
      }
    }
    return SqlTemplate.load("common/merge/" + table.tableName() + ".sql")
        .with(
            Map.of(
                "columns", String.join(", ", table.columns()),
                "source_columns", String.join(", ", values),
                "update_set", String.join(",\n  ", updates)));
  }

  /** A run already writing this warehouse: the second run refuses rather than interleave. */
  public static final class ConcurrentRunException extends SQLException {
    public ConcurrentRunException(String message) {
      super(message);
    }
  }

  /** A run whose heartbeat is older than this is taken as dead (killed, lost, out of memory). */
  public static final java.time.Duration STALE_AFTER = java.time.Duration.ofMinutes(2);

  /**
   * Brings the warehouse to the current schema: the baseline DDL (version 1, every statement
   * IF NOT EXISTS), then each migration not yet recorded in {@code mart.schema_migrations}, each
   * in its own transaction. Migrations only add; nothing is dropped.
   */
  public void ensureSchema() throws SQLException {
    try (Connection c = connect()) {
      try (Statement s = c.createStatement()) {
        for (SqlTemplate.Statement st : ddl().statements()) {
          s.execute(st.sql());
        }
      }
      java.util.Set<Integer> applied = new java.util.HashSet<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT version FROM mart.schema_migrations")) {
        while (rs.next()) {
          applied.add(rs.getInt(1));
        }
      }
      if (!applied.contains(1)) {
        record(c, 1, "baseline");
      }
      for (String file : migrations()) {
        int version = Integer.parseInt(file.substring(0, file.indexOf('_')));
        if (applied.contains(version)) {
          continue;
        }
        c.setAutoCommit(false);
        try {
          SqlTemplate migration =
              SqlTemplate.load(config.dialect().folder() + "/migrations/" + file);
          try (Statement s = c.createStatement()) {
            for (SqlTemplate.Statement st : migration.statements()) {
              s.execute(st.sql());
            }
          }
          record(c, version, file);
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          throw new SQLException("schema migration " + file + " failed: " + e.getMessage(), e);
        } finally {
          c.setAutoCommit(true);
        }
      }
    }
  }

  /** Migration files of this dialect, in order. */
  public List<String> migrations() {
    return SqlTemplate.load(config.dialect().folder() + "/migrations/index.txt")
        .text()
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  /** The highest schema version this code knows. */
  public int latestVersion() {
    List<String> files = migrations();
    return files.isEmpty()
        ? 1
        : Integer.parseInt(files.get(files.size() - 1).substring(0, 3));
  }

  private static void record(Connection c, int version, String description) throws SQLException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("version", version);
    p.put("description", description);
    p.put("now", OffsetDateTime.now(ZoneOffset.UTC));
    execute(c, SqlTemplate.load("common/record_migration.sql"), p);
  }

  /**
   * Appends rows to the table's load schema through the run's spool: one part, one bulk load;
   * returns the row count. The pipeline spools bundle by bundle instead and loads in its commit.
   */
  public long append(
      Connection c, WarehouseTable table, String runId, Instant loadedAt, List<? extends WarehouseRow> rows)
      throws SQLException, IOException {
    RunSpool spool = RunSpool.of(config, runId);
    String name;
    try (RunSpool.Part part = spool.open(table, loadedAt)) {
      for (WarehouseRow row : rows) {
        part.write(row);
      }
      name = part.commit();
    }
    try {
      spool.load(c, table, name == null ? List.of() : List.of(name), false);
    } finally {
      spool.clear(c);
    }
    return rows.size();
  }

  /** Forgets what killed or failed runs spooled but never loaded; see {@link RunSpool}. */
  public void clearAbandonedSpools() throws SQLException, IOException {
    try (Connection c = connect()) {
      RunSpool.clearAbandoned(c, config);
    }
  }

  /**
   * Records the run as 'running' before any work, after marking runs that stopped beating as
   * failed; refuses when another run is alive on this warehouse.
   */
  public void startRun(String runId, LocalDate start, LocalDate end, String optionsJson)
      throws SQLException {
    // DuckDB's file lock already keeps other processes out, so a 'running' row found here is a
    // run that died; Snowflake has no such lock and relies on heartbeats.
    startRun(
        runId,
        start,
        end,
        optionsJson,
        config.dialect() == WarehouseConfig.Dialect.DUCKDB ? java.time.Duration.ZERO : STALE_AFTER);
  }

  void startRun(
      String runId, LocalDate start, LocalDate end, String optionsJson, java.time.Duration staleAfter)
      throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("run_id", runId);
    p.put("now", now);
    p.put("stale_before", now.minus(staleAfter));
    p.put("start_date", start);
    p.put("end_date", end);
    p.put("options", optionsJson);
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try {
        execute(c, SqlTemplate.load("common/abandon_stale_runs.sql"), p);
        SqlTemplate.Statement live = SqlTemplate.load("common/live_runs.sql").statements().get(0);
        try (PreparedStatement ps = c.prepareStatement(live.sql())) {
          JdbcValues.bind(ps, 1, p.get("stale_before"));
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              throw new ConcurrentRunException(
                  "another techpulse run (" + rs.getString(1) + ") is writing this warehouse"
                      + " (last heartbeat " + rs.getString(2) + "); let it finish, or wait "
                      + staleAfter.toMinutes() + " minutes if it was killed");
            }
          }
        }
        execute(c, SqlTemplate.load("common/start_run.sql"), p);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Tells other runs this one is alive; called every few seconds while the run goes. */
  public void heartbeat(String runId) throws SQLException {
    try (Connection c = connect()) {
      heartbeat(c, runId, Instant.now());
    }
  }

  /**
   * A beat stamped {@code at}, which may lie ahead: a launcher that does not wait vouches for the
   * job until its workers beat themselves.
   */
  static void heartbeat(Connection c, String runId, Instant at) throws SQLException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("run_id", runId);
    p.put("now", at.atOffset(ZoneOffset.UTC));
    execute(c, SqlTemplate.load("common/heartbeat.sql"), p);
  }

  /** See {@link #heartbeat(Connection, String, Instant)}. */
  public void heartbeatUntil(String runId, Instant at) throws SQLException {
    try (Connection c = connect()) {
      heartbeat(c, runId, at);
    }
  }

  /** The run's status in {@code mart.pipeline_runs}, or null when it has no row. */
  public String runStatus(String runId) throws SQLException {
    try (Connection c = connect()) {
      return runStatus(c, runId);
    }
  }

  static String runStatus(Connection c, String runId) throws SQLException {
    SqlTemplate.Statement st = SqlTemplate.load("common/run_status.sql").statements().get(0);
    try (PreparedStatement ps = c.prepareStatement(st.sql())) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  public void finishRun(String runId, String status, long rowsWritten, long rejects, String notes)
      throws SQLException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("notes", notes);
    p.put("run_id", runId);
    p.put("now", OffsetDateTime.now(ZoneOffset.UTC));
    p.put("status", status);
    p.put("rows_written", rowsWritten);
    p.put("rejects", rejects);
    try (Connection c = connect()) {
      execute(c, SqlTemplate.load("common/finish_run.sql"), p);
    }
  }

  /**
   * Applies a run's staging rows to the mart: one transaction per table, so a crash leaves each
   * mart table either before or after this run, never half-way.
   */
  public void mergeRun(String runId) throws SQLException {
    mergeRun(runId, MERGED);
  }

  /** Merges the run's staging rows of the given tables (of {@link #MERGED}) into mart. */
  public void mergeRun(String runId, List<WarehouseTable> tables) throws SQLException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("run_id", runId);
    try (Connection c = connect()) {
      for (WarehouseTable table : tables) {
        c.setAutoCommit(false);
        try {
          execute(c, mergeSql(table), p);
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          throw new SQLException("merging mart." + table.tableName() + ": " + e.getMessage(), e);
        } finally {
          c.setAutoCommit(true);
        }
      }
    }
  }

  /** The reads {@link RunOutcome} makes of a run ({@code ?} = run id), for the dry run. */
  public static List<String> outcomeReads() {
    List<String> reads = new ArrayList<>();
    for (WarehouseTable t : WarehouseTable.values()) {
      reads.add(appendedRowsSql(t));
    }
    reads.add(REJECTS_BY_STEP);
    reads.add(COVERED_FROM);
    return reads;
  }

  private static String appendedRowsSql(WarehouseTable t) {
    return "SELECT count(*) FROM " + t.loadSchema() + "." + t.tableName() + " WHERE run_id = ?";
  }

  private static final String REJECTS_BY_STEP =
      "SELECT step, count(*) FROM mart.rejects WHERE run_id = ? GROUP BY step ORDER BY step";

  private static final String COVERED_FROM =
      "SELECT max(covered_from) FROM staging.pypi_downloads_covered"
          + " WHERE run_id = ? AND dimension = 'total'";

  /** Rows this run appended, per table, in the order of {@link WarehouseTable}. */
  public Map<WarehouseTable, Long> appendedRows(String runId) throws SQLException {
    return appendedRows(runId, false);
  }

  /**
   * As {@link #appendedRows(String)}, but a table this warehouse's schema version does not have
   * yet (a report never migrates) is left out rather than failing.
   */
  public Map<WarehouseTable, Long> appendedRowsOfExistingTables(String runId)
      throws SQLException {
    return appendedRows(runId, true);
  }

  private Map<WarehouseTable, Long> appendedRows(String runId, boolean existingOnly)
      throws SQLException {
    Map<WarehouseTable, Long> counts = new LinkedHashMap<>();
    try (Connection c = connect()) {
      java.util.Set<String> existing = new java.util.HashSet<>();
      if (existingOnly) {
        try (Statement st = c.createStatement();
            ResultSet rs =
                st.executeQuery(
                    SqlTemplate.load("common/existing_tables.sql").statements().get(0).sql())) {
          while (rs.next()) {
            existing.add(rs.getString(1));
          }
        }
      }
      for (WarehouseTable t : WarehouseTable.values()) {
        if (existingOnly && !existing.contains(t.loadSchema() + "." + t.tableName())) {
          continue;
        }
        counts.put(
            t,
            queryLong(
                c,
                appendedRowsSql(t),
                runId));
      }
    }
    return counts;
  }

  /** Rows now in each mart table. */
  public Map<String, Long> martRows() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = connect()) {
      for (WarehouseTable t : MERGED) {
        counts.put(t.tableName(), queryLong(c, "SELECT count(*) FROM mart." + t.tableName()));
      }
    }
    return counts;
  }

  /** This run's rejects per step. */
  public Map<String, Long> rejectsByStep(String runId) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(REJECTS_BY_STEP)) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /** The error of this run's first reject, or "no rejects". */
  public String firstReject(String runId) throws SQLException {
    List<String> errors =
        queryStrings(
            "SELECT step || ': ' || record_key || ': ' || error FROM mart.rejects"
                + " WHERE run_id = ? ORDER BY rejected_at LIMIT 1",
            runId);
    return errors.isEmpty() ? "no rejects" : errors.get(0);
  }

  /**
   * The first day of the range that this run's downloads source still had, per the covered
   * ranges of its {@code total} rows; null when every package covers the whole range.
   */
  public LocalDate downloadsCoveredFrom(String runId) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(COVERED_FROM)) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? JdbcValues.localDate(rs, 1) : null;
      }
    }
  }

  /** Technologies of this run that have no GitHub repository. */
  public List<String> technologiesWithoutRepo(String runId) throws SQLException {
    return queryStrings(
        "SELECT technology FROM staging.technologies WHERE run_id = ? AND github_repo IS NULL"
            + " ORDER BY technology",
        runId);
  }

  private List<String> queryStrings(String sql, String runId) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static long queryLong(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        JdbcValues.bind(ps, i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Runs every statement of a template, binding its named parameters from {@code params}. */
  static void execute(Connection c, SqlTemplate template, Map<String, Object> params)
      throws SQLException {
    for (SqlTemplate.Statement st : template.statements()) {
      try (PreparedStatement ps = c.prepareStatement(st.sql())) {
        for (int i = 0; i < st.parameters().size(); i++) {
          String name = st.parameters().get(i);
          if (!params.containsKey(name)) {
            throw new SQLException(template.name() + ": no value for :" + name);
          }
          JdbcValues.bind(ps, i + 1, params.get(name));
        }
        ps.execute();
      }
    }
  }
}
