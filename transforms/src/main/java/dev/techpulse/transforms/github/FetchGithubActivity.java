package dev.techpulse.transforms.github;

import dev.techpulse.schemas.GithubCommitWeek;
import dev.techpulse.schemas.GithubContributorMonth;
import dev.techpulse.schemas.GithubIssue;
import dev.techpulse.schemas.GithubRelease;
import dev.techpulse.schemas.HttpCacheEntry;
import dev.techpulse.schemas.RecordCoder;
import dev.techpulse.schemas.Reject;
import dev.techpulse.transforms.fetch.JoinCachedAnswers;
import dev.techpulse.transforms.fetch.SourceConfig;
import dev.techpulse.transforms.http.BaseUrl;
import dev.techpulse.transforms.http.HttpResult;
import dev.techpulse.transforms.http.LinkHeader;
import dev.techpulse.transforms.http.MalformedResponseException;
import dev.techpulse.transforms.scorecard.RepoActivity;
import dev.techpulse.transforms.scorecard.ScorecardWindows;
import dev.techpulse.transforms.warehouse.ReadHttpCache;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Repositories in ({@code KV<name asked for, full_name>}); their activity out: weekly commits,
 * issues and pull requests since the 90-day window's start, monthly contributors and releases,
 * plus each repository's scorecard figures keyed by the name asked for. The four endpoints of a
 * repository are separate elements, so they overlap under {@code --githubConcurrency}.
 */
