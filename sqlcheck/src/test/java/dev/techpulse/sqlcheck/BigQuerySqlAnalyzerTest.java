package dev.techpulse.sqlcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.SqlException;
import com.google.zetasql.StructType.StructField;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLOptions.ParameterMode;
import com.google.zetasql.ZetaSQLOptions.ProductMode;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedOutputColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedQueryStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import dev.techpulse.transforms.bigquery.DownloadsQuery;
import dev.techpulse.transforms.bigquery.DownloadsQuery.Column;
import dev.techpulse.transforms.bigquery.DownloadsQuery.DayRange;
import dev.techpulse.transforms.bigquery.DownloadsQuery.RunQueries;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BigQuery SQL, exactly as a run sends it, analyzed by GoogleSQL's own analyzer (ZetaSQL, the
 * front end BigQuery runs) against the real nested schema of the public downloads table: a wrong
 * column, path, function or type fails here instead of on the first paid run.
 */
class BigQuerySqlAnalyzerTest {
  static final String TABLE = "bigquery-public-data.pypi.file_downloads";
  static final List<String> PACKAGES =
      List.of("pandas", "dbt-core", "zope.interface", "apache-airflow-providers-google");

  static LanguageOptions language;
  static SimpleCatalog catalog;

  @BeforeAll
  static void bigQueryCatalog() {
    language = new LanguageOptions();
    language.enableMaximumLanguageFeatures();
    language.setProductMode(ProductMode.PRODUCT_EXTERNAL);
    catalog = new SimpleCatalog("bigquery");
    catalog.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language));
    // BigQuery reads a backquoted `project.dataset.table` as one path, so both spellings resolve.
    catalog.addSimpleTable(TABLE, fileDownloads(TABLE));
    catalog
        .addNewSimpleCatalog("bigquery-public-data")
        .addNewSimpleCatalog("pypi")
        .addSimpleTable("file_downloads", fileDownloads("file_downloads"));
  }

  /**
   * {@code bigquery-public-data.pypi.file_downloads} as published: linehaul's {@code schema.json}
   * plus what the table gained since (top-level {@code project}, {@code installer.subcommand},
   * {@code setuptools_version}, {@code rustc_version}, {@code ci}).
   */
  static SimpleTable fileDownloads(String name) {
    Type string = TypeFactory.createSimpleType(TypeKind.TYPE_STRING);
    List<SimpleColumn> columns = new ArrayList<>();
    columns.add(
        new SimpleColumn(name, "timestamp", TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP)));
    columns.add(new SimpleColumn(name, "country_code", string));
    columns.add(new SimpleColumn(name, "url", string));
    columns.add(new SimpleColumn(name, "project", string));
    columns.add(
        new SimpleColumn(
            name,
            "file",
            struct(
                field("filename", string),
                field("project", string),
                field("version", string),
                field("type", string))));
    Type nameVersion = struct(field("name", string), field("version", string));
    columns.add(
        new SimpleColumn(
            name,
            "details",
            struct(
                field(
                    "installer",
                    struct(
                        field("name", string),
                        field("version", string),
                        field("subcommand", string))),
                field("python", string),
                field("implementation", nameVersion),
                field(
                    "distro",
                    struct(
                        field("name", string),
                        field("version", string),
                        field("id", string),
                        field("libc", struct(field("lib", string), field("version", string))))),
                field("system", struct(field("name", string), field("release", string))),
                field("cpu", string),
                field("openssl_version", string),
                field("setuptools_version", string),
                field("rustc_version", string),
                field("ci", TypeFactory.createSimpleType(TypeKind.TYPE_BOOL)))));
    columns.add(new SimpleColumn(name, "tls_protocol", string));
    columns.add(new SimpleColumn(name, "tls_cipher", string));
    return new SimpleTable(name, columns);
  }

  static StructField field(String name, Type type) {
    return new StructField(name, type);
  }

  static Type struct(StructField... fields) {
    return TypeFactory.createStructType(List.of(fields));
  }

  /** Named parameters only, and none declared: a stray {@code @param} in the SQL fails too. */
  static List<Column> analyze(String sql) {
    AnalyzerOptions options = new AnalyzerOptions();
    options.setLanguageOptions(language);
    options.setParameterMode(ParameterMode.PARAMETER_NAMED);
    ResolvedStatement statement = Analyzer.analyzeStatement(sql, options, catalog);
    List<Column> out = new ArrayList<>();
    for (ResolvedOutputColumn c : ((ResolvedQueryStmt) statement).getOutputColumnList()) {
      out.add(
          new Column(c.getName(), c.getColumn().getType().typeName(ProductMode.PRODUCT_EXTERNAL)));
    }
    return out;
  }

  /** Realistic runs: a default 30-day load, one day, a leap-day chunking, a 180-day backfill. */
  static Stream<Arguments> runs() {
    return Stream.of(
        Arguments.of(List.of("pandas"), "2024-01-02", "2024-01-31", 31),
        Arguments.of(PACKAGES, "2024-03-01", "2024-03-01", 31),
        Arguments.of(PACKAGES, "2024-02-10", "2024-03-20", 7),
        Arguments.of(PACKAGES, "2023-08-01", "2024-01-27", 31));
  }

  @ParameterizedTest
  @MethodSource("runs")
  void everyQueryOfARun_analyzes_andReturnsTheColumnsTheReaderReads(
      List<String> packages, String start, String end, int chunkDays) {
    RunQueries queries =
        DownloadsQuery.forRun(packages, LocalDate.parse(start), LocalDate.parse(end), chunkDays);

    assertFalse(queries.range().isEmpty());
    for (String sql : queries.range()) {
      assertEquals(DownloadsQuery.OUTPUT, analyze(sql), sql);
    }
    if (queries.totals() != null) {
      assertEquals(DownloadsQuery.OUTPUT, analyze(queries.totals()), queries.totals());
    }
  }

  @Test
  void shortRange_sendsTotalsQuery_whichAnalyzes() {
    RunQueries queries =
        DownloadsQuery.forRun(
            PACKAGES, LocalDate.parse("2024-01-25"), LocalDate.parse("2024-01-31"), 31);

    assertNotNull(queries.totals(), "a 7-day range needs the scorecard's totals query");
    assertEquals(DownloadsQuery.OUTPUT, analyze(queries.totals()));
  }

  @Test
  void rangeCoveringTheScorecard_sendsNoTotalsQuery() {
    RunQueries queries =
        DownloadsQuery.forRun(
            PACKAGES, LocalDate.parse("2023-12-01"), LocalDate.parse("2024-01-31"), 31);

    assertNull(queries.totals());
    assertEquals(
        List.of(DownloadsQuery.OUTPUT, DownloadsQuery.OUTPUT),
        queries.range().stream().map(BigQuerySqlAnalyzerTest::analyze).toList());
  }

  @Test
  void unknownNestedColumn_isRejected() {
    String sql = dimensionsQuery().replace("details.system.name", "details.system.kernel");

    SqlException e = assertThrows(SqlException.class, () -> analyze(sql));
    assertTrue(e.getMessage().contains("kernel"), e.getMessage());
  }

  @Test
  void filteringAStringColumnWithNumbers_isRejected() {
    String sql = totalsQuery().replace("project IN ('pandas'", "project IN (1");

    assertThrows(SqlException.class, () -> analyze(sql));
  }

  @Test
  void unqualifiedTable_isRejected() {
    String sql = totalsQuery().replace(TABLE, "pypi.file_downloads");

    SqlException e = assertThrows(SqlException.class, () -> analyze(sql));
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
  }

  @Test
  void timestampInsteadOfDate_changesTheOutputType() {
    String sql =
        totalsQuery().replace("DATE(timestamp) AS download_date", "timestamp AS download_date");

    assertEquals(new Column("download_date", "TIMESTAMP"), analyze(sql).get(1));
  }

  static String dimensionsQuery() {
    return DownloadsQuery.dimensions(
        PACKAGES, new DayRange(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-31")));
  }

  static String totalsQuery() {
    return DownloadsQuery.totals(
        List.of("pandas", "dbt-core"),
        new DayRange(LocalDate.parse("2023-12-03"), LocalDate.parse("2024-01-31")));
  }
}
