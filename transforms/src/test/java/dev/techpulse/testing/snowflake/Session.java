package dev.techpulse.testing.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.techpulse.testing.snowflake.SnowflakeSql.Command;
import dev.techpulse.testing.snowflake.SnowflakeSql.StatementType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** One driver session: its own DuckDB connection, transaction state and default schema. */
final class Session {
  private static final AtomicLong IDS = new AtomicLong(1_000_000);
  static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);

  final SnowflakeStandIn account;
  final Connection conn;
  final long id = IDS.incrementAndGet();
  final String masterToken = "MT-" + UUID.randomUUID();
  volatile String token;
  volatile Instant tokenExpires;
  String schema;
  private boolean autocommit = true;
  private boolean explicitTransaction;

  Session(SnowflakeStandIn account, Connection conn, String schema) {
    this.account = account;
    this.conn = conn;
    this.schema = schema.toLowerCase(Locale.ROOT);
  }

  synchronized ObjectNode execute(String sql, JsonNode bindings, boolean describeOnly) {
    for (SnowflakeStandIn.Refusal r : account.refusals) {
      if (r.statement().matcher(sql).find()) {
        return SnowflakeStandIn.error(
            "003001",
            "SQL access control error:\nInsufficient privileges to operate on " + r.object(),
            "42501");
      }
    }
    int count = SnowflakeSql.statementCount(sql);
    if (count != 1) {
      // Without MULTI_STATEMENT_COUNT (which techpulse never sets) Snowflake runs one statement.
      return SnowflakeStandIn.error(
          "000008",
          "Actual statement count " + count + " did not match the desired statement count 1.",
          "0A000");
    }
    Command command;
    try {
      command = SnowflakeSql.parse(sql, schema);
    } catch (IllegalArgumentException e) {
      return SnowflakeStandIn.error("001003", e.getMessage(), "42000");
    }
    try {
      List<Object> binds = binds(bindings);
      return SnowflakeStandIn.ok(run(command, binds, describeOnly));
    } catch (StandInException e) {
      return SnowflakeStandIn.error(e.code, e.getMessage(), e.sqlState);
    } catch (SQLException e) {
      endFailedStatement();
      return translate(e);
    } catch (RuntimeException | java.io.IOException e) {
      endFailedStatement();
      return SnowflakeStandIn.error("000603", "Processing aborted due to error: " + e, "XX000");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SnowflakeStandIn.error("000604", "SQL execution canceled", "57014");
    }
  }

  private ObjectNode run(Command command, List<Object> binds, boolean describeOnly)
      throws SQLException, java.io.IOException, InterruptedException {
    if (describeOnly) {
      return describe(command, binds.size());
    }
    if (command instanceof SnowflakeSql.Query q) {
      return query(q, binds);
    } else if (command instanceof SnowflakeSql.Put p) {
      return account.stages.put(this, p);
    } else if (command instanceof SnowflakeSql.Copy c) {
      beginWrite(StatementType.COPY);
      boolean ok = false;
      try {
        ObjectNode result = account.stages.copy(this, c);
        ok = true;
        return result;
      } finally {
        endWrite(ok);
      }
    } else if (command instanceof SnowflakeSql.Remove r) {
      return account.stages.remove(this, r);
    } else if (command instanceof SnowflakeSql.ListStage l) {
      return account.stages.listing(this, l);
    } else if (command instanceof SnowflakeSql.CreateStage c) {
      if (!schemaExists(c.schema())) {
        throw new StandInException(
            "002003",
            "SQL compilation error:\nSchema '" + c.schema().toUpperCase(Locale.ROOT)
                + "' does not exist or not authorized.",
            "02000");
      }
      return Results.status(account.stages.create(c), StatementType.DDL);
    } else if (command instanceof SnowflakeSql.DropStage d) {
      return Results.status(account.stages.drop(d), StatementType.DDL);
    } else if (command instanceof SnowflakeSql.SetAutocommit a) {
      if (a.on() && !conn.getAutoCommit()) {
        conn.commit();
      }
      conn.setAutoCommit(a.on());
      autocommit = a.on();
      explicitTransaction = false;
      account.writeLock.release(this);
      return Results.status("Statement executed successfully.", StatementType.ALTER_SESSION);
    } else if (command instanceof SnowflakeSql.Transaction t) {
      return transaction(t.verb());
    } else if (command instanceof SnowflakeSql.DropPrimaryKey d) {
      if (!tableExists(d.table())) {
        throw notFound("Table", d.table());
      }
      if (account.primaryKeys.remove(d.table()) == null) {
        throw new StandInException(
            "002000", "SQL compilation error:\nConstraint does not exist.", "42000");
      }
      return Results.status("Statement executed successfully.", StatementType.DDL);
    } else if (command instanceof SnowflakeSql.Ignored i) {
      return Results.status(i.status(), i.type());
    } else if (command instanceof SnowflakeSql.Unsupported u) {
      throw new StandInException(
          "000002", "Unsupported feature '" + u.what() + "' (not emulated by the stand-in).",
          "0A000");
    }
    throw new IllegalStateException("unhandled command " + command);
  }

  private ObjectNode query(SnowflakeSql.Query q, List<Object> binds)
      throws SQLException, InterruptedException {
    if (q.type() == StatementType.DDL && !conn.getAutoCommit()) {
      // Snowflake commits an open transaction before any DDL and runs the DDL on its own.
      conn.commit();
      account.writeLock.release(this);
      explicitTransaction = false;
    }
    boolean writes = q.type().writes();
    if (writes) {
      beginWrite(q.type());
    }
    boolean ok = false;
    try (PreparedStatement ps = conn.prepareStatement(q.duckdb())) {
      for (int i = 0; i < binds.size(); i++) {
        ps.setObject(i + 1, binds.get(i));
      }
      boolean hasRows = ps.execute();
      ObjectNode data;
      if (hasRows && q.type() == StatementType.SELECT) {
        try (ResultSet rs = ps.getResultSet()) {
          data = Results.rows(rs, q.type());
        }
      } else if (hasRows) {
        // DuckDB answers DML with a one-row "Count" result; Snowflake with counts by kind.
        long count;
        try (ResultSet rs = ps.getResultSet()) {
          count = rs.next() ? rs.getLong(1) : 0;
        }
        data = Results.count(q.type(), count);
      } else if (q.type() == StatementType.DDL || q.type() == StatementType.USE) {
        data = Results.status("Statement executed successfully.", q.type());
      } else {
        data = Results.count(q.type(), Math.max(0, ps.getUpdateCount()));
      }
      if (q.primaryKeyTable() != null) {
        account.primaryKeys.put(q.primaryKeyTable(), true);
      }
      ok = true;
      return data;
    } finally {
      if (writes) {
        endWrite(ok);
      }
      if (q.type() == StatementType.DDL && !conn.getAutoCommit()) {
        conn.commit();
        account.writeLock.release(this);
      }
    }
  }

  private ObjectNode transaction(String verb) throws SQLException {
    switch (verb) {
      case "BEGIN" -> {
        if (conn.getAutoCommit()) {
          conn.setAutoCommit(false);
          explicitTransaction = true;
        }
      }
      case "COMMIT" -> {
        if (!conn.getAutoCommit()) {
          conn.commit();
        }
        finishTransaction();
      }
      default -> {
        if (!conn.getAutoCommit()) {
          conn.rollback();
        }
        finishTransaction();
      }
    }
    return Results.status("Statement executed successfully.", StatementType.TCL);
  }

  private void finishTransaction() throws SQLException {
    if (explicitTransaction && autocommit) {
      conn.setAutoCommit(true);
    }
    explicitTransaction = false;
    account.writeLock.release(this);
  }

  /** Takes the account's write lock for a write; kept to the end of a transaction. */
  void beginWrite(StatementType type) throws InterruptedException {
    account.writeLock.acquire(this, LOCK_TIMEOUT);
  }

  void endWrite(boolean ok) {
    try {
      if (conn.getAutoCommit()) {
        account.writeLock.release(this);
      }
    } catch (SQLException e) {
      account.writeLock.release(this);
    }
  }

  /** DuckDB aborts a transaction on any error; so does the stand-in (Snowflake keeps it). */
  private void endFailedStatement() {
    try {
      if (conn.getAutoCommit()) {
        account.writeLock.release(this);
      }
    } catch (SQLException ignored) {
      account.writeLock.release(this);
    }
  }

  private ObjectNode describe(Command command, int binds) throws SQLException {
    StatementType type = StatementType.SELECT;
    if (command instanceof SnowflakeSql.Query q) {
      type = q.type();
      if (type == StatementType.SELECT) {
        try (PreparedStatement ps = conn.prepareStatement(q.duckdb())) {
          ObjectNode data = Results.describe(ps.getMetaData(), type);
          data.put("numberOfBinds", binds);
          return data;
        }
      }
    }
    ObjectNode data = Results.status("", type);
    data.put("numberOfBinds", binds);
    return data;
  }

  /** Bind values as the driver sends them, in DuckDB's Java types; refuses unknown types. */
  static List<Object> binds(JsonNode bindings) {
    List<Object> out = new ArrayList<>();
    if (bindings == null || bindings.isMissingNode() || bindings.isNull()) {
      return out;
    }
    int n = bindings.size();
    for (int i = 1; i <= n; i++) {
      JsonNode b = bindings.path(String.valueOf(i));
      if (b.isMissingNode()) {
        throw new StandInException(
            "002049", "SQL compilation error: error line 0 at position 0\nBind variable ?" + i
                + " not set.", "42601");
      }
      out.add(bindValue(b.path("type").asText(), b.path("value")));
    }
    return out;
  }

  static Object bindValue(String type, JsonNode value) {
    if (value.isArray()) {
      throw new StandInException(
          "000002", "Unsupported feature 'array binds' (not emulated by the stand-in).", "0A000");
    }
    if (value.isNull() || value.isMissingNode()) {
      return null;
    }
    String v = value.asText();
    try {
      return switch (type) {
        case "TEXT" -> v;
        case "FIXED" -> {
          BigDecimal d = new BigDecimal(v);
          yield d.scale() <= 0 && d.precision() <= 18 ? (Object) d.longValueExact() : d;
        }
        case "REAL" -> Double.parseDouble(v);
        case "BOOLEAN" -> v.equalsIgnoreCase("true") || v.equals("1");
        case "DATE" -> LocalDate.ofEpochDay(Math.floorDiv(Long.parseLong(v), 86_400_000L));
        case "TIMESTAMP_LTZ", "TIMESTAMP_NTZ", "TIMESTAMP_TZ" -> {
          // Nanoseconds since the epoch; TIMESTAMP_TZ adds " <offset minutes + 1440>".
          String[] parts = v.strip().split("\\s+");
          BigDecimal nanos = new BigDecimal(parts[0]);
          long seconds = nanos.divide(BigDecimal.valueOf(1_000_000_000L), 0, java.math.RoundingMode.FLOOR).longValueExact();
          long rest = nanos.subtract(BigDecimal.valueOf(seconds).multiply(BigDecimal.valueOf(1_000_000_000L))).longValueExact();
          Instant instant = Instant.ofEpochSecond(seconds, rest);
          ZoneOffset offset =
              parts.length > 1
                  ? ZoneOffset.ofTotalSeconds((Integer.parseInt(parts[1]) - 1440) * 60)
                  : ZoneOffset.UTC;
          if (type.equals("TIMESTAMP_NTZ")) {
            yield java.time.LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
          }
          yield OffsetDateTime.ofInstant(instant, offset);
        }
        case "TIME", "BINARY", "ARRAY", "OBJECT", "VARIANT" -> throw new StandInException(
            "000002", "Unsupported feature '" + type + " binds' (not emulated by the stand-in).",
            "0A000");
        default -> throw new StandInException(
            "002099", "SQL compilation error:\nUnsupported data type '" + type + "' for binding.",
            "22000");
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw new StandInException(
          "100038", "Numeric value '" + v + "' is not recognized", "22018");
    }
  }

  private boolean schemaExists(String name) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT 1 FROM information_schema.schemata WHERE lower(schema_name) = ?")) {
      ps.setString(1, name.toLowerCase(Locale.ROOT));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Whether {@code schema.table} (or {@code table} in this session's schema) exists. */
  boolean tableExists(String qualified) throws SQLException {
    String[] parts = qualified.toLowerCase(Locale.ROOT).split("\\.");
    String table = parts[parts.length - 1];
    String in = parts.length >= 2 ? parts[parts.length - 2] : schema;
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT 1 FROM information_schema.tables WHERE lower(table_schema) = ?"
                + " AND lower(table_name) = ?")) {
      ps.setString(1, in);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static StandInException notFound(String kind, String name) {
    return new StandInException(
        "002003",
        "SQL compilation error:\n" + kind + " '" + name.toUpperCase(Locale.ROOT)
            + "' does not exist or not authorized.",
        "42S02");
  }

  /** DuckDB's error, told as Snowflake would tell it (codes, SQLSTATE), with DuckDB's text. */
  static ObjectNode translate(SQLException e) {
    String m = String.valueOf(e.getMessage());
    String code;
    String state;
    String head;
    if (m.contains("Catalog Error")) {
      code = "002003";
      state = "42S02";
      head = "SQL compilation error:\nObject does not exist or not authorized.";
    } else if (m.contains("Parser Error") || m.contains("Binder Error")) {
      code = "001003";
      state = "42000";
      head = "SQL compilation error:";
    } else if (m.contains("NOT NULL constraint")) {
      code = "100072";
      state = "22000";
      head = "NULL result in a non-nullable column";
    } else if (m.contains("Conversion Error") || m.contains("Invalid Input Error")) {
      code = "100038";
      state = "22018";
      head = "Value is not recognized";
    } else {
      code = "000603";
      state = "XX000";
      head = "SQL execution error:";
    }
    return SnowflakeStandIn.error(code, head + " " + m, state);
  }

  void close() {
    account.writeLock.release(this);
    try {
      if (!conn.getAutoCommit()) {
        conn.rollback();
      }
      conn.close();
    } catch (SQLException ignored) {
      // The session is gone either way.
    }
  }

  /** A refusal told with Snowflake's code and SQLSTATE. */
  static final class StandInException extends RuntimeException {
    final String code;
    final String sqlState;

    StandInException(String code, String message, String sqlState) {
      super(message);
      this.code = code;
      this.sqlState = sqlState;
    }
  }
}
