package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A catalog entry as written to {@code technologies}. */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class TechnologyRow implements WarehouseRow {

  public abstract String getTechnology();

  public abstract String getPackages();

  public abstract @Nullable String getGithubRepo();

  public static TechnologyRow create(
      String technology,
      String packages,
      @Nullable String githubRepo) {
    return new AutoValue_TechnologyRow(technology, packages, githubRepo);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getTechnology(), getPackages(), getGithubRepo());
  }
}
