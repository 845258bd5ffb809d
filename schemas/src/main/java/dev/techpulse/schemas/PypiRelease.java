package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One key of a PyPI document's {@code releases}: a row of {@code pypi_releases}. */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class PypiRelease implements WarehouseRow {

  public abstract String getPackageName();

  public abstract String getVersion();

  public abstract @Nullable Instant getReleasedAt();

  public abstract Boolean getIsPrerelease();

  public abstract Boolean getIsYanked();

  public abstract Integer getFileCount();

  public abstract Integer getWheelCount();

  public abstract @Nullable Long getSdistSizeBytes();

  public static PypiRelease create(
      String packageName,
      String version,
      @Nullable Instant releasedAt,
      Boolean isPrerelease,
      Boolean isYanked,
      Integer fileCount,
      Integer wheelCount,
      @Nullable Long sdistSizeBytes) {
    return new AutoValue_PypiRelease(packageName, version, releasedAt, isPrerelease, isYanked, fileCount, wheelCount, sdistSizeBytes);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getPackageName(), getVersion(), getReleasedAt(), getIsPrerelease(), getIsYanked(), getFileCount(), getWheelCount(), getSdistSizeBytes());
  }
}
