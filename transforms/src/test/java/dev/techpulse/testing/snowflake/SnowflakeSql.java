package dev.techpulse.testing.snowflake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in's reading of Snowflake SQL: which command a statement is, and the small, explicit
 * rewrite that lets DuckDB run the rest. Everything here is a pure function of the text, so each
 * rule is unit-tested on its own ({@code SnowflakeSqlTest}).
 *
 * <p>The rewrite works on the statement's tokens outside string literals, quoted identifiers and
 * comments: Snowflake types become DuckDB's ({@code TIMESTAMP_TZ(6)} to {@code TIMESTAMPTZ},
 * {@code NUMBER(p,s)} to {@code DECIMAL(p,s)}, integers to {@code DECIMAL(38,0)} as Snowflake
 * stores them, {@code FLOAT} to {@code DOUBLE}, {@code VARIANT} to {@code JSON}), {@code
 * PARSE_JSON} becomes {@code json}, primary keys are dropped (Snowflake declares them but never
 * enforces them), and string literals lose Snowflake's backslash escapes. {@code QUALIFY}, {@code
 * MERGE} and {@code DELETE ... USING} are DuckDB's too and pass unchanged.
 */
public final class SnowflakeSql {
  private SnowflakeSql() {}

  /** Snowflake's statement type ids, as the driver reads them from {@code statementTypeId}. */
  public enum StatementType {
    SELECT(0x1000),
    INSERT(0x3100),
    UPDATE(0x3200),
    DELETE(0x3300),
    MERGE(0x3400),
    COPY(0x3600),
    ALTER_SESSION(0x4100),
    USE(0x4300),
    LIST(0x4701),
    TCL(0x5000),
    DDL(0x6000),
    PUT(0x7102),
    REMOVE(0x7103);

    public final long id;

    StatementType(long id) {
      this.id = id;
    }

    /** Writes: taken under the stand-in's write lock, like Snowflake's table locks. */
    public boolean writes() {
      return this != SELECT && this != LIST && this != USE && this != ALTER_SESSION && this != TCL;
    }
  }

  /** A statement, as the stand-in executes it. */
  public sealed interface Command
      permits Query, Put, Copy, Remove, ListStage, CreateStage, DropStage, SetAutocommit,
          Ignored, Transaction, DropPrimaryKey, Unsupported {}

  /**
   * A statement DuckDB runs after the rewrite; {@code primaryKeyTable} names the table a CREATE
   * TABLE declared a primary key on (lower case), else null.
   */
  public record Query(String duckdb, StatementType type, String primaryKeyTable)
      implements Command {}

  /** {@code PUT 'file://local' @stage/path/}: the driver copies the file itself. */
  public record Put(String localPath, StageRef stage, boolean autoCompress, boolean overwrite)
      implements Command {}

  /**
   * {@code COPY INTO table [(columns)] FROM @stage/path/ | (SELECT exprs FROM @stage/path/)}.
   * {@code selects} are DuckDB expressions over the file's columns {@code c1, c2, ...}, or empty
   * for a plain copy (file column n into table column n).
   */
  public record Copy(
      String table,
      List<String> columns,
      List<String> selects,
      StageRef stage,
      List<String> files,
      String pattern,
      Map<String, Object> fileFormat,
      boolean purge,
      boolean force)
      implements Command {}

  public record Remove(StageRef stage, String pattern) implements Command {}

  public record ListStage(StageRef stage, String pattern) implements Command {}

  public record CreateStage(String schema, String name, boolean ifNotExists, boolean orReplace)
      implements Command {}

  public record DropStage(String schema, String name, boolean ifExists) implements Command {}

  public record SetAutocommit(boolean on) implements Command {}

  /** Accepted and answered with a status, with no effect here (USE WAREHOUSE, session settings). */
  public record Ignored(StatementType type, String status) implements Command {}

  /** BEGIN, COMMIT or ROLLBACK. */
  public record Transaction(String verb) implements Command {}

  public record DropPrimaryKey(String table) implements Command {}

  /** A Snowflake statement the stand-in knowingly does not emulate. */
  public record Unsupported(String what) implements Command {}