public class FetchGithubActivity
    extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {
  public static final TupleTag<KV<String, RepoActivity>> ACTIVITY = new TupleTag<>() {};
  public static final TupleTag<GithubCommitWeek> COMMITS = new TupleTag<>() {};
  public static final TupleTag<GithubIssue> ISSUES = new TupleTag<>() {};
  public static final TupleTag<GithubContributorMonth> CONTRIBUTORS = new TupleTag<>() {};
  public static final TupleTag<GithubRelease> RELEASES = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  /** Answers with a new ETag, for {@code mart.http_cache}. */
  public static final TupleTag<HttpCacheEntry> CACHE = new TupleTag<>() {};

  /** The activity endpoints, with the {@code step} their rejects carry. */
  public enum Endpoint {
    COMMIT_ACTIVITY("github_commit_activity", "/stats/commit_activity"),
    ISSUES("github_issues", "/issues"),
    CONTRIBUTORS("github_contributors", "/stats/contributors"),
    RELEASES("github_releases", "/releases");

    private final String step;
    private final String path;

    Endpoint(String step, String path) {
      this.step = step;
      this.path = path;
    }

    public String step() {
      return step;
    }

    /** The endpoint's path under {@code /repos/{owner}/{repo}}, without query. */
    public String path() {
      return path;
    }
  }

  /** One endpoint of one repository. */
  @DefaultCoder(RecordCoder.class)
  public record Call(String requested, String repo, Endpoint endpoint) {}

  private final SourceConfig config;
  private final WarehouseConfig cacheWarehouse;

  /**
   * @param cacheWarehouse where {@code mart.http_cache} lives, or null to send no conditional
   *     requests
   */
  public FetchGithubActivity(SourceConfig config, WarehouseConfig cacheWarehouse) {
    this.config = config;
    this.cacheWarehouse = cacheWarehouse;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> repos) {
    String base = config.githubApiUrl();
    PCollection<HttpCacheEntry> cached = null;
    if (cacheWarehouse != null) {
      String prefix = BaseUrl.resolve(base, "/repos/").toString();
      cached =
          repos
              .getPipeline()
              .apply("ReadActivityAnswers", ReadHttpCache.under(cacheWarehouse, prefix))
              .apply(
                  "KeepActivityAnswers",
                  Filter.by(e -> e.getUrl().substring(prefix.length()).split("/").length > 2));
    }
    return repos
        .apply(
            "SplitByEndpoint",
            ParDo.of(
                new DoFn<KV<String, String>, Call>() {
                  @ProcessElement
                  public void process(@Element KV<String, String> r, OutputReceiver<Call> out) {
                    for (Endpoint e : Endpoint.values()) {
                      out.output(new Call(r.getKey(), r.getValue(), e));
                    }
                  }
                }))
        .setCoder(RecordCoder.of(Call.class))
        .apply("JoinCachedActivity", JoinCachedAnswers.of(c -> firstUrl(base, c), cached))
        .apply(
            "GetGithubActivity",
            ParDo.of(new FetchActivityFn(config))
                .withOutputTags(
                    ACTIVITY,
                    TupleTagList.of(COMMITS).and(ISSUES).and(CONTRIBUTORS).and(RELEASES)
                        .and(REJECTS).and(CACHE)));
  }

  /** The URL (without query) of a call's first request: what its cached answers join on. */
  static String firstUrl(String base, Call call) {
    return BaseUrl.resolve(base, "/repos/" + call.repo() + call.endpoint().path()).toString();
  }

  /** The {@code since} of the issues query: the earlier of startDate and endDate - 89 days. */
  public static LocalDate issuesSince(LocalDate start, LocalDate end) {
    LocalDate window = end.minusDays(89);
    return start.isBefore(window) ? start : window;
  }

  static class FetchActivityFn extends GithubFetchFn<Call, KV<String, RepoActivity>> {
    private static final int MAX_PAGES = 100;

    FetchActivityFn(SourceConfig config) {
      super("github_activity", config, REJECTS, CACHE);
    }

    @Override
    protected List<Emission> fetch(Call call, GithubClient client) {
      ScorecardWindows windows = new ScorecardWindows(config.endDate());
      String base = "/repos/" + call.repo();
      List<Emission> out = new ArrayList<>();
      try {
        switch (call.endpoint()) {
          case COMMIT_ACTIVITY -> {
            String body = getStats(client, base + "/stats/commit_activity");
            List<GithubCommitWeek> weeks = GithubActivity.commitWeeks(call.repo(), body);
            weeks.forEach(w -> out.add(new Emission(COMMITS, w)));
            long[] totals = GithubActivity.commitTotals(weeks, windows);
            out.add(activity(call, RepoActivity.commits(totals[0], totals[1])));
          }
          case ISSUES -> {
            String since = issuesSince(config.startDate(), config.endDate()) + "T00:00:00Z";
            List<GithubIssue> issues = new ArrayList<>();
            for (String page : pages(client, base + "/issues?state=all&since=" + since + "&per_page=100")) {
              issues.addAll(GithubActivity.issues(call.repo(), page));
            }
            issues.forEach(i -> out.add(new Emission(ISSUES, i)));
            GithubActivity.IssueFigures f = GithubActivity.issueFigures(issues, windows);
            out.add(
                activity(
                    call,
                    RepoActivity.issues(
                        f.opened(), f.closed(), f.medianDaysToClose(), f.prsOpened(),
                        f.prsMerged(), f.prsClosed(), f.medianDaysToMerge())));
          }
          case CONTRIBUTORS -> {
            GithubActivity.Contributors c =
                GithubActivity.contributors(
                    call.repo(), getStats(client, base + "/stats/contributors"), windows);
            c.months().forEach(m -> out.add(new Emission(CONTRIBUTORS, m)));
            out.add(
                activity(
                    call,
                    RepoActivity.contributors(
                        c.newLast90d(), c.activeLast90d(), c.absenceFactor90d())));
          }
          case RELEASES -> {
            for (String page : pages(client, base + "/releases?per_page=100")) {
              GithubActivity.releases(call.repo(), page)
                  .forEach(r -> out.add(new Emission(RELEASES, r)));
            }
          }
        }
        return out;
      } catch (MalformedResponseException e) {
        return one(REJECTS, Reject.of(call.endpoint().step(), call.repo(),
            "malformed answer: " + e.getMessage(), null));
      } catch (CallFailedException e) {
        return one(REJECTS, Reject.of(call.endpoint().step(), call.repo(), e.getMessage(),
            e.body));
      } catch (IOException e) {
        return one(REJECTS, Reject.of(call.endpoint().step(), call.repo(), e.getMessage(), null));
      }
    }

    private static Emission activity(Call call, RepoActivity a) {
      return new Emission(ACTIVITY, KV.of(call.requested(), a));
    }

    /** A {@code /stats/*} body; {@code 204 No Content} (an empty repository) is no history. */
    private static String getStats(GithubClient client, String path) throws IOException {
      HttpResult r = client.get(path);
      if (!r.isSuccess()) {
        throw new CallFailedException("GET " + path + " returned HTTP " + r.status(), r.body());
      }
      return GithubActivity.statsBody(r.status(), r.body());
    }

    /** Bodies of every page, following {@code Link: rel="next"}. */
    private static List<String> pages(GithubClient client, String firstPath) throws IOException {
      List<String> bodies = new ArrayList<>();
      String next = firstPath;
      while (next != null) {
        if (bodies.size() >= MAX_PAGES) {
          throw new CallFailedException(
              "more than " + MAX_PAGES + " pages from " + firstPath, null);
        }
        HttpResult r = client.get(next);
        if (!r.isSuccess()) {
          throw new CallFailedException("GET " + next + " returned HTTP " + r.status(), r.body());
        }
        bodies.add(r.body());
        next = LinkHeader.next(r.header("link"));
      }
      return bodies;
    }
  }

  /** A call answered with a non-success status. */
  static final class CallFailedException extends IOException {
    final String body;

    CallFailedException(String message, String body) {
      super(message);
      this.body = body;
    }
  }
}
