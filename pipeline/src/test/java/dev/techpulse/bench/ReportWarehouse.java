package dev.techpulse.bench;

import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.schemas.DownloadsCovered;
import dev.techpulse.schemas.GithubCommitWeek;
import dev.techpulse.schemas.GithubContributorMonth;
import dev.techpulse.schemas.GithubIssue;
import dev.techpulse.schemas.GithubRelease;
import dev.techpulse.schemas.GithubRepo;
import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.PypiRelease;
import dev.techpulse.schemas.Reject;
import dev.techpulse.schemas.Scorecard;
import dev.techpulse.schemas.TechnologyRow;
import dev.techpulse.schemas.WarehouseRow;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.transforms.warehouse.Warehouse;
import java.sql.Connection;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;

/**
 * A warehouse as techpulse leaves it after a BigQuery backfill and a month of daily runs, for N
 * synthetic technologies, written through the project's own warehouse code (schema and
 * migrations, staging bulk load, merges, run rows): the report benchmark's input.
 *
 * <p>Per technology: 1 to 3 packages, each with 90 to 400 days of downloads (weekly rhythm, a
 * trend, noise, a few missing days) split by every dimension BigQuery fills (python_minor,
 * system, installer, country, version); 9 in 10 with a GitHub repository: 60 weeks of commits,
 * about 400 days of issues, releases, and a snapshot per run (stars and forks growing); PyPI
 * releases; a scorecard row per run (so the history has one row per day).
 */