  /**
   * A stage and a path inside it: a table stage ({@code @schema.%table}), a named stage ({@code
   * @schema.stage}) or the user stage ({@code @~}). Names are lower case; {@code path} has no
   * leading slash and may be empty.
   */
  public record StageRef(String schema, String name, boolean tableStage, String path) {
    public boolean userStage() {
      return name.equals("~");
    }

    /** How Snowflake names the stage in messages, e.g. {@code STAGING.TECHPULSE_SPOOL}. */
    public String display() {
      if (userStage()) {
        return "~";
      }
      return (schema + "." + (tableStage ? "%" : "") + name).toUpperCase(Locale.ROOT);
    }
  }

  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
  private static final String QNAME = "[A-Za-z_][A-Za-z0-9_$]*(?:\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}";

  /** Reads one statement; {@code defaultSchema} qualifies unqualified stage names. */
  public static Command parse(String sql, String defaultSchema) {
    String text = stripComments(sql).strip();
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    String upper = text.toUpperCase(Locale.ROOT);
    String[] words = upper.split("\\s+", 4);
    String first = words[0];
    String second = words.length > 1 ? words[1] : "";
    switch (first) {
      case "PUT":
        return put(text, defaultSchema);
      case "GET":
        return new Unsupported("GET (downloading staged files)");
      case "COPY":
        return copy(text, defaultSchema);
      case "REMOVE", "RM":
        {
          Matcher m = Pattern.compile("(?is)^(?:REMOVE|RM)\\s+('?@[^\\s']+'?)(.*)$").matcher(text);
          require(m.matches(), text);
          return new Remove(stage(m.group(1), defaultSchema), stringOption(m.group(2), "PATTERN"));
        }
      case "LIST", "LS":
        {
          Matcher m = Pattern.compile("(?is)^(?:LIST|LS)\\s+('?@[^\\s']+'?)(.*)$").matcher(text);
          require(m.matches(), text);
          return new ListStage(
              stage(m.group(1), defaultSchema), stringOption(m.group(2), "PATTERN"));
        }
      case "BEGIN", "START":
        return new Transaction("BEGIN");
      case "COMMIT":
        return new Transaction("COMMIT");
      case "ROLLBACK":
        return new Transaction("ROLLBACK");
      case "USE":
        if (second.equals("SCHEMA")) {
          return new Query("USE " + text.split("\\s+")[2], StatementType.USE, null);
        }
        return new Ignored(StatementType.USE, "Statement executed successfully.");
      case "SHOW", "DESCRIBE", "DESC", "GRANT", "REVOKE", "CALL", "EXECUTE", "UNDROP":
        return new Unsupported(first);
      default:
        break;
    }
    if (first.equals("ALTER") && second.equals("SESSION")) {
      Matcher m =
          Pattern.compile("(?is)^ALTER\\s+SESSION\\s+SET\\s+AUTOCOMMIT\\s*=\\s*(\\w+)\\s*$")
              .matcher(text);
      if (m.matches()) {
        return new SetAutocommit(m.group(1).equalsIgnoreCase("TRUE"));
      }
      return new Ignored(StatementType.ALTER_SESSION, "Statement executed successfully.");
    }
    Matcher stage =
        Pattern.compile(
                "(?is)^CREATE\\s+(OR\\s+REPLACE\\s+)?(?:TEMP(?:ORARY)?\\s+)?STAGE\\s+"
                    + "(IF\\s+NOT\\s+EXISTS\\s+)?(" + QNAME + ")(\\s.*)?$")
            .matcher(text);
    if (stage.matches()) {
      String[] name = schemaAndName(stage.group(3), defaultSchema);
      return new CreateStage(name[0], name[1], stage.group(2) != null, stage.group(1) != null);
    }
    Matcher dropStage =
        Pattern.compile("(?is)^DROP\\s+STAGE\\s+(IF\\s+EXISTS\\s+)?(" + QNAME + ")\\s*$")
            .matcher(text);
    if (dropStage.matches()) {
      String[] name = schemaAndName(dropStage.group(2), defaultSchema);
      return new DropStage(name[0], name[1], dropStage.group(1) != null);
    }
    Matcher dropPk =
        Pattern.compile("(?is)^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(" + QNAME
                + ")\\s+DROP\\s+PRIMARY\\s+KEY\\s*$")
            .matcher(text);
    if (dropPk.matches()) {
      return new DropPrimaryKey(dropPk.group(1).toLowerCase(Locale.ROOT));
    }
    StatementType type =
        switch (first) {
          case "SELECT", "WITH", "VALUES" -> StatementType.SELECT;
          case "INSERT" -> StatementType.INSERT;
          case "UPDATE" -> StatementType.UPDATE;
          case "DELETE" -> StatementType.DELETE;
          case "MERGE" -> StatementType.MERGE;
          default -> StatementType.DDL;
        };
    String table = null;
    Matcher create =
        Pattern.compile("(?is)^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TRANSIENT\\s+|TEMP(?:ORARY)?\\s+)?"
                + "TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + QNAME + ")\\s*\\(")
            .matcher(text);
    if (create.find() && Pattern.compile("(?i)\\bPRIMARY\\s+KEY\\b").matcher(code(text)).find()) {
      table = create.group(1).toLowerCase(Locale.ROOT);
    }
    return new Query(toDuckDb(text), type, table);
  }

  private static final String[][] FORMAT_ELEMENTS = {
    {"YYYY", "%Y"}, {"YY", "%y"}, {"MON", "%b"}, {"MM", "%m"}, {"DD", "%d"}, {"DY", "%a"},
    {"HH24", "%H"}, {"HH12", "%I"}, {"AM", "%p"}, {"PM", "%p"}, {"MI", "%M"}, {"SS", "%S"},
    {"TZH:TZM", "%z"}, {"TZHTZM", "%z"}, {"TZH", "%z"},
  };

  /**
   * A Snowflake date/time format ({@code YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM}) as a DuckDB {@code
   * strptime} format; an element the stand-in does not know is refused rather than guessed.
   */
  public static String strptimeFormat(String snowflake) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    outer:
    while (i < snowflake.length()) {
      char c = snowflake.charAt(i);
      if (c == '"') {
        int end = snowflake.indexOf('"', i + 1);
        require(end > i, snowflake);
        out.append(snowflake, i + 1, end);
        i = end + 1;
        continue;
      }
      String rest = snowflake.substring(i).toUpperCase(Locale.ROOT);
      if (rest.startsWith("FF")) {
        int digits = rest.length() > 2 && Character.isDigit(rest.charAt(2)) ? rest.charAt(2) - '0' : 9;
        out.append(digits <= 6 ? "%f" : "%n");
        i += rest.length() > 2 && Character.isDigit(rest.charAt(2)) ? 3 : 2;
        continue;
      }
      for (String[] e : FORMAT_ELEMENTS) {
        if (rest.startsWith(e[0])) {
          out.append(e[1]);
          i += e[0].length();
          continue outer;
        }
      }
      if (Character.isLetter(c)) {
        throw new IllegalArgumentException(
            "format element at '" + snowflake.substring(i) + "' is not emulated by the stand-in");
      }
      out.append(c == '%' ? "%%" : String.valueOf(c));
      i++;
    }
    return out.toString();
  }

