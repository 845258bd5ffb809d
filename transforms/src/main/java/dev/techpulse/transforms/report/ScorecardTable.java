package dev.techpulse.transforms.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scorecard table's cells, formatted for people, with a sort key per cell (empty for missing
 * data, which sorts last) and a "no data" mark wherever the warehouse holds NULL.
 */
final class ScorecardTable {
  private ScorecardTable() {}

  /** A column: heading, scorecard column it shows, how it is formatted, its tooltip. */
  record Column(String label, String key, String format, String title) {
    public String type() {
      return format.equals("text") || format.equals("version") ? "text" : "num";
    }
  }

  /**
   * Maintenance states from healthy to not maintained: the sort key of the state column, so an
   * ascending sort lists the active ones first (a state this list does not know sorts after).
   */
  static final List<String> STATES = List.of("active", "quiet", "dormant", "archived");

  static final List<Column> COLUMNS =
      List.of(
          new Column("Technology", "technology", "text", "catalog name"),
          new Column("Maintenance", "maintenance_state", "state",
              "archived: the repository is archived; active: commits in the last 4 weeks or a"
                  + " PyPI release (not yanked; pre-releases count) in 30 days; dormant: no commit"
                  + " in 52 weeks and no release in 365 days; quiet: otherwise; no data: no"
                  + " repository snapshot, or commit counts unknown"),
          new Column("Downloads 30 d", "downloads_last_30d", "count",
              "total downloads of its packages in the last 30 days"),
          new Column("Growth 30 d", "downloads_growth_30d", "growth",
              "last 30 days against the 30 before; no data when those had no downloads"),
          new Column("Daily downloads, 90 d", "downloads_last_30d", "spark",
              "daily downloads of the last 90 days; gaps are days without data"),
          new Column("Days with data, 30 d", "days_with_data_30", "coverage",
              "days of the last 30 with a download count"),
          new Column("Downloads 7 d", "downloads_last_7d", "count", "last 7 days"),
          new Column("Open vulnerabilities", "vulnerabilities_latest", "risk",
              "PyPI's (OSV) advisories for the first package's latest version, withdrawn ones"
                  + " excluded"),
          new Column("Bus factor 90 d", "contributor_absence_factor_90d", "count",
              "CHAOSS contributor absence factor: fewest authors with at least half of the"
                  + " commits of the last 90 days (top 100 contributors)"),
          new Column("Active contributors 90 d", "active_contributors_90d", "count",
              "authors with commits in the last 90 days (top 100 contributors)"),
          new Column("PRs merged 90 d", "prs_merged_90d", "count",
              "pull requests merged in the last 90 days"),
          new Column("PR closure 90 d", "pr_closure_ratio_90d", "ratio",
              "CHAOSS change request closure ratio: PRs closed (merged or not) in the last 90"
                  + " days per PR opened then; can exceed 100 %"),
          new Column("Median days to merge", "median_days_to_merge_90d", "days",
              "PRs merged in the last 90 days, from opened to merged"),
          new Column("Days since release", "days_since_last_release", "age",
              "days from the latest PyPI release of its packages (neither yanked nor a"
                  + " pre-release) to the as-of date"),
          new Column("Stars", "stars", "count", "GitHub stars at the run's snapshot"),
          new Column("Forks", "forks", "count", "GitHub forks at the run's snapshot"),
          new Column("Commits 4 w", "commits_last_4w", "count", "commits in the last 4 weeks"),
          new Column("Commits 52 w", "commits_last_52w", "count", "commits in the last 52 weeks"),
          new Column("Issues opened 90 d", "issues_opened_90d", "count", "issues, not PRs"),
          new Column("Issues closed 90 d", "issues_closed_90d", "count", "issues, not PRs"),
          new Column("Median days to close", "median_days_to_close_90d", "days",
              "issues closed in the last 90 days"),
          new Column("Latest version", "latest_version", "version", "of the first package"),
          new Column("Releases 365 d", "releases_last_365d", "count",
              "PyPI releases of all its packages, pre-releases and yanked included"),
          new Column("Last push", "last_push_at", "date", "last push to the repository (UTC)"));

