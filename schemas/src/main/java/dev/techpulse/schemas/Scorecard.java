package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One technology's figures as of a date: a row of {@code technology_scorecard}. */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class Scorecard implements WarehouseRow {

  public abstract String getTechnology();

  public abstract LocalDate getAsOfDate();

  public abstract @Nullable String getLatestVersion();

  public abstract @Nullable Instant getLatestReleaseAt();

  public abstract Long getReleasesLast365d();

  public abstract @Nullable Long getDownloadsLast7d();

  public abstract @Nullable Long getDownloadsLast30d();

  public abstract @Nullable Long getDownloadsPrev30d();

  public abstract @Nullable Double getDownloadsGrowth30d();

  public abstract @Nullable Long getStars();

  public abstract @Nullable Long getForks();

  public abstract @Nullable Long getWatchers();

  public abstract @Nullable Long getOpenIssuesAndPrs();

  public abstract @Nullable Long getCommitsLast4w();

  public abstract @Nullable Long getCommitsLast52w();

  public abstract @Nullable Long getIssuesOpened90d();

  public abstract @Nullable Long getIssuesClosed90d();

  public abstract @Nullable Double getMedianDaysToClose90d();

  public abstract @Nullable Long getNewContributors90d();

  public abstract @Nullable Instant getLastPushAt();

  public abstract @Nullable Long getVulnerabilitiesLatest();

  public abstract @Nullable Long getPrsOpened90d();

  public abstract @Nullable Long getPrsMerged90d();

  public abstract @Nullable Double getPrClosureRatio90d();

  public abstract @Nullable Double getMedianDaysToMerge90d();

  public abstract @Nullable Long getActiveContributors90d();

  public abstract @Nullable Long getContributorAbsenceFactor90d();

  public abstract @Nullable Long getDaysSinceLastRelease();

  public abstract @Nullable String getMaintenanceState();

  public static Scorecard create(
      String technology,
      LocalDate asOfDate,
      @Nullable String latestVersion,
      @Nullable Instant latestReleaseAt,
      Long releasesLast365d,
      @Nullable Long downloadsLast7d,
      @Nullable Long downloadsLast30d,
      @Nullable Long downloadsPrev30d,
      @Nullable Double downloadsGrowth30d,
      @Nullable Long stars,
      @Nullable Long forks,
      @Nullable Long watchers,
      @Nullable Long openIssuesAndPrs,
      @Nullable Long commitsLast4w,
      @Nullable Long commitsLast52w,
      @Nullable Long issuesOpened90d,
      @Nullable Long issuesClosed90d,
      @Nullable Double medianDaysToClose90d,
      @Nullable Long newContributors90d,
      @Nullable Instant lastPushAt,
      @Nullable Long vulnerabilitiesLatest,
      @Nullable Long prsOpened90d,
      @Nullable Long prsMerged90d,
      @Nullable Double prClosureRatio90d,
      @Nullable Double medianDaysToMerge90d,
      @Nullable Long activeContributors90d,
      @Nullable Long contributorAbsenceFactor90d,
      @Nullable Long daysSinceLastRelease,
      @Nullable String maintenanceState) {
    return new AutoValue_Scorecard(technology, asOfDate, latestVersion, latestReleaseAt, releasesLast365d, downloadsLast7d, downloadsLast30d, downloadsPrev30d, downloadsGrowth30d, stars, forks, watchers, openIssuesAndPrs, commitsLast4w, commitsLast52w, issuesOpened90d, issuesClosed90d, medianDaysToClose90d, newContributors90d, lastPushAt, vulnerabilitiesLatest, prsOpened90d, prsMerged90d, prClosureRatio90d, medianDaysToMerge90d, activeContributors90d, contributorAbsenceFactor90d, daysSinceLastRelease, maintenanceState);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getTechnology(), getAsOfDate(), getLatestVersion(), getLatestReleaseAt(), getReleasesLast365d(), getDownloadsLast7d(), getDownloadsLast30d(), getDownloadsPrev30d(), getDownloadsGrowth30d(), getStars(), getForks(), getWatchers(), getOpenIssuesAndPrs(), getCommitsLast4w(), getCommitsLast52w(), getIssuesOpened90d(), getIssuesClosed90d(), getMedianDaysToClose90d(), getNewContributors90d(), getLastPushAt(), getVulnerabilitiesLatest(), getPrsOpened90d(), getPrsMerged90d(), getPrClosureRatio90d(), getMedianDaysToMerge90d(), getActiveContributors90d(), getContributorAbsenceFactor90d(), getDaysSinceLastRelease(), getMaintenanceState());
  }
}
