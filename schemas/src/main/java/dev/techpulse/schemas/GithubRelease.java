package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A GitHub release: a row of {@code github_releases}. */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class GithubRelease implements WarehouseRow {

  public abstract String getRepo();

  public abstract String getTagName();

  public abstract @Nullable String getName();

  public abstract @Nullable Instant getPublishedAt();

  public abstract Boolean getIsPrerelease();

  public static GithubRelease create(
      String repo,
      String tagName,
      @Nullable String name,
      @Nullable Instant publishedAt,
      Boolean isPrerelease) {
    return new AutoValue_GithubRelease(repo, tagName, name, publishedAt, isPrerelease);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getRepo(), getTagName(), getName(), getPublishedAt(), getIsPrerelease());
  }
}
