package dev.techpulse.transforms.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.transforms.http.Json;
import dev.techpulse.transforms.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a report shows, read from the warehouse in one pass of the report queries: the
 * reported run, its technologies' scorecard and series, its rejects. Series are laid on fixed
 * axes ending at the run's end date, with {@code null} wherever the warehouse has no row, so a
 * chart shows a gap for missing data, never a zero.
 */
public final class ReportData {
  /** Days of the daily download charts and sparklines (the scorecard's 90-day window). */
  public static final int DAYS = 90;
  /** 7-day buckets of the download splits and the issue charts (91 days, covering 90d). */
  public static final int WEEKS = 13;
  /** Weeks of the commit chart (the scorecard's 52w window). */
  public static final int COMMIT_WEEKS = 52;
  /** Dimensions a technology's downloads can be split by, in the order the page offers them. */
  public static final List<String> SPLITS =
      List.of("python_minor", "system", "installer", "country", "version");

  /** The reported run: the succeeded run with the latest end date. */
  public record Run(
      String runId,
      Instant startedAt,
      Instant finishedAt,
      LocalDate startDate,
      LocalDate endDate,
      JsonNode options,
      long rowsWritten,
      long rejects,
      JsonNode notes) {}

  /** One reject row of the run. */
  public record Reject(String step, String recordKey, String error, Instant rejectedAt) {}

  private final Run run;
  private final List<Map<String, Object>> scorecard;
  private final ObjectNode json;
  private final List<Reject> rejects;
  private final Map<String, Long> rejectsByStep;
  private final Map<WarehouseTable, Long> appended;

  private ReportData(
      Run run,
      List<Map<String, Object>> scorecard,
      ObjectNode json,
      List<Reject> rejects,
      Map<String, Long> rejectsByStep,
      Map<WarehouseTable, Long> appended) {
    this.run = run;
    this.scorecard = scorecard;
    this.json = json;
    this.rejects = rejects;
    this.rejectsByStep = rejectsByStep;
    this.appended = appended;
  }

  /** Most reject rows a report lists (the count is always complete). */
  public static final int MAX_REJECT_ROWS = 200;

