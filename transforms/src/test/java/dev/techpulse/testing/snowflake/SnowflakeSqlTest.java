package dev.techpulse.testing.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.testing.snowflake.SnowflakeSql.Copy;
import dev.techpulse.testing.snowflake.SnowflakeSql.Put;
import dev.techpulse.testing.snowflake.SnowflakeSql.Query;
import dev.techpulse.testing.snowflake.SnowflakeSql.StageRef;
import dev.techpulse.testing.snowflake.SnowflakeSql.StatementType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of the stand-in's Snowflake-to-DuckDB rewrite, on its own. */
class SnowflakeSqlTest {

  @Test
  void types_becomeDuckDbTypes_outsideLiteralsAndQuotedNames() {
    assertEquals(
        "CREATE TABLE s.t (a TIMESTAMPTZ NOT NULL, b DECIMAL(19,0), c DECIMAL(10,2), d DOUBLE,"
            + " e JSON, f DECIMAL(38,0), g TIMESTAMP, number DECIMAL(19,0), h VARCHAR)",
        SnowflakeSql.toDuckDb(
            "CREATE TABLE s.t (a TIMESTAMP_TZ(6) NOT NULL, b NUMBER(19,0), c number(10, 2),"
                + " d FLOAT, e VARIANT, f INTEGER, g TIMESTAMP_NTZ, number NUMBER(19), h VARCHAR)"));
    assertEquals(
        "SELECT 'FLOAT VARIANT', \"INTEGER\"", SnowflakeSql.toDuckDb("SELECT 'FLOAT VARIANT', \"INTEGER\""));
  }

  @Test
  void primaryKeys_areDropped_andTheirTableRemembered() {
    Query q =
        (Query)
            SnowflakeSql.parse(
                "CREATE TABLE IF NOT EXISTS mart.t (\n  a VARCHAR NOT NULL,\n  PRIMARY KEY (a)\n)",
                "public");
    assertEquals("CREATE TABLE IF NOT EXISTS mart.t (\n  a VARCHAR NOT NULL\n)", q.duckdb());
    assertEquals("mart.t", q.primaryKeyTable());
    assertEquals(StatementType.DDL, q.type());
    assertNull(((Query) SnowflakeSql.parse("CREATE TABLE t (a INT)", "public")).primaryKeyTable());
    assertEquals(
        new SnowflakeSql.DropPrimaryKey("mart.pypi_downloads"),
        SnowflakeSql.parse("ALTER TABLE mart.pypi_downloads DROP PRIMARY KEY", "public"));
  }

  @Test
  void literals_loseSnowflakeBackslashEscapes_andParseJsonBecomesJson() {
    assertEquals("SELECT '\\N', 'it''s', json($3)", SnowflakeSql.toDuckDb("SELECT '\\\\N', 'it\\'s', PARSE_JSON($3)"));
    assertEquals("a\tb'c", SnowflakeSql.unescape("'a\\tb''c'"));
  }

  @Test
  void commentsAreDropped_andStatementsKeepTheirMeaning() {
    Query q =
        (Query)
            SnowflakeSql.parse(
                "-- a merge\nMERGE INTO mart.t AS m USING (SELECT a FROM staging.t WHERE run_id = ?"
                    + " QUALIFY row_number() OVER (PARTITION BY a ORDER BY loaded_at DESC) = 1) AS s"
                    + " ON m.a = s.a WHEN NOT MATCHED THEN INSERT (a) VALUES (s.a)",
                "public");
    assertEquals(StatementType.MERGE, q.type());
    assertTrue(q.duckdb().startsWith("MERGE INTO mart.t AS m USING (SELECT a"), q.duckdb());
    assertTrue(q.duckdb().contains("QUALIFY row_number()"));
    assertEquals(
        StatementType.DDL,
        ((Query)
                SnowflakeSql.parse(
                    "ALTER TABLE mart.pipeline_runs ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMP_TZ(6)",
                    "public"))
            .type());
  }

  @Test
  void put_readsTheLocalFileAsTheDriverDoes_andTheStage() {
    Put p =
        (Put)
            SnowflakeSql.parse(
                "PUT 'file:///tmp/techpulse-x.csv' @staging.%pypi_packages/run-1/ AUTO_COMPRESS = TRUE"
                    + " OVERWRITE = TRUE",
                "public");
    assertEquals("/tmp/techpulse-x.csv", p.localPath());
    assertEquals(new StageRef("staging", "pypi_packages", true, "run-1/"), p.stage());
    assertTrue(p.autoCompress());
    assertTrue(p.overwrite());
    Put named = (Put) SnowflakeSql.parse("PUT file:///tmp/a.csv @staging.techpulse_spool/r/t/", "public");
    assertEquals(new StageRef("staging", "techpulse_spool", false, "r/t/"), named.stage());
    assertFalse(named.overwrite());
    assertEquals("STAGING.TECHPULSE_SPOOL", named.stage().display());
  }