  /** Statements in a text: semicolons outside literals and comments that end one. */
  public static int statementCount(String sql) {
    int count = 0;
    boolean pending = false;
    for (Segment s : segments(sql)) {
      if (s.kind == Kind.COMMENT) {
        continue;
      }
      if (s.kind != Kind.CODE) {
        pending = true;
        continue;
      }
      for (char c : s.text.toCharArray()) {
        if (c == ';') {
          if (pending) {
            count++;
          }
          pending = false;
        } else if (!Character.isWhitespace(c)) {
          pending = true;
        }
      }
    }
    return count + (pending ? 1 : 0);
  }

  /** The rewrite of a statement DuckDB runs; see the class comment for the rules. */
  public static String toDuckDb(String snowflake) {
    StringBuilder out = new StringBuilder();
    for (Segment s : segments(snowflake)) {
      switch (s.kind) {
        case CODE -> out.append(rewriteCode(s.text));
        case STRING -> out.append(duckdbLiteral(s.text));
        case COMMENT -> out.append(' ');
        default -> out.append(s.text);
      }
    }
    return stripPrimaryKeys(out.toString()).strip();
  }

  private static final Object[][] TYPE_RULES = {
    {Pattern.compile("(?i)\\bTIMESTAMP_(?:TZ|LTZ)\\b(\\s*\\(\\s*\\d+\\s*\\))?"), "TIMESTAMPTZ"},
    {Pattern.compile("(?i)\\bTIMESTAMP_NTZ\\b(\\s*\\(\\s*\\d+\\s*\\))?"), "TIMESTAMP"},
    {Pattern.compile("(?i)\\bNUMBER\\s*\\(\\s*(\\d+)\\s*\\)"), "DECIMAL($1,0)"},
    {Pattern.compile("(?i)\\bNUMBER\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)"), "DECIMAL($1,$2)"},
    {Pattern.compile("(?i)\\b(?:INTEGER|INT|BIGINT|SMALLINT|TINYINT|BYTEINT)\\b"), "DECIMAL(38,0)"},
    {Pattern.compile("(?i)\\b(?:FLOAT[48]?|DOUBLE\\s+PRECISION|REAL)\\b"), "DOUBLE"},
    {Pattern.compile("(?i)\\bVARIANT\\b"), "JSON"},
    {Pattern.compile("(?i)\\bPARSE_JSON\\s*\\("), "json("},
  };