final class ReportWarehouse {
  static final String[] PYTHON_MINOR = {"3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "2.7", "null"};
  static final String[] SYSTEM = {"Linux", "Darwin", "Windows", "null"};
  static final String[] INSTALLER = {"pip", "uv", "poetry", "pdm", "bandersnatch"};
  static final String[] COUNTRY =
      {"US", "CN", "DE", "IN", "GB", "FR", "JP", "BR", "CA", "KR", "NL", "RU"};
  static final String[] VERSIONS =
      {"1.9.0", "1.8.0", "1.7.0", "1.6.0", "1.5.0", "1.4.0", "1.3.0", "1.2.0", "1.1.0", "1.0.0"};
  static final double[] PYTHON_SHARE = {0.08, 0.14, 0.2, 0.24, 0.18, 0.06, 0.03, 0.07};
  static final double[] SYSTEM_SHARE = {0.84, 0.08, 0.05, 0.03};
  static final double[] INSTALLER_SHARE = {0.7, 0.15, 0.07, 0.03, 0.05};
  static final double[] COUNTRY_SHARE =
      {0.45, 0.12, 0.07, 0.06, 0.05, 0.04, 0.04, 0.03, 0.03, 0.02, 0.02, 0.07};

  private final int technologies;
  private final int dailyRuns;
  private final LocalDate end;
  private final Random random = new Random(20240331L);

  /** One synthetic technology. */
  private static final class Tech {
    String name;
    List<String> packages = new ArrayList<>();
    List<Integer> days = new ArrayList<>();
    List<double[]> versionShare = new ArrayList<>();
    String repo;
    double level;
    double trend;
    long stars;
    long forks;
    int issuesPerWeek;
    long[] totalByDay;
  }

  ReportWarehouse(int technologies, int dailyRuns, LocalDate end) {
    this.technologies = technologies;
    this.dailyRuns = dailyRuns;
    this.end = end;
  }

  /**
   * Rows of one run on their way to its staging tables: appended (the real spool and bulk load)
   * every few hundred thousand rows, so a backfill of millions never sits in memory at once.
   */
  static final class Rows {
    private final Warehouse w;
    private final Connection c;
    private final String runId;
    private final Map<WarehouseTable, List<WarehouseRow>> rows = new EnumMap<>(WarehouseTable.class);
    private int pending;
    long written;
    long rejects;

    Rows(Warehouse w, Connection c, String runId) {
      this.w = w;
      this.c = c;
      this.runId = runId;
    }

    void add(WarehouseTable table, WarehouseRow row) {
      rows.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
      pending++;
    }

    void flushIfFull() throws Exception {
      if (pending >= 500_000) {
        flush();
      }
    }

    void flush() throws Exception {
      for (Map.Entry<WarehouseTable, List<WarehouseRow>> e : rows.entrySet()) {
        long n = w.append(c, e.getKey(), runId, Instant.now(), e.getValue());
        if (e.getKey() == WarehouseTable.REJECTS) {
          rejects += n;
        } else {
          written += n;
        }
      }
      rows.clear();
      pending = 0;
    }
  }

  /** Writes the backfill run and the daily runs; returns the staging rows written. */
  long write(Warehouse w) throws Exception {
    List<Tech> techs = new ArrayList<>();
    for (int i = 0; i < technologies; i++) {
      techs.add(tech(i));
    }
    w.ensureSchema();
    LocalDate backfillEnd = end.minusDays(dailyRuns);
    long total = 0;
    // The backfill: everything up to backfillEnd.
    String runId = "bench-backfill";
    w.startRun(runId, end.minusDays(399), backfillEnd, options("bigquery"));
    try (Connection c = w.connect()) {
      Rows run = new Rows(w, c, runId);
      for (Tech t : techs) {
        catalog(run, t);
        for (int p = 0; p < t.packages.size(); p++) {
          LocalDate from = end.minusDays(t.days.get(p) - 1);
          if (!from.isAfter(backfillEnd)) {
            downloads(run, t, p, from, backfillEnd);
          }
          pypi(run, t, p, backfillEnd);
        }
        if (t.repo != null) {
          github(run, t, backfillEnd);
        }
        run.add(WarehouseTable.TECHNOLOGY_SCORECARD, scorecard(t, backfillEnd));
        run.add(WarehouseTable.TECHNOLOGY_SCORECARD_HISTORY, scorecard(t, backfillEnd));
        run.flushIfFull();
      }
      run.flush();
      total += finish(w, run);
    }
    // Daily runs: that day's downloads, a repository snapshot, the scorecard.
    for (int r = dailyRuns - 1; r >= 0; r--) {
      LocalDate day = end.minusDays(r);
      runId = "bench-daily-" + day;
      w.startRun(runId, day, day, options("bigquery"));
      try (Connection c = w.connect()) {
        Rows run = new Rows(w, c, runId);
        for (Tech t : techs) {
          catalog(run, t);
          for (int p = 0; p < t.packages.size(); p++) {
            if (!end.minusDays(t.days.get(p) - 1).isAfter(day)) {
              downloads(run, t, p, day, day);
            }
          }
          if (t.repo != null) {
            run.add(WarehouseTable.GITHUB_REPOS, snapshot(t, day));
          }
          run.add(WarehouseTable.TECHNOLOGY_SCORECARD, scorecard(t, day));
          run.add(WarehouseTable.TECHNOLOGY_SCORECARD_HISTORY, scorecard(t, day));
        }
        if (r == 0) {
          for (int k = 0; k < 12; k++) {
            run.add(
                WarehouseTable.REJECTS,
                Reject.create(
                    "FetchPypistatsDownloads", "bench-gone-" + k,
                    "pypistats.org answered 404 for package bench-gone-" + k, null,
                    day.atStartOfDay().toInstant(ZoneOffset.UTC)));
          }
        }
        run.flush();
        total += finish(w, run);
      }
    }
    return total;
  }

  private static long finish(Warehouse w, Rows run) throws Exception {
    w.mergeRun(run.runId);
    w.finishRun(run.runId, "succeeded", run.written, run.rejects, null);
    return run.written + run.rejects;
  }

  private Tech tech(int i) {
    Tech t = new Tech();
    t.name = String.format(Locale.ROOT, "Technology %04d", i);
    int packages = random.nextInt(10) < 7 ? 1 : random.nextInt(10) < 7 ? 2 : 3;
    for (int p = 0; p < packages; p++) {
      t.packages.add(String.format(Locale.ROOT, "bench-pkg-%04d%s", i, p == 0 ? "" : "-ext" + p));
      t.days.add(90 + random.nextInt(311));
      double[] versions = new double[10];
      double left = 1;
      for (int v = 0; v < versions.length; v++) {
        versions[v] = left * (0.25 + random.nextDouble() * 0.3);
        left -= versions[v];
      }
      t.versionShare.add(versions);
    }
    t.repo = random.nextInt(10) == 0 ? null : "bench-org/bench-" + i;
    t.level = Math.pow(10, 1 + random.nextDouble() * 6);
    t.trend = (random.nextDouble() - 0.4) * 0.006;
    t.stars = (long) Math.pow(10, 1 + random.nextDouble() * 4.5);
    t.forks = t.stars / (5 + random.nextInt(10));
    t.issuesPerWeek = random.nextInt(12);
    t.totalByDay = new long[400];
    return t;
  }

  private void catalog(Rows run, Tech t) {
    run.add(WarehouseTable.TECHNOLOGIES, TechnologyRow.create(t.name, String.join(",", t.packages), t.repo));
  }

  /** The package's downloads of [from, to], every dimension. */
  private void downloads(Rows run, Tech t, int p, LocalDate from, LocalDate to) {
    String pkg = t.packages.get(p);
    double share = p == 0 ? 1 : 0.1;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (random.nextInt(200) == 0) {
        continue; // a day the source did not report
      }
      int age = (int) ChronoUnit.DAYS.between(d, end);
      boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      double mean = t.level * share * Math.exp(-t.trend * age) * (weekend ? 0.6 : 1.0);
      long total = Math.max(0, Math.round(mean * (0.85 + random.nextDouble() * 0.3)));
      t.totalByDay[age] += total;
      run.add(WarehouseTable.PYPI_DOWNLOADS, DownloadCount.create(pkg, d, "total", "", total, "bigquery"));
      split(run, pkg, d, "python_minor", PYTHON_MINOR, PYTHON_SHARE, total);
      split(run, pkg, d, "system", SYSTEM, SYSTEM_SHARE, total);
      split(run, pkg, d, "installer", INSTALLER, INSTALLER_SHARE, total);
      split(run, pkg, d, "country", COUNTRY, COUNTRY_SHARE, total);
      split(run, pkg, d, "version", VERSIONS, t.versionShare.get(p), total);
    }
    for (String dim : List.of("total", "python_minor", "system", "installer", "country", "version")) {
      run.add(WarehouseTable.PYPI_DOWNLOADS_COVERED, DownloadsCovered.create(pkg, "bigquery", dim, from, to));
    }
  }

