package dev.techpulse.transforms.scorecard;

import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.Technology;
import dev.techpulse.transforms.CreateAtOnce;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * Each technology's GitHub repository: its catalog {@code github}, else what its first
 * package's PyPI metadata points at. Output: {@code KV<technology, owner/name>} (lower-cased);
 * a technology with neither has no entry.
 */
public class ResolveRepositories
    extends PTransform<PCollection<PypiPackage>, PCollection<KV<String, String>>> {
  private final List<Technology> catalog;

  public ResolveRepositories(List<Technology> catalog) {
    this.catalog = List.copyOf(catalog);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<PypiPackage> packages) {
    List<KV<String, String>> fromCatalog = new ArrayList<>();
    HashMap<String, List<String>> byFirstPackage = new HashMap<>();
    for (Technology t : catalog) {
      if (t.getGithub() != null) {
        fromCatalog.add(KV.of(t.getName(), t.getGithub().toLowerCase(Locale.ROOT)));
      } else {
        byFirstPackage
            .computeIfAbsent(t.getPackages().get(0), k -> new ArrayList<>())
            .add(t.getName());
      }
    }
    PCollection<KV<String, String>> declared =
        packages
            .getPipeline()
            .apply(
                "CatalogRepos",
                CreateAtOnce.of(
                    fromCatalog, KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    PCollection<KV<String, String>> resolved =
        packages.apply("ReposFromPypi", ParDo.of(new FromPackageFn(byFirstPackage)));
    return PCollectionList.of(declared).and(resolved).apply("AllRepos", Flatten.pCollections());
  }

  static class FromPackageFn extends DoFn<PypiPackage, KV<String, String>> {
    private final HashMap<String, List<String>> byFirstPackage;

    FromPackageFn(HashMap<String, List<String>> byFirstPackage) {
      this.byFirstPackage = byFirstPackage;
    }

    @ProcessElement
    public void process(@Element PypiPackage pkg, OutputReceiver<KV<String, String>> out) {
      String repo = pkg.getGithubRepo();
      if (repo == null) {
        return;
      }
      for (String tech : byFirstPackage.getOrDefault(pkg.getPackageName(), List.of())) {
        out.output(KV.of(tech, repo));
      }
    }
  }

  /** Package name to the technologies listing it, for keying rows by technology. */
  public static Map<String, List<String>> technologiesByPackage(List<Technology> catalog) {
    Map<String, List<String>> out = new HashMap<>();
    for (Technology t : catalog) {
      for (String p : t.getPackages()) {
        List<String> techs = out.computeIfAbsent(p, k -> new ArrayList<>());
        if (!techs.contains(t.getName())) {
          techs.add(t.getName());
        }
      }
    }
    return out;
  }
}
