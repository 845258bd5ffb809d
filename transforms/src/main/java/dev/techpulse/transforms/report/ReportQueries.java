package dev.techpulse.transforms.report;

import dev.techpulse.schemas.SqlTemplate;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's read-only queries ({@code sql/common/report/*.sql}, one portable text for DuckDB
 * and Snowflake) on one connection, each row as a map from lower-case column name to a plain
 * Java value: {@link String}, {@link Number}, {@link Boolean}, {@link LocalDate} or {@link
 * java.time.Instant}.
 */
public final class ReportQueries {
  private final Connection connection;

  /** Opens the report's session on {@code c} (UTC dates); writes nothing to the warehouse. */
  public ReportQueries(Connection c, WarehouseConfig.Dialect dialect) throws SQLException {
    this.connection = c;
    try (Statement s = c.createStatement()) {
      for (SqlTemplate.Statement st :
          SqlTemplate.load(dialect.folder() + "/report/session.sql").statements()) {
        s.execute(st.sql());
      }
    }
  }

  /** Runs {@code common/report/<name>.sql} with its named parameters taken from {@code params}. */
  public List<Map<String, Object>> rows(String name, Map<String, Object> params)
      throws SQLException {
    SqlTemplate template = template(name);
    SqlTemplate.Statement st = template.statements().get(0);
    try (PreparedStatement ps = connection.prepareStatement(st.sql())) {
      for (int i = 0; i < st.parameters().size(); i++) {
        String p = st.parameters().get(i);
        if (!params.containsKey(p)) {
          throw new SQLException(template.name() + ": no value for :" + p);
        }
        dev.techpulse.transforms.warehouse.JdbcValues.bind(ps, i + 1, params.get(p));
      }
      try (ResultSet rs = ps.executeQuery()) {
        return read(rs);
      }
    } catch (SQLException e) {
      throw new SQLException("report query " + name + ": " + e.getMessage(), e);
    }
  }

  /** The report query {@code name} as it is sent, with its named parameters still open. */
  public static SqlTemplate template(String name) {
    return SqlTemplate.load("common/report/" + name + ".sql")
        .with(Map.of("run_technologies", runTechnologies()));
  }

  private static String runTechnologies() {
    // The fragment's own comment lines would swallow the query's first line once inlined.
    return SqlTemplate.load("common/report/run_technologies.sql").text().lines()
        .filter(l -> !l.strip().startsWith("--"))
        .reduce((a, b) -> a + "\n" + b)
        .orElseThrow();
  }

  private static List<Map<String, Object>> read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Map<String, Object>> out = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), value(rs, i, md.getColumnType(i)));
      }
      out.add(row);
    }
    return out;
  }

  private static Object value(ResultSet rs, int i, int type) throws SQLException {
    Object v;
    switch (type) {
      case Types.DATE -> v = dev.techpulse.transforms.warehouse.JdbcValues.localDate(rs, i);
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
        Timestamp t = rs.getTimestamp(i);
        v = t == null ? null : t.toInstant();
      }
      default -> v = rs.getObject(i);
    }
    return rs.wasNull() ? null : v;
  }
}