  /** Reads the report of the warehouse's latest run; a warehouse with none is an error. */
  public static ReportData read(Warehouse warehouse) throws ReportException, SQLException {
    try (Connection c = warehouse.connect()) {
      ReportQueries q = new ReportQueries(c, warehouse.config().dialect());
      Run run = latestRun(q);
      LocalDate asOf = run.endDate();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("run_id", run.runId());
      p.put("as_of", asOf);
      p.put("from_date", asOf.minusDays(DAYS - 1));
      p.put("mean_from", asOf.minusDays(DAYS - 1 + 6));
      p.put("split_from", asOf.minusDays(WEEKS * 7L - 1));
      p.put("weeks_from", asOf.minusDays(363));
      p.put("year_from", asOf.minusDays(364));

      // Read-only: a warehouse from before the history table is reported, not migrated.
      boolean history =
          longOf(q.rows("has_scorecard_history", p).get(0).get("tables")) > 0;
      List<Map<String, Object>> scorecard = history ? q.rows("scorecard", p) : latestScorecard(q, p);
      if (scorecard.isEmpty()) {
        throw new ReportException(
            "run " + run.runId() + " recorded no technologies (staging.technologies is empty)");
      }
      Map<String, ObjectNode> techs = new LinkedHashMap<>();
      ArrayNode techArray = Json.MAPPER.createArrayNode();
      for (Map<String, Object> row : scorecard) {
        ObjectNode t = techArray.addObject();
        String name = (String) row.get("technology");
        t.put("name", name);
        t.put("repo", (String) row.get("github_repo"));
        t.put("packages", (String) row.get("packages"));
        t.set("medianClose90", number(row.get("median_days_to_close_90d")));
        Object dl30 = row.get("downloads_last_30d");
        if (dl30 == null) {
          t.putNull("dl30");
        } else {
          t.put("dl30", longOf(dl30));
        }
        techs.put(name, t);
      }
      daily(q.rows("downloads_daily", p), techs, asOf);
      splits(q.rows("downloads_split", p), techs);
      commits(q.rows("commits_weekly", p), techs, scorecard, asOf);
      issues(q.rows("issues_weekly", p), techs, scorecard);
      stars(q.rows("stars_history", p), techs);
      releases(q.rows("releases", p), techs);

      List<Reject> rejects = new ArrayList<>();
      for (Map<String, Object> r : q.rows("rejects", p)) {
        if (rejects.size() == MAX_REJECT_ROWS) {
          break;
        }
        rejects.add(
            new Reject(
                (String) r.get("step"),
                (String) r.get("record_key"),
                (String) r.get("error"),
                (Instant) r.get("rejected_at")));
      }

      ObjectNode json = Json.MAPPER.createObjectNode();
      json.put("asOf", asOf.toString());
      json.put("runId", run.runId());
      json.put("firstDay", asOf.minusDays(DAYS - 1).toString());
      json.put("days", DAYS);
      ArrayNode weeks = json.putArray("weekEnds");
      for (int w = WEEKS - 1; w >= 0; w--) {
        weeks.add(asOf.minusDays(7L * w).toString());
      }
      ArrayNode commitWeeks = json.putArray("commitWeeks");
      for (LocalDate s : commitWeeks(asOf)) {
        commitWeeks.add(s.toString());
      }
      json.put("yearFrom", epochDay(asOf.minusDays(364)));
      json.put("asOfDay", epochDay(asOf));
      json.set("techs", techArray);
      return new ReportData(
          run,
          scorecard,
          json,
          rejects,
          warehouse.rejectsByStep(run.runId()),
          warehouse.appendedRowsOfExistingTables(run.runId()));
    }
  }

  private static Run latestRun(ReportQueries q) throws ReportException, SQLException {
    List<Map<String, Object>> rows;
    try {
      rows = q.rows("latest_run", Map.of());
    } catch (SQLException e) {
      throw new ReportException(
          "this warehouse has no techpulse runs (no mart.pipeline_runs): run techpulse first ("
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")",
          e);
    }
    if (rows.isEmpty()) {
      throw new ReportException(
          "this warehouse has no succeeded techpulse run to report: run techpulse first");
    }
    Map<String, Object> r = rows.get(0);
    return new Run(
        (String) r.get("run_id"),
        (Instant) r.get("started_at"),
        (Instant) r.get("finished_at"),
        (LocalDate) r.get("start_date"),
        (LocalDate) r.get("end_date"),
        parse((String) r.get("options")),
        longOf(r.get("rows_written")),
        longOf(r.get("rejects")),
        parse((String) r.get("notes")));
  }

  /** The latest scorecard of a warehouse at schema version 5, which has no history table. */
  private static List<Map<String, Object>> latestScorecard(ReportQueries q, Map<String, Object> p)
      throws ReportException {
    try {
      return q.rows("scorecard_before_history", p);
    } catch (SQLException e) {
      // Read-only, so not migrated here: before version 5 the health and risk columns are absent.
      throw new ReportException(
          "this warehouse's scorecard cannot be read (a schema older than version 5?): a run of"
              + " techpulse on it migrates it ("
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")",
          e);
    }
  }

  /** Sundays of the 52 weeks whose Sunday is in [asOf-363, asOf], oldest first. */
  static List<LocalDate> commitWeeks(LocalDate asOf) {
    LocalDate sunday = asOf.minusDays(asOf.getDayOfWeek().getValue() % 7);
    List<LocalDate> out = new ArrayList<>();
    for (int i = COMMIT_WEEKS - 1; i >= 0; i--) {
      out.add(sunday.minusWeeks(i));
    }
    return out;
  }

