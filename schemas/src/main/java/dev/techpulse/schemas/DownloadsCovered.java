package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** A package whose downloads the run fetched: a row of {@code staging.pypi_downloads_covered}. */
@DefaultCoder(SerializableCoder.class)
@AutoValue
public abstract class DownloadsCovered implements WarehouseRow {

  public abstract String getPackageName();

  public abstract String getSource();

  public static DownloadsCovered create(String packageName, String source) {
    return new AutoValue_DownloadsCovered(packageName, source);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getPackageName(), getSource());
  }
}
