package dev.techpulse.testing.snowflake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.techpulse.testing.snowflake.Results.Column;
import dev.techpulse.testing.snowflake.Session.StandInException;
import dev.techpulse.testing.snowflake.SnowflakeSql.StageRef;
import dev.techpulse.testing.snowflake.SnowflakeSql.StatementType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Internal stages as folders: table stages, named stages (after CREATE STAGE) and the user stage.
 * PUT only tells the driver where the folder is (stage type {@code LOCAL_FS}); the driver
 * compresses and copies the file itself. COPY INTO reads the staged CSV files with DuckDB's
 * reader under the COPY's file format, skips files it already loaded (Snowflake's load history)
 * and purges on request.
 */
final class Stages {
  private final Path root;
  private final Set<String> named = ConcurrentHashMap.newKeySet();
  /** Loaded files per table, by stage path and content digest: COPY loads a file once. */
  private final Set<String> loadHistory = ConcurrentHashMap.newKeySet();

  Stages(Path root) {
    this.root = root;
  }

  private Path folder(StageRef s) {
    if (s.userStage()) {
      return root.resolve("~user");
    }
    return root.resolve(s.schema()).resolve((s.tableStage() ? "%" : "") + s.name());
  }

  /** The stage's folder, after checking that the stage (or its table) exists. */
  private Path resolve(Session session, StageRef s) throws SQLException {
    if (s.tableStage()) {
      if (!session.tableExists(s.schema() + "." + s.name())) {
        throw Session.notFound("Table", s.schema() + "." + s.name());
      }
    } else if (!s.userStage() && !named.contains(s.schema() + "." + s.name())) {
      throw new StandInException(
          "002003",
          "SQL compilation error:\nStage '" + s.display() + "' does not exist or not authorized.",
          "02000");
    }
    return folder(s);
  }

  String create(SnowflakeSql.CreateStage c) throws IOException {
    String key = c.schema() + "." + c.name();
    String display = c.name().toUpperCase(Locale.ROOT);
    if (named.contains(key) && !c.orReplace()) {
      if (c.ifNotExists()) {
        return display + " already exists, statement succeeded.";
      }
      throw new StandInException(
          "002002", "SQL compilation error:\nObject '" + display + "' already exists.", "42710");
    }
    Path dir = folder(new StageRef(c.schema(), c.name(), false, ""));
    deleteTree(dir);
    Files.createDirectories(dir);
    named.add(key);
    return "Stage area " + display + " successfully created.";
  }

  String drop(SnowflakeSql.DropStage d) throws IOException {
    String key = d.schema() + "." + d.name();
    String display = d.name().toUpperCase(Locale.ROOT);
    if (!named.remove(key)) {
      if (d.ifExists()) {
        return "Drop statement executed successfully (" + display + " already dropped).";
      }
      throw new StandInException(
          "002003",
          "SQL compilation error:\nStage '" + display + "' does not exist or not authorized.",
          "02000");
    }
    deleteTree(folder(new StageRef(d.schema(), d.name(), false, "")));
    return display + " successfully dropped.";
  }

  ObjectNode put(Session session, SnowflakeSql.Put p) throws SQLException, IOException {
    Path dir = resolve(session, p.stage()).resolve(p.stage().path());
    Files.createDirectories(dir);
    ObjectNode data = SnowflakeStandIn.JSON.createObjectNode();
    data.put("command", "UPLOAD");
    data.putArray("src_locations").add(p.localPath());
    data.put("parallel", 4);
    data.put("threshold", 200 * 1024 * 1024);
    data.put("autoCompress", p.autoCompress());
    data.put("overwrite", p.overwrite());
    data.put("sourceCompression", "auto_detect");
    data.put("clientShowEncryptionParameter", false);
    data.put("queryId", java.util.UUID.randomUUID().toString());
    data.putNull("encryptionMaterial");
    ObjectNode info = data.putObject("stageInfo");
    info.put("locationType", "LOCAL_FS");
    info.put("location", dir.toAbsolutePath().toString());
    info.put("path", "");
    info.putNull("region");
    info.putObject("creds");
    info.put("isClientSideEncrypted", false);
    data.put("statementTypeId", StatementType.PUT.id);
    return data;
  }

