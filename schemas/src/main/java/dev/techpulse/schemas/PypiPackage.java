package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One package as PyPI describes it now: a row of {@code pypi_packages}. */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class PypiPackage implements WarehouseRow {

  public abstract String getPackageName();

  public abstract String getVersion();

  public abstract @Nullable String getSummary();

  public abstract @Nullable String getLicense();

  public abstract @Nullable String getRequiresPython();

  public abstract @Nullable String getHomePage();

  public abstract @Nullable String getGithubRepo();

  public abstract Instant getPulledAt();

  public static PypiPackage create(
      String packageName,
      String version,
      @Nullable String summary,
      @Nullable String license,
      @Nullable String requiresPython,
      @Nullable String homePage,
      @Nullable String githubRepo,
      Instant pulledAt) {
    return new AutoValue_PypiPackage(packageName, version, summary, license, requiresPython, homePage, githubRepo, pulledAt);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getPackageName(), getVersion(), getSummary(), getLicense(), getRequiresPython(), getHomePage(), getGithubRepo(), getPulledAt());
  }
}
