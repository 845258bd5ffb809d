package dev.techpulse.transforms.scorecard;

import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.schemas.DownloadsCovered;
import dev.techpulse.schemas.WarehouseRowCoder;
import dev.techpulse.schemas.GithubRepo;
import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.PypiRelease;
import dev.techpulse.schemas.RecordCoder;
import dev.techpulse.schemas.Scorecard;
import dev.techpulse.schemas.Technology;
import dev.techpulse.schemas.TechnologyCoder;
import dev.techpulse.schemas.TechnologyRow;
import dev.techpulse.transforms.CreateAtOnce;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Joins everything a run fetched into one {@link Scorecard} and one {@link TechnologyRow} per
 * catalog technology (contract section 6.6), keyed by technology ({@link ShardedCoGroupByKey}).
 * Downloads are summed per window before the shuffle, so the join moves a handful of numbers per
 * package, not its daily history.
 */
public class JoinScorecard extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<PypiPackage> PACKAGES = new TupleTag<>() {};
  public static final TupleTag<PypiRelease> RELEASES = new TupleTag<>() {};
  public static final TupleTag<DownloadCount> TOTALS = new TupleTag<>() {};
  public static final TupleTag<DownloadsCovered> COVERED = new TupleTag<>() {};
  public static final TupleTag<KV<String, String>> RESOLVED = new TupleTag<>() {};
  public static final TupleTag<KV<String, GithubRepo>> SNAPSHOTS = new TupleTag<>() {};
  public static final TupleTag<KV<String, RepoActivity>> ACTIVITY = new TupleTag<>() {};

  /** Per package, its latest document's vulnerabilities not withdrawn (none without the key). */
  public static final TupleTag<KV<String, Long>> VULNERABILITY_COUNTS = new TupleTag<>() {};

  public static final TupleTag<Scorecard> SCORECARD = new TupleTag<>() {};
  public static final TupleTag<TechnologyRow> TECHNOLOGIES = new TupleTag<>() {};

  /** Key shards of the joins: enough to spread work, few enough for the runner's bookkeeping. */
  static final int SHARDS = 16;

  private final List<Technology> catalog;
  private final LocalDate endDate;

  public JoinScorecard(List<Technology> catalog, LocalDate endDate) {
    this.catalog = List.copyOf(catalog);
    this.endDate = endDate;
  }

  /** What the join learns about a technology's repository. */
  @DefaultCoder(RecordCoder.class)
  record RepoSide(String repo, GithubRepo snapshot, RepoActivity activity) {}

  @Override
  public PCollectionTuple expand(PCollectionTuple in) {
    HashMap<String, List<String>> techsByPackage =
        new HashMap<>(ResolveRepositories.technologiesByPackage(catalog));
    HashMap<String, List<String>> techsByFirstPackage = new HashMap<>();
    List<KV<String, Technology>> techs = new ArrayList<>();
    for (Technology t : catalog) {
      techs.add(KV.of(t.getName(), t));
      techsByFirstPackage.computeIfAbsent(t.getPackages().get(0), k -> new ArrayList<>())
          .add(t.getName());
    }
    ScorecardWindows windows = new ScorecardWindows(endDate);

    PCollection<KV<String, Technology>> techByName =
        in.getPipeline()
            .apply(
                "CatalogTechnologies",
                CreateAtOnce.of(
                    techs,
                    KvCoder.of(StringUtf8Coder.of(), TechnologyCoder.of())));

    PCollection<KV<String, PypiPackage>> firstPackages =
        in.get(PACKAGES)
            .apply(
                "KeyFirstPackageByTechnology",
                ParDo.of(new ByTechnologyFn<PypiPackage>(techsByFirstPackage) {
                  @Override
                  String packageOf(PypiPackage p) {
                    return p.getPackageName();
                  }
                }))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), WarehouseRowCoder.of(PypiPackage.class)));

    PCollection<KV<String, PypiRelease>> releases =
        in.get(RELEASES)
            .apply(
                "KeyReleasesByTechnology",
                ParDo.of(new ByTechnologyFn<PypiRelease>(techsByPackage) {
                  @Override
                  String packageOf(PypiRelease r) {
                    return r.getPackageName();
                  }
                }))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), WarehouseRowCoder.of(PypiRelease.class)));

    PCollection<KV<String, DownloadsCovered>> covered =
        in.get(COVERED)
            .apply(
                "KeyCoveredByTechnology",
                ParDo.of(new ByTechnologyFn<DownloadsCovered>(techsByPackage) {
                  @Override
                  String packageOf(DownloadsCovered c) {
                    return c.getPackageName();
                  }
                }))
            .setCoder(
                KvCoder.of(StringUtf8Coder.of(), WarehouseRowCoder.of(DownloadsCovered.class)));

    PCollection<KV<String, KV<String, Long>>> windowSums =
        in.get(TOTALS)
            .apply("SumWindows", SumWindows.of(new WindowSumsFn(techsByPackage, windows)))
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));

    PCollection<KV<String, KV<String, Long>>> vulnerabilities =
        in.get(VULNERABILITY_COUNTS)
            .apply(
                "KeyVulnerabilitiesByTechnology",
                ParDo.of(new ByTechnologyFn<KV<String, Long>>(techsByFirstPackage) {
                  @Override
                  String packageOf(KV<String, Long> count) {
                    return count.getKey();
                  }
                }))
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));

    PCollection<KV<String, RepoSide>> repoSides = repoSides(in);

    PCollection<KV<String, CoGbkResult>> joined =
        KeyedPCollectionTuple.of(TECH, techByName)
            .and(FIRST, firstPackages)
            .and(REL, releases)
            .and(COV, covered)
            .and(SUMS, windowSums)
            .and(SIDE, repoSides)
            .and(VULN, vulnerabilities)
            .apply("JoinByTechnology", ShardedCoGroupByKey.create(SHARDS));

    return joined.apply(
        "ComputeScorecards",
        ParDo.of(new ScorecardFn(windows)).withOutputTags(SCORECARD, TupleTagList.of(TECHNOLOGIES)));
  }

  private static final TupleTag<Technology> TECH = new TupleTag<>("Technologies");
  private static final TupleTag<PypiPackage> FIRST = new TupleTag<>("FirstPackages");
  private static final TupleTag<PypiRelease> REL = new TupleTag<>("Releases");
  private static final TupleTag<DownloadsCovered> COV = new TupleTag<>("Covered");
  private static final TupleTag<KV<String, Long>> SUMS = new TupleTag<>("WindowSums");
  private static final TupleTag<RepoSide> SIDE = new TupleTag<>("RepoSides");
  private static final TupleTag<KV<String, Long>> VULN = new TupleTag<>("VulnerabilityCounts");
  private static final TupleTag<String> R_TECH = new TupleTag<>("TechnologyByRepo");
  private static final TupleTag<GithubRepo> R_SNAP = new TupleTag<>("Snapshots");
  private static final TupleTag<RepoActivity> R_ACT = new TupleTag<>("Activity");

  /** Joins snapshots and activity (keyed by repository) to the technologies resolving to it. */
  private static PCollection<KV<String, RepoSide>> repoSides(PCollectionTuple in) {
    PCollection<KV<String, String>> techByRepo =
        in.get(RESOLVED)
            .apply(
                "KeyTechnologyByRepo",
                ParDo.of(
                    new DoFn<KV<String, String>, KV<String, String>>() {
                      @ProcessElement
                      public void process(
                          @Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
                        out.output(KV.of(e.getValue(), e.getKey()));
                      }
                    }));
    return KeyedPCollectionTuple.of(R_TECH, techByRepo)
        .and(R_SNAP, in.get(SNAPSHOTS))
        .and(R_ACT, in.get(ACTIVITY))
        .apply("JoinByRepo", ShardedCoGroupByKey.create(SHARDS))
        .apply(
            "KeyRepoByTechnology",
            ParDo.of(
                new DoFn<KV<String, CoGbkResult>, KV<String, RepoSide>>() {
                  @ProcessElement
                  public void process(
                      @Element KV<String, CoGbkResult> e,
                      OutputReceiver<KV<String, RepoSide>> out) {
                    GithubRepo snapshot = null;
                    for (GithubRepo r : e.getValue().getAll(R_SNAP)) {
                      snapshot = r;
                    }
                    RepoActivity activity = RepoActivity.NONE;
                    for (RepoActivity a : e.getValue().getAll(R_ACT)) {
                      activity = activity.merge(a);
                    }
                    for (String tech : e.getValue().getAll(R_TECH)) {
                      out.output(KV.of(tech, new RepoSide(e.getKey(), snapshot, activity)));
                    }
                  }
                }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(RepoSide.class)));
  }

  /** Re-keys a row by each technology that lists its package. */
  abstract static class ByTechnologyFn<T> extends DoFn<T, KV<String, T>> {
    private final HashMap<String, List<String>> techsByPackage;

    ByTechnologyFn(HashMap<String, List<String>> techsByPackage) {
      this.techsByPackage = techsByPackage;
    }

    abstract String packageOf(T row);

    @ProcessElement
    public void process(@Element T row, OutputReceiver<KV<String, T>> out) {
      for (String tech : techsByPackage.getOrDefault(packageOf(row), List.of())) {
        out.output(KV.of(tech, row));
      }
    }
  }

  /**
   * Daily totals become {@code (technology, (window, downloads))}, summed within the bundle: the
   * join receives a few partial sums per technology and bundle, which {@link ScorecardFn} adds up.
   */
  static class WindowSumsFn extends DoFn<DownloadCount, KV<String, KV<String, Long>>> {
    private final HashMap<String, List<String>> techsByPackage;
    private final ScorecardWindows windows;
    private transient Map<KV<String, String>, Long> sums;

    WindowSumsFn(HashMap<String, List<String>> techsByPackage, ScorecardWindows windows) {
      this.techsByPackage = techsByPackage;
      this.windows = windows;
    }

    @StartBundle
    public void startBundle() {
      sums = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element DownloadCount d) {
      if (!d.getDimension().equals("total")) {
        return;
      }
      LocalDate day = d.getDownloadDate();
      for (String tech : techsByPackage.getOrDefault(d.getPackageName(), List.of())) {
        if (windows.inLast7d(day)) {
          sums.merge(KV.of(tech, "7d"), d.getDownloads(), Long::sum);
        }
        if (windows.inLast30d(day)) {
          sums.merge(KV.of(tech, "30d"), d.getDownloads(), Long::sum);
        }
        if (windows.inPrev30d(day)) {
          sums.merge(KV.of(tech, "prev30d"), d.getDownloads(), Long::sum);
        }
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (Map.Entry<KV<String, String>, Long> e : sums.entrySet()) {
        context.output(
            KV.of(e.getKey().getKey(), KV.of(e.getKey().getValue(), e.getValue())),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
      sums = null;
    }
  }

  static class ScorecardFn extends DoFn<KV<String, CoGbkResult>, Scorecard> {
    private final ScorecardWindows windows;

    ScorecardFn(ScorecardWindows windows) {
      this.windows = windows;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, MultiOutputReceiver out) {
      CoGbkResult r = e.getValue();
      Technology tech = null;
      for (Technology t : r.getAll(TECH)) {
        tech = t;
      }
      if (tech == null) {
        return;
      }
      PypiPackage first = null;
      for (PypiPackage p : r.getAll(FIRST)) {
        first = p;
      }
      String latestVersion = first == null ? null : first.getVersion();
      Instant latestReleaseAt = null;
      long releases365 = 0;
      List<PypiRelease> all = new ArrayList<>();
      for (PypiRelease rel : r.getAll(REL)) {
        all.add(rel);
        if (rel.getReleasedAt() != null
            && windows.inLast365d(LocalDate.ofInstant(rel.getReleasedAt(), ZoneOffset.UTC))) {
          releases365++;
        }
        if (first != null
            && rel.getPackageName().equals(first.getPackageName())
            && rel.getVersion().equals(latestVersion)) {
          latestReleaseAt = rel.getReleasedAt();
        }
      }
      boolean anyCovered = false;
      for (DownloadsCovered c : r.getAll(COV)) {
        anyCovered |= c.getDimension().equals("total");
      }
      Map<String, Long> sums = new HashMap<>();
      for (KV<String, Long> s : r.getAll(SUMS)) {
        sums.merge(s.getKey(), s.getValue(), Long::sum);
      }
      RepoSide side = null;
      for (RepoSide s : r.getAll(SIDE)) {
        side = s;
      }
      Long vulnerabilities = null;
      for (KV<String, Long> v : r.getAll(VULN)) {
        vulnerabilities = v.getValue();
      }
      Health health =
          new Health(
              vulnerabilities,
              daysSinceLastRelease(all, windows),
              anyRelease(all, windows::inLast30d),
              anyRelease(all, windows::inLast365d));
      out.get(TECHNOLOGIES)
          .output(
              TechnologyRow.create(
                  tech.getName(),
                  String.join(",", tech.getPackages()),
                  side == null ? null : side.repo()));
      out.get(SCORECARD)
          .output(
              build(
                  tech, latestVersion, latestReleaseAt, releases365, anyCovered, sums, side,
                  health));
    }

    /** Figures of definition 11 that come from PyPI. */
    private record Health(
        Long vulnerabilities,
        Long daysSinceLastRelease,
        boolean releaseIn30d,
        boolean releaseIn365d) {}

    private Scorecard build(
        Technology tech,
        String latestVersion,
        Instant latestReleaseAt,
        long releases365,
        boolean anyCovered,
        Map<String, Long> sums,
        RepoSide side,
        Health health) {
      Long last7 = anyCovered ? sums.getOrDefault("7d", 0L) : null;
      Long last30 = anyCovered ? sums.getOrDefault("30d", 0L) : null;
      Long prev30 = anyCovered ? sums.getOrDefault("prev30d", 0L) : null;
      Double growth =
          last30 == null || prev30 == null || prev30 == 0
              ? null
              : (double) (last30 - prev30) / prev30;
      GithubRepo snap = side == null ? null : side.snapshot();
      RepoActivity act = side == null ? RepoActivity.NONE : side.activity();
      return Scorecard.create(
          tech.getName(),
          windows.end(),
          latestVersion,
          latestReleaseAt,
          releases365,
          last7,
          last30,
          prev30,
          growth,
          snap == null ? null : snap.getStars(),
          snap == null ? null : snap.getForks(),
          snap == null ? null : snap.getWatchers(),
          snap == null ? null : snap.getOpenIssuesAndPrs(),
          act.commitsLast4w(),
          act.commitsLast52w(),
          act.issuesOpened90d(),
          act.issuesClosed90d(),
          act.medianDaysToClose90d(),
          act.newContributors90d(),
          snap == null ? null : snap.getPushedAt(),
          health.vulnerabilities(),
          act.prsOpened90d(),
          act.prsMerged90d(),
          act.prClosureRatio90d(),
          act.medianDaysToMerge90d(),
          act.activeContributors90d(),
          act.contributorAbsenceFactor90d(),
          health.daysSinceLastRelease(),
          maintenanceState(snap, act, health.releaseIn30d(), health.releaseIn365d()));
    }
  }

  /**
   * {@code endDate} minus the UTC date of the latest {@code released_at} on or before it, among
   * releases neither yanked nor pre-releases; null when there is none.
   */
  static Long daysSinceLastRelease(List<PypiRelease> releases, ScorecardWindows windows) {
    LocalDate latest = null;
    for (PypiRelease rel : releases) {
      if (rel.getReleasedAt() == null || rel.getIsYanked() || rel.getIsPrerelease()) {
        continue;
      }
      LocalDate day = LocalDate.ofInstant(rel.getReleasedAt(), ZoneOffset.UTC);
      if (!day.isAfter(windows.end()) && (latest == null || day.isAfter(latest))) {
        latest = day;
      }
    }
    return latest == null ? null : ChronoUnit.DAYS.between(latest, windows.end());
  }

  /** Whether a release that is not yanked (pre-releases count) has its UTC date in a window. */
  static boolean anyRelease(List<PypiRelease> releases, Predicate<LocalDate> window) {
    for (PypiRelease rel : releases) {
      if (rel.getReleasedAt() != null
          && !rel.getIsYanked()
          && window.test(LocalDate.ofInstant(rel.getReleasedAt(), ZoneOffset.UTC))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code archived}, else {@code active} (commits in 4 weeks or a release in 30 days), else
   * {@code dormant} (no commits in 52 weeks and no release in 365 days), else {@code quiet}; null
   * without a repository snapshot, or when the commit counts are unknown (their call failed or
   * activity was not fetched) and the releases alone do not decide.
   */
  static String maintenanceState(
      GithubRepo snap, RepoActivity act, boolean releaseIn30d, boolean releaseIn365d) {
    if (snap == null) {
      return null;
    }
    if (Boolean.TRUE.equals(snap.getArchived())) {
      return "archived";
    }
    if (releaseIn30d || (act.commitsLast4w() != null && act.commitsLast4w() > 0)) {
      return "active";
    }
    if (act.commitsLast4w() == null || act.commitsLast52w() == null) {
      return null;
    }
    return act.commitsLast52w() == 0 && !releaseIn365d ? "dormant" : "quiet";
  }
}