  private static String rewriteCode(String code) {
    String s = code;
    for (Object[] rule : TYPE_RULES) {
      s = ((Pattern) rule[0]).matcher(s).replaceAll((String) rule[1]);
    }
    return s;
  }

  /** Snowflake declares primary keys and never enforces them; DuckDB would. */
  private static String stripPrimaryKeys(String sql) {
    return sql.replaceAll("(?is),\\s*PRIMARY\\s+KEY\\s*\\([^)]*\\)", "")
        .replaceAll("(?is)\\s+PRIMARY\\s+KEY\\b", "");
  }

  /** The text of a Snowflake string literal (quotes included) as a DuckDB literal. */
  static String duckdbLiteral(String snowflakeLiteral) {
    return "'" + unescape(snowflakeLiteral).replace("'", "''") + "'";
  }

  /** The value of a Snowflake single-quoted literal: {@code ''} and backslash escapes. */
  public static String unescape(String literal) {
    String body = literal.substring(1, literal.length() - 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char n = body.charAt(++i);
        b.append(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 'b' -> '\b';
              case 'f' -> '\f';
              case '0' -> '\0';
              default -> n;
            });
      } else if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
        b.append('\'');
        i++;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  enum Kind {
    CODE,
    STRING,
    QUOTED_IDENT,
    COMMENT
  }

  record Segment(Kind kind, String text) {}