  private static void split(
      Rows run, String pkg, LocalDate d, String dim, String[] values, double[] share, long total) {
    for (int v = 0; v < values.length; v++) {
      long count = Math.round(total * share[v]);
      if (count > 0) {
        run.add(WarehouseTable.PYPI_DOWNLOADS, DownloadCount.create(pkg, d, dim, values[v], count, "bigquery"));
      }
    }
  }

  private void pypi(Rows run, Tech t, int p, LocalDate asOf) {
    String pkg = t.packages.get(p);
    Instant pulled = asOf.atStartOfDay().toInstant(ZoneOffset.UTC);
    run.add(WarehouseTable.PYPI_PACKAGES,
        PypiPackage.create(pkg, "1.9.0", "A synthetic package for the report benchmark", "MIT",
            ">=3.8", null, t.repo, pulled));
    int releases = 5 + random.nextInt(25);
    for (int r = 0; r < releases; r++) {
      Instant at = asOf.minusDays(random.nextInt(700)).atStartOfDay().toInstant(ZoneOffset.UTC)
          .plusSeconds(random.nextInt(86400));
      run.add(WarehouseTable.PYPI_RELEASES,
          PypiRelease.create(pkg, "1." + r + "." + random.nextInt(5), at, random.nextInt(8) == 0,
              false, 3, 2, 200_000L + random.nextInt(100_000)));
    }
  }

