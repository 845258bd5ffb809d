package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/** New and active contributors of a repository in a month: a row of {@code github_contributors_monthly}. */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class GithubContributorMonth implements WarehouseRow {

  public abstract String getRepo();

  public abstract LocalDate getMonth();

  public abstract Long getNewContributors();

  public abstract Long getActiveContributors();

  public static GithubContributorMonth create(
      String repo,
      LocalDate month,
      Long newContributors,
      Long activeContributors) {
    return new AutoValue_GithubContributorMonth(repo, month, newContributors, activeContributors);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getRepo(), getMonth(), getNewContributors(), getActiveContributors());
  }
}
