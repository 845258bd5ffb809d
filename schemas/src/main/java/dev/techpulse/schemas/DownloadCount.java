package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/** Downloads of a package on a day in one bucket of one dimension: a row of {@code pypi_downloads}. */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class DownloadCount implements WarehouseRow {

  public abstract String getPackageName();

  public abstract LocalDate getDownloadDate();

  public abstract String getDimension();

  public abstract String getDimensionValue();

  public abstract Long getDownloads();

  public abstract String getSource();

  public static DownloadCount create(
      String packageName,
      LocalDate downloadDate,
      String dimension,
      String dimensionValue,
      Long downloads,
      String source) {
    return new AutoValue_DownloadCount(packageName, downloadDate, dimension, dimensionValue, downloads, source);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getPackageName(), getDownloadDate(), getDimension(), getDimensionValue(), getDownloads(), getSource());
  }
}
