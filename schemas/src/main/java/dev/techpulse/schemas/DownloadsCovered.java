package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * The days of a package's downloads a run fetched from its source: a row of {@code
 * staging.pypi_downloads_covered}. The mart replaces exactly this range for this package.
 */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class DownloadsCovered implements WarehouseRow {

  public abstract String getPackageName();

  public abstract String getSource();

  /** The dimension whose rows the range replaces: a failed dimension keeps its rows. */
  public abstract String getDimension();

  public abstract LocalDate getCoveredFrom();

  public abstract LocalDate getCoveredTo();

  public static DownloadsCovered create(
      String packageName,
      String source,
      String dimension,
      LocalDate coveredFrom,
      LocalDate coveredTo) {
    return new AutoValue_DownloadsCovered(
        packageName, source, dimension, coveredFrom, coveredTo);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(
        getPackageName(), getSource(), getDimension(), getCoveredFrom(), getCoveredTo());
  }
}
