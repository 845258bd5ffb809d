package dev.techpulse.testing.snowflake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.techpulse.testing.snowflake.SnowflakeSql.StatementType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Result sets in Snowflake's JSON result format: {@code rowtype} with Snowflake's types and every
 * value in {@code rowset} as a string (numbers in plain notation, booleans as 1/0, dates as days
 * since the epoch, timestamps as seconds since the epoch with nine decimals, TIMESTAMP_TZ
 * followed by its offset in minutes plus 1440, VARIANT as Snowflake prints JSON).
 */
final class Results {
  private Results() {}

  /** A column of a result, as {@code rowtype} describes it. */
  record Column(String name, String type, int precision, int scale) {}

  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

  static Column column(String name, String duckdbType) {
    String t = duckdbType.toUpperCase(Locale.ROOT);
    Matcher d = DECIMAL.matcher(t);
    if (d.matches()) {
      return new Column(name, "fixed", Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)));
    }
    return switch (t) {
      case "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER", "USMALLINT",
          "UTINYINT" -> new Column(name, "fixed", 18, 0);
      case "HUGEINT", "UHUGEINT" -> new Column(name, "fixed", 38, 0);
      case "DOUBLE", "FLOAT" -> new Column(name, "real", 0, 0);
      case "BOOLEAN" -> new Column(name, "boolean", 0, 0);
      case "DATE" -> new Column(name, "date", 0, 0);
      case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> new Column(name, "timestamp_tz", 0, 9);
      case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" ->
          new Column(name, "timestamp_ntz", 0, 9);
      case "JSON" -> new Column(name, "variant", 0, 0);
      default -> new Column(name, "text", 0, 0);
    };
  }

  static ObjectNode rows(ResultSet rs, StatementType type) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    Column[] columns = columns(md);
    ObjectNode data = envelope(columns, type);
    ArrayNode rowset = data.putArray("rowset");
    long n = 0;
    while (rs.next()) {
      ArrayNode row = rowset.addArray();
      for (int i = 0; i < columns.length; i++) {
        row.add(encode(rs, i + 1, columns[i]));
      }
      n++;
    }
    data.put("total", n);
    data.put("returned", n);
    return data;
  }

  static ObjectNode describe(ResultSetMetaData md, StatementType type) throws SQLException {
    ObjectNode data = envelope(md == null ? new Column[0] : columns(md), type);
    data.putArray("rowset");
    data.put("total", 0);
    data.put("returned", 0);
    return data;
  }

  private static Column[] columns(ResultSetMetaData md) throws SQLException {
    Column[] columns = new Column[md.getColumnCount()];
    for (int i = 0; i < columns.length; i++) {
      // Snowflake folds unquoted identifiers to upper case, and so names its result columns.
      columns[i] =
          column(md.getColumnLabel(i + 1).toUpperCase(Locale.ROOT), md.getColumnTypeName(i + 1));
    }
    return columns;
  }

  /** A result of rows given as strings, e.g. a COPY's per-file status. */
  static ObjectNode table(StatementType type, List<Column> columns, List<List<String>> rows) {
    ObjectNode data = envelope(columns.toArray(Column[]::new), type);
    ArrayNode rowset = data.putArray("rowset");
    for (List<String> r : rows) {
      ArrayNode row = rowset.addArray();
      r.forEach(row::add);
    }
    data.put("total", rows.size());
    data.put("returned", rows.size());
    return data;
  }

  /** The one-row status result of DDL and session statements. */
  static ObjectNode status(String message, StatementType type) {
    return table(type, List.of(new Column("status", "text", 0, 0)), List.of(List.of(message)));
  }

  /** The counts result of DML: the driver adds up its columns into the update count. */
  static ObjectNode count(StatementType type, long rows) {
    String name =
        switch (type) {
          case INSERT -> "number of rows inserted";
          case UPDATE, MERGE -> "number of rows updated";
          case DELETE -> "number of rows deleted";
          default -> "rows";
        };
    return table(
        type, List.of(new Column(name, "fixed", 38, 0)), List.of(List.of(Long.toString(rows))));
  }

  private static ObjectNode envelope(Column[] columns, StatementType type) {
    ObjectNode data = SnowflakeStandIn.JSON.createObjectNode();
    data.putArray("parameters");
    ArrayNode rowtype = data.putArray("rowtype");
    for (Column c : columns) {
      ObjectNode t = rowtype.addObject();
      t.put("name", c.name());
      t.put("database", "");
      t.put("schema", "");
      t.put("table", "");
      t.put("type", c.type());
      t.put("nullable", true);
      t.putNull("collation");
      if (c.type().equals("text") || c.type().equals("variant")) {
        t.put("length", 16777216);
        t.put("byteLength", 16777216);
      } else {
        t.putNull("length");
        t.putNull("byteLength");
      }
      if (c.type().equals("fixed")) {
        t.put("precision", c.precision());
      } else {
        t.putNull("precision");
      }
      if (c.type().equals("fixed") || c.type().startsWith("timestamp")) {
        t.put("scale", c.scale());
      } else {
        t.putNull("scale");
      }
    }
    data.put("queryId", UUID.randomUUID().toString());
    data.putNull("databaseProvider");
    data.put("finalDatabaseName", "TECHPULSE");
    data.put("finalSchemaName", "PUBLIC");
    data.put("finalWarehouseName", "WH");
    data.put("finalRoleName", "PUBLIC");
    data.put("numberOfBinds", 0);
    data.put("arrayBindSupported", false);
    data.put("statementTypeId", type.id);
    data.put("version", 1);
    data.put("sendResultTime", System.currentTimeMillis());
    data.put("queryResultFormat", "json");
    return data;
  }

  static String encode(ResultSet rs, int i, Column c) throws SQLException {
    switch (c.type()) {
      case "fixed" -> {
        BigDecimal v = rs.getBigDecimal(i);
        return v == null ? null : v.setScale(c.scale(), java.math.RoundingMode.UNNECESSARY).toPlainString();
      }
      case "real" -> {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : Double.toString(v);
      }
      case "boolean" -> {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : v ? "1" : "0";
      }
      case "date" -> {
        LocalDate v = rs.getObject(i, LocalDate.class);
        return v == null ? null : Long.toString(v.toEpochDay());
      }
      case "timestamp_tz" -> {
        OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
        if (v == null) {
          return null;
        }
        // The stand-in keeps instants only (DuckDB's TIMESTAMPTZ): every offset reads as UTC.
        return seconds(v.toEpochSecond(), v.getNano()) + " 1440";
      }
      case "timestamp_ntz" -> {
        LocalDateTime v = rs.getObject(i, LocalDateTime.class);
        if (v == null) {
          return null;
        }
        return seconds(v.toEpochSecond(ZoneOffset.UTC), v.getNano());
      }
      case "variant" -> {
        String v = rs.getString(i);
        return v == null ? null : variantText(v);
      }
      default -> {
        return rs.getString(i);
      }
    }
  }

  private static String seconds(long epochSecond, int nanos) {
    return BigDecimal.valueOf(epochSecond).add(BigDecimal.valueOf(nanos, 9)).setScale(9).toPlainString();
  }

  /** JSON as Snowflake prints a VARIANT: two-space indents, one element or member per line. */
  static String variantText(String json) {
    try {
      StringBuilder b = new StringBuilder();
      print(SnowflakeStandIn.JSON.readTree(json), 0, b);
      return b.toString();
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  private static void print(JsonNode n, int depth, StringBuilder b) throws JsonProcessingException {
    String pad = "  ".repeat(depth + 1);
    if (n.isArray() && n.size() > 0) {
      b.append("[\n");
      for (int i = 0; i < n.size(); i++) {
        b.append(pad);
        print(n.get(i), depth + 1, b);
        b.append(i + 1 < n.size() ? ",\n" : "\n");
      }
      b.append("  ".repeat(depth)).append(']');
    } else if (n.isObject() && n.size() > 0) {
      b.append("{\n");
      var fields = n.fields();
      while (fields.hasNext()) {
        var f = fields.next();
        b.append(pad).append(SnowflakeStandIn.JSON.writeValueAsString(f.getKey())).append(": ");
        print(f.getValue(), depth + 1, b);
        b.append(fields.hasNext() ? ",\n" : "\n");
      }
      b.append("  ".repeat(depth)).append('}');
    } else {
      b.append(SnowflakeStandIn.JSON.writeValueAsString(n));
    }
  }
}