  private static void daily(
      List<Map<String, Object>> rows, Map<String, ObjectNode> techs, LocalDate asOf) {
    LocalDate first = asOf.minusDays(DAYS - 1);
    Map<String, Object[]> dl = new LinkedHashMap<>();
    Map<String, Object[]> mean = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      String t = (String) r.get("technology");
      int i = (int) ChronoUnit.DAYS.between(first, (LocalDate) r.get("day"));
      dl.computeIfAbsent(t, k -> new Object[DAYS])[i] = longOf(r.get("downloads"));
      mean.computeIfAbsent(t, k -> new Object[DAYS])[i] =
          Math.round(((Number) r.get("mean_7d")).doubleValue());
    }
    for (Map.Entry<String, ObjectNode> e : techs.entrySet()) {
      Object[] d = dl.get(e.getKey());
      e.getValue().set("dl", d == null ? null : array(d));
      e.getValue().set("mean", d == null ? null : array(mean.get(e.getKey())));
      int withData = 0;
      for (int i = DAYS - 30; d != null && i < DAYS; i++) {
        withData += d[i] == null ? 0 : 1;
      }
      e.getValue().put("daysWithData30", withData);
    }
  }

  private static void splits(List<Map<String, Object>> rows, Map<String, ObjectNode> techs) {
    // technology -> dimension -> value -> weekly sums (oldest first; column wK is K weeks back)
    Map<String, Map<String, Map<String, Object[]>>> all = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      Object[] weeks = new Object[WEEKS];
      for (int k = 0; k < WEEKS; k++) {
        Object v = r.get("w" + k);
        weeks[WEEKS - 1 - k] = v == null ? null : longOf(v);
      }
      all.computeIfAbsent((String) r.get("technology"), k -> new TreeMap<>())
          .computeIfAbsent((String) r.get("dimension"), k -> new TreeMap<>())
          .put((String) r.get("split_value"), weeks);
    }
    for (Map.Entry<String, ObjectNode> e : techs.entrySet()) {
      ObjectNode split = e.getValue().putObject("split");
      Map<String, Map<String, Object[]>> dims = all.getOrDefault(e.getKey(), Map.of());
      for (String dim : SPLITS) {
        Map<String, Object[]> values = dims.get(dim);
        if (values == null) {
          continue;
        }
        ObjectNode d = split.putObject(dim);
        ArrayNode labels = d.putArray("labels");
        ArrayNode data = d.putArray("data");
        values.entrySet().stream()
            .sorted(Comparator.comparing((Map.Entry<String, Object[]> v) -> v.getKey().equals("(other)"))
                .thenComparing(v -> -sum(v.getValue())))
            .forEach(
                v -> {
                  labels.add(v.getKey());
                  data.add(array(v.getValue()));
                });
      }
    }
  }

  private static void commits(
      List<Map<String, Object>> rows,
      Map<String, ObjectNode> techs,
      List<Map<String, Object>> scorecard,
      LocalDate asOf) {
    List<LocalDate> weeks = commitWeeks(asOf);
    Map<String, Object[]> byTech = new LinkedHashMap<>();
    for (Map<String, Object> sc : scorecard) {
      // A repository whose activity was fetched has 52 weeks (zeros included); without it, none.
      if (sc.get("commits_last_52w") != null) {
        byTech.put((String) sc.get("technology"), new Object[COMMIT_WEEKS]);
      }
    }
    for (Map<String, Object> r : rows) {
      int i = weeks.indexOf((LocalDate) r.get("week_start"));
      Object[] a = byTech.computeIfAbsent((String) r.get("technology"), k -> new Object[COMMIT_WEEKS]);
      if (i >= 0) {
        a[i] = longOf(r.get("commits"));
      }
    }
    techs.forEach((name, t) -> t.set("commits", byTech.containsKey(name) ? array(byTech.get(name)) : null));
  }

  private static void issues(
      List<Map<String, Object>> rows,
      Map<String, ObjectNode> techs,
      List<Map<String, Object>> scorecard) {
    Map<String, Object[][]> byTech = new LinkedHashMap<>();
    for (Map<String, Object> sc : scorecard) {
      // Issues fetched: weeks without an issue opened or closed are real zeros.
      if (sc.get("issues_opened_90d") != null) {
        Object[][] a = new Object[3][WEEKS];
        for (int i = 0; i < WEEKS; i++) {
          a[0][i] = 0L;
          a[1][i] = 0L;
        }
        byTech.put((String) sc.get("technology"), a);
      }
    }
    for (Map<String, Object> r : rows) {
      Object[][] a = byTech.computeIfAbsent((String) r.get("technology"), k -> new Object[3][WEEKS]);
      int i = WEEKS - 1 - ((Number) r.get("weeks_back")).intValue();
      a[0][i] = longOf(r.get("opened"));
      a[1][i] = longOf(r.get("closed"));
      Object median = r.get("median_days_to_close");
      a[2][i] = median == null ? null : Math.round(((Number) median).doubleValue() * 10) / 10.0;
    }
    techs.forEach(
        (name, t) -> {
          Object[][] a = byTech.get(name);
          if (a == null) {
            t.putNull("issues");
            return;
          }
          ObjectNode o = t.putObject("issues");
          o.set("opened", array(a[0]));
          o.set("closed", array(a[1]));
          o.set("median", array(a[2]));
        });
  }

  private static void stars(List<Map<String, Object>> rows, Map<String, ObjectNode> techs) {
    for (Map<String, Object> r : rows) {
      ObjectNode t = techs.get((String) r.get("technology"));
      ArrayNode a = t.has("stars") ? (ArrayNode) t.get("stars") : t.putArray("stars");
      a.addArray()
          .add(epochDay((LocalDate) r.get("day")))
          .add(longOf(r.get("stars")))
          .add(longOf(r.get("forks")));
    }
    techs.values().forEach(t -> { if (!t.has("stars")) { t.putArray("stars"); } });
  }

  private static void releases(List<Map<String, Object>> rows, Map<String, ObjectNode> techs) {
    techs.values().forEach(t -> t.putArray("releases"));
    for (Map<String, Object> r : rows) {
      ((ArrayNode) techs.get((String) r.get("technology")).get("releases"))
          .addArray()
          .add(epochDay((LocalDate) r.get("day")))
          .add((String) r.get("label"))
          .add("GitHub".equals(r.get("source")) ? 1 : 0)
          .add(Boolean.TRUE.equals(r.get("is_prerelease")) ? 1 : 0);
    }
  }

  private static long epochDay(LocalDate d) {
    return d.toEpochDay();
  }

  private static long sum(Object[] values) {
    long s = 0;
    for (Object v : values) {
      s += v == null ? 0 : (Long) v;
    }
    return s;
  }

  private static ArrayNode array(Object[] values) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (Object v : values) {
      if (v == null) {
        a.addNull();
      } else if (v instanceof Long l) {
        a.add(l);
      } else {
        a.add(((Number) v).doubleValue());
      }
    }
    return a;
  }

  private static JsonNode number(Object v) {
    return v == null
        ? Json.MAPPER.nullNode()
        : Json.MAPPER.getNodeFactory().numberNode(Math.round(((Number) v).doubleValue() * 10) / 10.0);
  }

  static long longOf(Object v) {
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      return Json.MAPPER.createObjectNode().put("text", text);
    }
  }

  public Run run() {
    return run;
  }

  /** The scorecard query's rows, one per technology, in name order. */
  public List<Map<String, Object>> scorecard() {
    return scorecard;
  }

  /** The page's data: axes and each technology's series. */
  public ObjectNode json() {
    return json;
  }

  public List<Reject> rejects() {
    return rejects;
  }

  public Map<String, Long> rejectsByStep() {
    return rejectsByStep;
  }

  /** Staging rows the run appended, per table. */
  public Map<WarehouseTable, Long> appended() {
    return appended;
  }
}