  /** Files of a stage under a path prefix, relative to the stage, sorted. */
  List<String> list(StageRef s) throws IOException {
    Path dir = folder(s);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> dir.relativize(f).toString().replace('\\', '/'))
          .filter(rel -> rel.startsWith(s.path()))
          .sorted()
          .toList();
    }
  }

  private List<String> matching(StageRef s, String pattern) throws IOException {
    List<String> files = list(s);
    if (pattern == null) {
      return files;
    }
    Pattern p = Pattern.compile(pattern);
    return files.stream().filter(f -> p.matcher(f).matches()).toList();
  }

  ObjectNode remove(Session session, SnowflakeSql.Remove r) throws SQLException, IOException {
    Path dir = resolve(session, r.stage());
    List<List<String>> rows = new ArrayList<>();
    for (String rel : matching(r.stage(), r.pattern())) {
      Files.deleteIfExists(dir.resolve(rel));
      rows.add(List.of(shown(r.stage(), rel), "removed"));
    }
    return Results.table(
        StatementType.REMOVE,
        List.of(new Column("name", "text", 0, 0), new Column("result", "text", 0, 0)),
        rows);
  }

  ObjectNode listing(Session session, SnowflakeSql.ListStage l) throws SQLException, IOException {
    Path dir = resolve(session, l.stage());
    List<List<String>> rows = new ArrayList<>();
    for (String rel : matching(l.stage(), l.pattern())) {
      Path f = dir.resolve(rel);
      rows.add(
          List.of(
              shown(l.stage(), rel),
              Long.toString(Files.size(f)),
              md5(f),
              Files.getLastModifiedTime(f).toInstant().toString()));
    }
    return Results.table(
        StatementType.LIST,
        List.of(
            new Column("name", "text", 0, 0),
            new Column("size", "fixed", 38, 0),
            new Column("md5", "text", 0, 0),
            new Column("last_modified", "text", 0, 0)),
        rows);
  }

  /** Stage file names as LIST shows them: named stages prefix their own name. */
  private static String shown(StageRef s, String rel) {
    return s.tableStage() || s.userStage() ? rel : s.name() + "/" + rel;
  }

  ObjectNode copy(Session session, SnowflakeSql.Copy c) throws SQLException, IOException {
    Path dir = resolve(session, c.stage());
    if (!session.tableExists(c.table())) {
      throw Session.notFound("Table", c.table());
    }
    Object type = c.fileFormat().getOrDefault("TYPE", "CSV");
    if (!"CSV".equals(type)) {
      throw new StandInException(
          "000002", "Unsupported feature 'FILE_FORMAT TYPE = " + type + "' (not emulated).",
          "0A000");
    }
    List<String> files = new ArrayList<>();
    if (c.files().isEmpty()) {
      files.addAll(matching(c.stage(), c.pattern()));
    } else {
      String prefix = c.stage().path().isEmpty() || c.stage().path().endsWith("/")
          ? c.stage().path()
          : c.stage().path() + "/";
      for (String f : c.files()) {
        String rel = prefix + f;
        if (!Files.isRegularFile(dir.resolve(rel))) {
          throw new StandInException(
              "091016", "Remote file '" + shown(c.stage(), rel) + "' was not found.", "22000");
        }
        files.add(rel);
      }
    }
    Map<String, String> digests = new LinkedHashMap<>();
    for (String rel : files) {
      String key = c.table() + "|" + c.stage().display() + "/" + rel + "|" + md5(dir.resolve(rel));
      if (c.force() || !loadHistory.contains(key)) {
        digests.put(rel, key);
      }
    }
    if (digests.isEmpty()) {
      return Results.status("Copy executed with 0 files processed.", StatementType.COPY);
    }
    Map<String, String> tableTypes = columnTypes(session.conn, c.table());
    List<String> targets = c.columns().isEmpty() ? List.copyOf(tableTypes.keySet()) : c.columns();
    List<String> selects = new ArrayList<>(c.selects());
    int fileColumns;
    if (selects.isEmpty()) {
      fileColumns = targets.size();
      for (int i = 1; i <= fileColumns; i++) {
        selects.add("c" + i);
      }
    } else {
      fileColumns = 0;
      Matcher m = Pattern.compile("\\bc(\\d+)\\b").matcher(String.join(",", selects));
      while (m.find()) {
        fileColumns = Math.max(fileColumns, Integer.parseInt(m.group(1)));
      }
    }
    if (selects.size() != targets.size()) {
      throw new StandInException(
          "002020",
          "SQL compilation error:\nInsert value list does not match column list expecting "
              + targets.size() + " but got " + selects.size(),
          "21S01");
    }
    for (int i = 0; i < targets.size(); i++) {
      selects.set(i, parsed(selects.get(i), tableTypes.get(targets.get(i)), c.fileFormat()));
    }
    String reader = csvReader(c.fileFormat(), fileColumns);
    Connection conn = session.conn;
    boolean own = conn.getAutoCommit();
    List<List<String>> rows = new ArrayList<>();
    if (own) {
      conn.setAutoCommit(false);
    }
    try {
      for (String rel : digests.keySet()) {
        String path = dir.resolve(rel).toAbsolutePath().toString().replace("'", "''");
        String sql =
            "INSERT INTO " + c.table() + " (" + String.join(", ", targets) + ") SELECT "
                + String.join(", ", selects) + " FROM " + reader.replace("{file}", path);
        long loaded;
        try (Statement s = conn.createStatement()) {
          loaded = s.executeUpdate(sql);
        }
        rows.add(
            List.of(
                shown(c.stage(), rel), "LOADED", Long.toString(loaded), Long.toString(loaded), "1",
                "0"));
      }
      if (own) {
        conn.commit();
      }
    } catch (SQLException | RuntimeException e) {
      if (own) {
        conn.rollback();
      }
      throw e;
    } finally {
      if (own) {
        conn.setAutoCommit(true);
      }
    }
    loadHistory.addAll(digests.values());
    if (c.purge()) {
      for (String rel : digests.keySet()) {
        Files.deleteIfExists(dir.resolve(rel));
      }
    }
    return Results.table(
        StatementType.COPY,
        List.of(
            new Column("file", "text", 0, 0),
            new Column("status", "text", 0, 0),
            new Column("rows_parsed", "fixed", 38, 0),
            new Column("rows_loaded", "fixed", 38, 0),
            new Column("error_limit", "fixed", 38, 0),
            new Column("errors_seen", "fixed", 38, 0)),
        rows);
  }

  /**
   * A file column loaded into a date or timestamp column under the file format's {@code
   * DATE_FORMAT} or {@code TIMESTAMP_FORMAT} (absent or AUTO: DuckDB's cast of ISO-8601 text).
   */
  static String parsed(String select, String columnType, Map<String, Object> format) {
    if (columnType == null || !select.matches("c\\d+")) {
      return select;
    }
    boolean date = columnType.equals("DATE");
    boolean timestamp = columnType.startsWith("TIMESTAMP");
    Object f = format.get(date ? "DATE_FORMAT" : "TIMESTAMP_FORMAT");
    if (!(date || timestamp) || f == null || "AUTO".equals(f)) {
      return select;
    }
    String parse = "strptime(" + select + ", " + literal(SnowflakeSql.strptimeFormat(f.toString())) + ")";
    return date ? "CAST(" + parse + " AS DATE)" : parse;
  }

  /**
   * DuckDB's CSV reader under a Snowflake CSV file format: every field read as text (columns
   * {@code c1..cN}) and cast by the INSERT into the table's types, as COPY casts.
   */
  static String csvReader(Map<String, Object> format, int columns) {
    String delim = (String) format.getOrDefault("FIELD_DELIMITER", ",");
    Object enclosed = format.getOrDefault("FIELD_OPTIONALLY_ENCLOSED_BY", "NONE");
    String quote = "NONE".equals(enclosed) ? "" : (String) enclosed;
    Object escape = format.getOrDefault("ESCAPE", "NONE");
    List<String> nulls = new ArrayList<>();
    Object nullIf = format.getOrDefault("NULL_IF", List.of("\\N"));
    if (nullIf instanceof List<?> l) {
      l.forEach(v -> nulls.add(v.toString()));
    } else {
      nulls.add(nullIf.toString());
    }
    if (!"FALSE".equals(format.getOrDefault("EMPTY_FIELD_AS_NULL", "TRUE"))) {
      nulls.add("");
    }
    int skip = Integer.parseInt(format.getOrDefault("SKIP_HEADER", "0").toString());
    StringBuilder cols = new StringBuilder("{");
    for (int i = 1; i <= columns; i++) {
      cols.append(i > 1 ? ", " : "").append("'c").append(i).append("': 'VARCHAR'");
    }
    cols.append('}');
    StringBuilder nullList = new StringBuilder("[");
    for (int i = 0; i < nulls.size(); i++) {
      nullList.append(i > 0 ? ", " : "").append(literal(nulls.get(i)));
    }
    nullList.append(']');
    return "read_csv('{file}', header = false, auto_detect = false, delim = " + literal(delim)
        + ", quote = " + literal(quote) + ", escape = "
        + literal("NONE".equals(escape) ? quote : escape.toString())
        + ", nullstr = " + nullList + ", allow_quoted_nulls = false, skip = " + skip
        + ", columns = " + cols + ")";
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A table's columns in order, with their DuckDB types. */
  static Map<String, String> columnTypes(Connection c, String qualified) throws SQLException {
    String[] parts = qualified.split("\\.");
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE lower(table_schema) = ? AND lower(table_name) = ?"
                + " ORDER BY ordinal_position")) {
      ps.setString(1, parts.length > 1 ? parts[parts.length - 2] : "main");
      ps.setString(2, parts[parts.length - 1]);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
        }
      }
    }
    return out;
  }

  private static String md5(Path f) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