  /** Splits SQL into code, string literals, quoted identifiers and comments. */
  static List<Segment> segments(String sql) {
    List<Segment> out = new ArrayList<>();
    StringBuilder code = new StringBuilder();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      Kind kind;
      if (c == '\'') {
        end = i + 1;
        while (end < n) {
          char e = sql.charAt(end);
          if (e == '\\') {
            end += 2;
          } else if (e == '\'') {
            if (end + 1 < n && sql.charAt(end + 1) == '\'') {
              end += 2;
            } else {
              break;
            }
          } else {
            end++;
          }
        }
        end = Math.min(end + 1, n);
        kind = Kind.STRING;
      } else if (c == '"') {
        end = sql.indexOf('"', i + 1);
        end = end < 0 ? n : end + 1;
        kind = Kind.QUOTED_IDENT;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        kind = Kind.COMMENT;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        kind = Kind.COMMENT;
      } else {
        code.append(c);
        i++;
        continue;
      }
      if (code.length() > 0) {
        out.add(new Segment(Kind.CODE, code.toString()));
        code.setLength(0);
      }
      out.add(new Segment(kind, sql.substring(i, end)));
      i = end;
    }
    if (code.length() > 0) {
      out.add(new Segment(Kind.CODE, code.toString()));
    }
    return out;
  }

  static String stripComments(String sql) {
    StringBuilder b = new StringBuilder();
    for (Segment s : segments(sql)) {
      b.append(s.kind == Kind.COMMENT ? " " : s.text);
    }
    return b.toString();
  }

  /** The statement with string literals blanked, for keyword searches. */
  private static String code(String sql) {
    StringBuilder b = new StringBuilder();
    for (Segment s : segments(sql)) {
      b.append(s.kind == Kind.CODE ? s.text : " ");
    }
    return b.toString();
  }

  private static Command put(String text, String defaultSchema) {
    Matcher m =
        Pattern.compile("(?is)^PUT\\s+('file://[^']*'|file://\\S+)\\s+('?@[^\\s']+'?)(.*)$")
            .matcher(text);
    require(m.matches(), text);
    String file = m.group(1);
    // As the driver reads it back (SNOW-15153): quoted paths keep everything up to the quote.
    String local =
        file.startsWith("'")
            ? file.substring("'file://".length(), file.length() - 1).replace("\\\\", "\\")
            : file.substring("file://".length());
    Map<String, Object> options = options(m.group(3));
    return new Put(
        local,
        stage(m.group(2), defaultSchema),
        !"FALSE".equals(options.getOrDefault("AUTO_COMPRESS", "TRUE")),
        "TRUE".equals(options.getOrDefault("OVERWRITE", "FALSE")));
  }

  private static Command copy(String text, String defaultSchema) {
    Matcher m =
        Pattern.compile(
                "(?is)^COPY\\s+INTO\\s+(" + QNAME + ")\\s*(?:\\(([^)]*)\\))?\\s*FROM\\s+"
                    + "(?:\\(\\s*SELECT\\s+(.*?)\\s+FROM\\s+('?@[^\\s')]+'?)\\s*\\)|('?@[^\\s']+'?))"
                    + "(.*)$")
            .matcher(text);
    require(m.matches(), text);
    List<String> columns = new ArrayList<>();
    if (m.group(2) != null) {
      for (String c : m.group(2).split(",")) {
        columns.add(c.strip().toLowerCase(Locale.ROOT));
      }
    }
    List<String> selects = new ArrayList<>();
    if (m.group(3) != null) {
      for (String e : splitTopLevel(m.group(3))) {
        selects.add(toDuckDb(e).replaceAll("\\$(\\d+)", "c$1"));
      }
    }
    StageRef stage = stage(m.group(4) != null ? m.group(4) : m.group(5), defaultSchema);
    Map<String, Object> options = options(m.group(6));
    List<String> files = new ArrayList<>();
    if (options.get("FILES") instanceof List<?> l) {
      l.forEach(f -> files.add(f.toString()));
    } else if (options.get("FILES") instanceof String f) {
      files.add(f);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> format =
        options.get("FILE_FORMAT") instanceof Map<?, ?> f ? (Map<String, Object>) f : Map.of();
    return new Copy(
        m.group(1).toLowerCase(Locale.ROOT),
        columns,
        selects,
        stage,
        files,
        (String) options.get("PATTERN"),
        format,
        "TRUE".equals(options.get("PURGE")),
        "TRUE".equals(options.get("FORCE")));
  }

  /** A stage reference such as {@code @staging.%pypi_packages/run-1/}. */
  static StageRef stage(String ref, String defaultSchema) {
    String r = ref.strip();
    if (r.startsWith("'")) {
      r = r.substring(1, r.length() - 1);
    }
    require(r.startsWith("@"), ref);
    r = r.substring(1);
    int slash = r.indexOf('/');
    String name = slash < 0 ? r : r.substring(0, slash);
    String path = slash < 0 ? "" : r.substring(slash + 1);
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (name.equals("~")) {
      return new StageRef("", "~", false, path);
    }
    String[] parts = name.toLowerCase(Locale.ROOT).split("\\.");
    String last = parts[parts.length - 1];
    String schema = parts.length >= 2 ? parts[parts.length - 2] : defaultSchema.toLowerCase(Locale.ROOT);
    boolean table = last.startsWith("%");
    return new StageRef(schema, table ? last.substring(1) : last, table, path);
  }

  private static String[] schemaAndName(String qname, String defaultSchema) {
    String[] parts = qname.toLowerCase(Locale.ROOT).split("\\.");
    return new String[] {
      parts.length >= 2 ? parts[parts.length - 2] : defaultSchema.toLowerCase(Locale.ROOT),
      parts[parts.length - 1]
    };
  }

  /** Splits on commas outside parentheses and literals. */
  static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int depth = 0;
    for (Segment seg : segments(s)) {
      if (seg.kind != Kind.CODE) {
        cur.append(seg.text);
        continue;
      }
      for (char c : seg.text.toCharArray()) {
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == ',' && depth == 0) {
          out.add(cur.toString().strip());
          cur.setLength(0);
          continue;
        }
        cur.append(c);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  private static String stringOption(String rest, String key) {
    Object v = options(rest).get(key);
    return v instanceof String s ? s : null;
  }

  /**
   * Copy and stage options: {@code KEY = value}, where a value is a literal (unescaped), a word
   * (upper-cased), a list {@code ('a', 'b')} or nested options {@code (TYPE = CSV ...)}.
   */
  public static Map<String, Object> options(String text) {
    int[] pos = {0};
    return optionMap(text == null ? "" : text, pos, false);
  }

  private static Map<String, Object> optionMap(String s, int[] pos, boolean nested) {
    Map<String, Object> out = new LinkedHashMap<>();
    while (true) {
      skip(s, pos);
      if (pos[0] >= s.length()) {
        return out;
      }
      if (s.charAt(pos[0]) == ')' && nested) {
        pos[0]++;
        return out;
      }
      Matcher key = IDENT.matcher(s).region(pos[0], s.length());
      require(key.lookingAt(), s.substring(pos[0]));
      pos[0] = key.end();
      skip(s, pos);
      require(pos[0] < s.length() && s.charAt(pos[0]) == '=', s);
      pos[0]++;
      skip(s, pos);
      out.put(key.group().toUpperCase(Locale.ROOT), value(s, pos));
    }
  }

  private static Object value(String s, int[] pos) {
    char c = s.charAt(pos[0]);
    if (c == '\'') {
      int start = pos[0];
      List<Segment> segs = segments(s.substring(start));
      String lit = segs.get(0).text;
      pos[0] = start + lit.length();
      return unescape(lit);
    }
    if (c == '(') {
      pos[0]++;
      skip(s, pos);
      if (pos[0] < s.length() && s.charAt(pos[0]) != '\'' && s.charAt(pos[0]) != ')') {
        int save = pos[0];
        Matcher word = IDENT.matcher(s).region(pos[0], s.length());
        if (word.lookingAt()) {
          int after = word.end();
          while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
            after++;
          }
          if (after < s.length() && s.charAt(after) == '=') {
            return optionMap(s, pos, true);
          }
        }
        pos[0] = save;
      }
      List<Object> list = new ArrayList<>();
      while (true) {
        skip(s, pos);
        require(pos[0] < s.length(), s);
        if (s.charAt(pos[0]) == ')') {
          pos[0]++;
          return list;
        }
        list.add(value(s, pos));
      }
    }
    Matcher word = Pattern.compile("[^\\s,()=]+").matcher(s).region(pos[0], s.length());
    require(word.lookingAt(), s.substring(pos[0]));
    pos[0] = word.end();
    return word.group().toUpperCase(Locale.ROOT);
  }

  private static void skip(String s, int[] pos) {
    while (pos[0] < s.length()
        && (Character.isWhitespace(s.charAt(pos[0])) || s.charAt(pos[0]) == ',')) {
      pos[0]++;
    }
  }

  private static void require(boolean ok, String text) {
    if (!ok) {
      throw new IllegalArgumentException("SQL compilation error:\nsyntax error near: " + text);
    }
  }
}