  private void github(Rows run, Tech t, LocalDate asOf) {
    LocalDate sunday = asOf.minusDays(asOf.getDayOfWeek().getValue() % 7);
    int commitsMean = random.nextInt(60);
    for (int w = 0; w < 60; w++) {
      run.add(WarehouseTable.GITHUB_COMMITS_WEEKLY,
          GithubCommitWeek.create(t.repo, sunday.minusWeeks(w),
              (long) Math.max(0, commitsMean + random.nextInt(21) - 10)));
    }
    long number = 1;
    Instant now = asOf.atStartOfDay().toInstant(ZoneOffset.UTC);
    for (int day = 400; day > 0; day--) {
      if (t.issuesPerWeek == 0 || random.nextInt(7) >= t.issuesPerWeek) {
        continue;
      }
      Instant created = now.minus(day, ChronoUnit.DAYS).plusSeconds(random.nextInt(86400));
      Instant closed = random.nextInt(4) == 0 ? null
          : created.plusSeconds((long) (86400 * Math.pow(10, random.nextDouble() * 2.5)));
      if (closed != null && closed.isAfter(now)) {
        closed = null;
      }
      boolean pr = random.nextInt(3) == 0;
      run.add(WarehouseTable.GITHUB_ISSUES,
          GithubIssue.create(t.repo, number++, pr, closed == null ? "open" : "closed",
              "someone", created, closed, (long) random.nextInt(20), closed == null ? created : closed,
              pr && closed != null && random.nextInt(4) > 0 ? closed : null));
    }
    for (int m = 0; m < 13; m++) {
      run.add(WarehouseTable.GITHUB_CONTRIBUTORS_MONTHLY,
          GithubContributorMonth.create(t.repo, asOf.withDayOfMonth(1).minusMonths(m),
              (long) random.nextInt(5), (long) random.nextInt(30)));
    }
    int releases = random.nextInt(15);
    for (int r = 0; r < releases; r++) {
      run.add(WarehouseTable.GITHUB_RELEASES,
          GithubRelease.create(t.repo, "v1." + r + ".0", "Release 1." + r,
              now.minus(random.nextInt(500), ChronoUnit.DAYS), random.nextInt(10) == 0));
    }
    run.add(WarehouseTable.GITHUB_REPOS, snapshot(t, asOf));
  }

  private GithubRepo snapshot(Tech t, LocalDate day) {
    t.stars += random.nextInt((int) Math.max(2, t.stars / 500 + 2));
    t.forks += random.nextInt((int) Math.max(2, t.forks / 800 + 2));
    Instant at = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(6 * 3600);
    return GithubRepo.create(t.repo, at, "A synthetic repository", t.stars, t.forks, t.stars / 20,
        (long) random.nextInt(200), "Python", "MIT", "python,benchmark", "main", false,
        Instant.parse("2015-01-01T00:00:00Z"), at.minusSeconds(random.nextInt(86400 * 10)));
  }

  private Scorecard scorecard(Tech t, LocalDate asOf) {
    int back = (int) ChronoUnit.DAYS.between(asOf, end);
    long last7 = sum(t.totalByDay, back, back + 7);
    long last30 = sum(t.totalByDay, back, back + 30);
    long prev30 = sum(t.totalByDay, back + 30, back + 60);
    boolean any = last30 > 0 || prev30 > 0;
    Instant released = asOf.minusDays(random.nextInt(90)).atStartOfDay().toInstant(ZoneOffset.UTC);
    boolean repo = t.repo != null;
    return Scorecard.create(t.name, asOf, "1.9.0", released, (long) random.nextInt(20),
        any ? last7 : null, any ? last30 : null, any ? prev30 : null,
        prev30 > 0 ? (double) (last30 - prev30) / prev30 : null,
        repo ? t.stars : null, repo ? t.forks : null, repo ? t.stars / 20 : null,
        repo ? (long) random.nextInt(200) : null,
        repo ? (long) random.nextInt(200) : null, repo ? (long) random.nextInt(2500) : null,
        repo ? (long) (t.issuesPerWeek * 13) : null, repo ? (long) (t.issuesPerWeek * 10) : null,
        repo && t.issuesPerWeek > 0 ? 1 + random.nextDouble() * 40 : null,
        repo ? (long) random.nextInt(10) : null,
        repo ? asOf.atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(random.nextInt(864000)) : null,
        (long) random.nextInt(3),
        repo ? (long) (t.issuesPerWeek * 4) : null, repo ? (long) (t.issuesPerWeek * 3) : null,
        repo && t.issuesPerWeek > 0 ? 0.5 + random.nextDouble() : null,
        repo && t.issuesPerWeek > 0 ? random.nextDouble() * 20 : null,
        repo ? (long) random.nextInt(40) : null, repo ? (long) (1 + random.nextInt(5)) : null,
        (long) random.nextInt(90), repo ? "active" : null);
  }

  private static long sum(long[] a, int from, int to) {
    long s = 0;
    for (int i = from; i < Math.min(to, a.length); i++) {
      s += a[i];
    }
    return s;
  }

  private static String options(String source) {
    return "{\"downloadsSource\":\"" + source + "\",\"githubActivity\":\"auto\"}";
  }
}