  static List<Map<String, Object>> rows(List<Map<String, Object>> scorecard, ObjectNode json) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < scorecard.size(); i++) {
      Map<String, Object> sc = scorecard.get(i);
      JsonNode tech = json.get("techs").get(i);
      List<Map<String, Object>> cells = new ArrayList<>();
      for (Column c : COLUMNS) {
        cells.add(cell(c, sc, tech, i));
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("index", i);
      row.put("name", sc.get("technology"));
      row.put("cells", cells);
      rows.add(row);
    }
    return rows;
  }

  private static Map<String, Object> cell(
      Column c, Map<String, Object> sc, JsonNode tech, int index) {
    Map<String, Object> cell = new LinkedHashMap<>();
    cell.put("cls", c.format().equals("state") ? "state" : c.type().equals("num") ? "num" : "");
    // The heading carries the column's tooltip; a cell has its own only when it says more.
    Object v = sc.get(c.key());
    switch (c.format()) {
      case "spark" -> {
        cell.put("sort", v == null ? "" : v.toString());
        if (tech.get("dl").isNull()) {
          cell.put("na", true);
        } else {
          cell.put("spark", true);
          cell.put("index", index);
        }
        return cell;
      }
      case "coverage" -> {
        if (tech.get("dl").isNull()) {
          cell.put("sort", "");
          cell.put("na", true);
          return cell;
        }
        int with = tech.get("daysWithData30").asInt();
        cell.put("sort", Integer.toString(with));
        cell.put("text", with + " / 30");
        if (with < 30) {
          cell.put("warn", (30 - with) + " missing");
        }
        return cell;
      }
      default -> {}
    }
    if (v == null) {
      cell.put("sort", "");
      cell.put("na", true);
      return cell;
    }
    switch (c.format()) {
      case "state" -> {
        String state = v.toString();
        int rank = STATES.indexOf(state);
        cell.put("sort", Integer.toString(rank < 0 ? STATES.size() : rank));
        cell.put("badge", state);
      }
      case "risk" -> {
        long n = ((Number) v).longValue();
        cell.put("sort", Long.toString(n));
        cell.put("text", Human.count(n));
        cell.put("cls", n > 0 ? "num risk" : "num");
      }
      case "ratio" -> {
        double r = ((Number) v).doubleValue();
        cell.put("sort", Double.toString(r));
        cell.put("text", Human.share(r));
        Object opened = sc.get("prs_opened_90d");
        if (opened != null) {
          cell.put("tip", "of " + opened + " opened in 90 days");
        }
      }
      case "age" -> {
        long d = ((Number) v).longValue();
        cell.put("sort", Long.toString(d));
        cell.put("text", d + " d");
      }
      case "count" -> {
        cell.put("sort", v.toString());
        cell.put("text", Human.count(((Number) v).longValue()));
      }
      case "growth" -> {
        double g = ((Number) v).doubleValue();
        cell.put("sort", Double.toString(g));
        cell.put("text", Human.percent(g));
        cell.put("cls", g > 0 ? "num up" : g < 0 ? "num down" : "num");
      }
      case "days" -> {
        double d = ((Number) v).doubleValue();
        cell.put("sort", Double.toString(d));
        cell.put("text", Human.days(d));
      }
      case "date" -> {
        Instant t = (Instant) v;
        cell.put("sort", Long.toString(t.getEpochSecond()));
        cell.put("text", t.atZone(ZoneOffset.UTC).toLocalDate().toString());
      }
      case "version" -> {
        cell.put("sort", v.toString());
        cell.put("text", v.toString());
        Object at = sc.get("latest_release_at");
        if (at != null) {
          cell.put("tip", "released " + ((Instant) at).atZone(ZoneOffset.UTC).toLocalDate());
        }
      }
      default -> {
        cell.put("sort", v.toString());
        cell.put("text", v.toString());
      }
    }
    return cell;
  }
}