  @Test
  void copy_fromATableStageWithATransform() {
    Copy c =
        (Copy)
            SnowflakeSql.parse(
                "COPY INTO staging.github_repos (run_id, loaded_at, topics)\n"
                    + "  FROM (SELECT $1, $2, PARSE_JSON($3) FROM @staging.%github_repos/run-1/)\n"
                    + "  FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '\"'"
                    + " ESCAPE_UNENCLOSED_FIELD = NONE\n NULL_IF = ('\\\\N') EMPTY_FIELD_AS_NULL = FALSE)\n"
                    + "  PURGE = TRUE",
                "public");
    assertEquals("staging.github_repos", c.table());
    assertEquals(List.of("run_id", "loaded_at", "topics"), c.columns());
    assertEquals(List.of("c1", "c2", "json(c3)"), c.selects());
    assertEquals(new StageRef("staging", "github_repos", true, "run-1/"), c.stage());
    assertEquals(
        Map.of(
            "TYPE", "CSV",
            "FIELD_OPTIONALLY_ENCLOSED_BY", "\"",
            "ESCAPE_UNENCLOSED_FIELD", "NONE",
            "NULL_IF", List.of("\\N"),
            "EMPTY_FIELD_AS_NULL", "FALSE"),
        c.fileFormat());
    assertTrue(c.purge());
    assertEquals(List.of(), c.files());
  }

  @Test
  void copy_fromANamedStageWithFiles() {
    Copy c =
        (Copy)
            SnowflakeSql.parse(
                "COPY INTO staging.pypi_packages FROM @staging.techpulse_spool/run-1/pypi_packages/"
                    + " FILES = ('part-a.csv.gz', 'part-b.csv.gz') FILE_FORMAT = (TYPE = CSV)",
                "public");
    assertEquals(List.of(), c.columns());
    assertEquals(List.of(), c.selects());
    assertEquals(List.of("part-a.csv.gz", "part-b.csv.gz"), c.files());
    assertEquals(
        new StageRef("staging", "techpulse_spool", false, "run-1/pypi_packages/"), c.stage());
    assertFalse(c.purge());
  }

  @Test
  void csvReader_followsTheFileFormat() {
    String reader =
        Stages.csvReader(
            Map.of("FIELD_OPTIONALLY_ENCLOSED_BY", "\"", "NULL_IF", List.of("\\N"),
                "EMPTY_FIELD_AS_NULL", "FALSE"),
            2);
    assertEquals(
        "read_csv('{file}', header = false, auto_detect = false, delim = ',', quote = '\"',"
            + " escape = '\"', nullstr = ['\\N'], allow_quoted_nulls = false, skip = 0,"
            + " columns = {'c1': 'VARCHAR', 'c2': 'VARCHAR'})",
        reader);
    assertTrue(Stages.csvReader(Map.of(), 1).contains("nullstr = ['\\N', '']"));
  }

  @Test
  void stageCommands_andSessionStatements() {
    assertEquals(
        new SnowflakeSql.Remove(new StageRef("staging", "t", true, ""), null),
        SnowflakeSql.parse("REMOVE @staging.%t", "public"));
    assertEquals(
        new SnowflakeSql.Remove(new StageRef("staging", "techpulse_spool", false, "run-1/"), null),
        SnowflakeSql.parse("REMOVE @staging.techpulse_spool/run-1/", "public"));
    assertEquals(
        new SnowflakeSql.ListStage(new StageRef("public", "s", false, ""), ".*gz"),
        SnowflakeSql.parse("LIST @s PATTERN = '.*gz'", "PUBLIC"));
    assertEquals(
        new SnowflakeSql.CreateStage("staging", "techpulse_spool", true, false),
        SnowflakeSql.parse("CREATE STAGE IF NOT EXISTS staging.techpulse_spool", "public"));
    assertEquals(
        new SnowflakeSql.SetAutocommit(false),
        SnowflakeSql.parse(
            "alter session /* JDBC:SnowflakeConnectionV1.setAutoCommit*/ set autocommit=false",
            "public"));
    assertEquals(new SnowflakeSql.Transaction("COMMIT"), SnowflakeSql.parse("commit", "public"));
    assertInstanceOf(SnowflakeSql.Unsupported.class, SnowflakeSql.parse("GET @s file:///tmp", "p"));
    assertThrows(IllegalArgumentException.class, () -> SnowflakeSql.parse("COPY INTO", "public"));
  }

  @Test
  void statementCount_countsSemicolonsOutsideLiteralsAndComments() {
    assertEquals(1, SnowflakeSql.statementCount("-- note; here\nSELECT ';' ;"));
    assertEquals(2, SnowflakeSql.statementCount("SELECT 1; SELECT 2"));
    assertEquals(0, SnowflakeSql.statementCount(" ; -- nothing"));
  }

  @Test
  void dateTimeFormats_becomeStrptimeFormats_andUnknownElementsAreRefused() {
    assertEquals(
        "%Y-%m-%dT%H:%M:%S.%f%z", SnowflakeSql.strptimeFormat("YYYY-MM-DD\"T\"HH24:MI:SS.FF6TZH:TZM"));
    assertEquals("%Y-%m-%d %H:%M:%S.%n", SnowflakeSql.strptimeFormat("YYYY-MM-DD HH24:MI:SS.FF9"));
    assertThrows(IllegalArgumentException.class, () -> SnowflakeSql.strptimeFormat("YYYY-Q"));
    assertEquals(
        "strptime(c2, '%Y-%m-%dT%H:%M:%S.%f%z')",
        Stages.parsed(
            "c2",
            "TIMESTAMP WITH TIME ZONE",
            Map.of("TIMESTAMP_FORMAT", "YYYY-MM-DD\"T\"HH24:MI:SS.FF6TZH:TZM")));
    assertEquals("c2", Stages.parsed("c2", "TIMESTAMP WITH TIME ZONE", Map.of()));
    assertEquals("json(c3)", Stages.parsed("json(c3)", "JSON", Map.of("TIMESTAMP_FORMAT", "AUTO")));
  }
}
