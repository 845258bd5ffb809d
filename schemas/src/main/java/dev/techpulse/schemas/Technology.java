package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One catalog entry: a technology, its PyPI packages (normalized) and its GitHub repository. */
@DefaultCoder(TechnologyCoder.class)
@AutoValue
public abstract class Technology implements Serializable {

  public abstract String getName();

  /** PEP 503 normalized names, in catalog order. */
  public abstract List<String> getPackages();

  /** {@code owner/name} from the catalog, or null to resolve it from the first package. */
  public abstract @Nullable String getGithub();

  public static Technology create(String name, List<String> packages, @Nullable String github) {
    return new AutoValue_Technology(name, List.copyOf(packages), github);
  }
}
