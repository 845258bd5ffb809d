package dev.techpulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.techpulse.testing.FakeApis;
import dev.techpulse.transforms.CreateAtOnce;
import dev.techpulse.transforms.fetch.JoinCachedAnswers;
import dev.techpulse.transforms.scorecard.ShardedCoGroupByKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.beam.runners.dataflow.util.CloudObject;
import org.apache.beam.runners.dataflow.util.CloudObjects;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.values.WindowedValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real main class, translated by the real DataflowRunner in template mode into a local job
 * spec, with no Google access (no-op path validator and credentials, local staging, a loopback
 * stand-in for BigQuery's REST endpoint). Asserts on the written JSON: coders, step names, and
 * Beam's own primitives where the DirectRunner gets stand-ins.
 */
class DataflowTranslationTest {
  /** Top-level steps every job has, whichever the downloads source. */
  static final List<String> TOP_LEVEL_STEPS =
      List.of(
          "CatalogPackages",
          "FetchPypiPackages",
          "KnownPackageNames",
          "ResolveRepositories",
          "RepoNames",
          "FetchGithubRepos",
          "CanonicalRepoNames",
          "FetchGithubActivity",
          "JoinScorecard",
          "FlattenRejects",
          "RepoSnapshots",
          "WriteWarehouse",
          "CommitWarehouse");

  static final Map<String, List<String>> SOURCE_STEPS =
      Map.of(
          "pypistats", List.of("FetchPypistatsDownloads"),
          "bigquery",
              List.of(
                  "ReadBigQueryDownloads", "KnownView", "KeepKnownPackages", "KeepKnownTotals",
                  "CoveredByBigQuery"),
          "none", List.of("NoDownloads", "NoneCovered"));

  /** Step names of the DirectRunner-shaped stand-ins, which a Dataflow job must not contain. */
  static final List<String> DIRECT_ONLY_STEPS =
      List.of(
          "AllAtOnce", "GroupShards", "RegroupByKey", "ShardElements", "ShardAnswers", "JoinPerShard");

  static final Pattern UPPER_CAMEL = Pattern.compile("[A-Z][A-Za-z0-9]*");

  @TempDir Path dir;
  FakeApis apis;
  MockWebServer bigQuery;
  final List<String> bigQueryRequests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startFakes() throws Exception {
    apis = FakeApis.start();
    bigQuery = new MockWebServer();
    bigQuery.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = body(request);
            bigQueryRequests.add(request.getMethod() + " " + request.getTarget() + " " + body);
            // What BigQuery answers a dry run: statistics only, no job runs.
            return FakeApis.json(
                200,
                "{\"kind\":\"bigquery#job\",\"status\":{\"state\":\"DONE\"},"
                    + "\"statistics\":{\"totalBytesProcessed\":\"1048576\","
                    + "\"query\":{\"totalBytesProcessed\":\"1048576\"}}}");
          }
        });
    bigQuery.start();
  }

  static String body(RecordedRequest request) {
    if (request.getBody() == null) {
      return "";
    }
    byte[] bytes = request.getBody().toByteArray();
    if ("gzip".equalsIgnoreCase(request.getHeaders().get("Content-Encoding"))) {
      try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @AfterEach
  void stopFakes() throws Exception {
    apis.close();
    bigQuery.close();
  }

  String[] args(String source) throws Exception {
    Path staged = dir.resolve("staged.txt");
    Files.writeString(staged, "the only file to stage");
    return new String[] {
      "--runner=DataflowRunner",
      "--templateLocation=" + dir.resolve("template-" + source + ".json"),
      "--project=techpulse-test",
      "--region=europe-west1",
      "--gcpTempLocation=gs://techpulse-test/tmp",
      "--tempLocation=gs://techpulse-test/tmp",
      "--stagingLocation=" + dir.resolve("staging"),
      "--filesToStage=" + staged,
      "--pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator",
      "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
      "--bigQueryEndpoint=" + bigQuery.url("/").toString().replaceAll("/$", ""),
      "--warehouse=snowflake",
      "--downloadsSource=" + source,
      "--githubActivity=always",
      "--packages=pandas,duckdb,apache-airflow",
      "--startDate=2024-01-01",
      "--endDate=2024-03-31",
      "--pypiUrl=" + apis.pypi.url(),
      "--pypistatsUrl=" + apis.pypistats.url(),
      "--githubApiUrl=" + apis.github.url(),
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"pypistats", "bigquery", "none"})
  void templateMode_writesATranslatedJob_touchingNothing(String source) throws Exception {
    String[] args = args(source);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TechpulsePipeline.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    Path template = dir.resolve("template-" + source + ".json");
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("wrote the job template to " + template));
    assertEquals(List.of(), apis.pypi.targets(), "no PyPI call");
    assertEquals(List.of(), apis.pypistats.targets(), "no pypistats call");
    assertEquals(List.of(), apis.github.targets(), "no GitHub call");
    for (String request : bigQueryRequests) {
      // The v1 translator asks each query source for its size: a free dry run, never a job.
      assertTrue(request.contains("\"dryRun\":true"), request);
    }
    // Without SNOWFLAKE_* in the environment any warehouse access would have failed the run.

    @SuppressWarnings("unchecked")
    Map<String, Object> job = new ObjectMapper().readValue(template.toFile(), Map.class);
    List<Step> steps = steps(job);

    Set<String> topLevel = new LinkedHashSet<>();
    steps.forEach(s -> topLevel.add(s.userName().split("/")[0]));
    List<String> expected = new ArrayList<>(TOP_LEVEL_STEPS);
    expected.addAll(SOURCE_STEPS.get(source));
    assertTrue(topLevel.containsAll(expected), "missing " + missing(expected, topLevel));

    for (Step s : steps) {
      for (Map.Entry<String, Coder<?>> o : s.outputCoders().entrySet()) {
        for (Coder<?> c : tree(o.getValue())) {
          // Beam's own BigQueryIO passes its cleanup callback java-serialized: not ours to change.
          boolean beams =
              c instanceof SerializableCoder<?> sc
                  && sc.getRecordType().getName().startsWith("org.apache.beam.");
          assertFalse(
              c instanceof SerializableCoder && !beams,
              s.userName() + " output " + o.getKey() + ": " + c);
        }
      }
    }

    Map<String, Step> byName = new HashMap<>();
    steps.forEach(s -> byName.put(s.name(), s));
    int groupings = 0;
    for (Step s : steps) {
      if (!s.kind().equals("GroupByKey")) {
        continue;
      }
      groupings++;
      Coder<?> input = s.input(byName);
      assertFalse(
          tree(input).stream().anyMatch(c -> c instanceof SerializableCoder),
          s.userName() + " groups java-serialized values: " + input);
      Coder<?> kv = ((WindowedValues.WindowedValueCoder<?>) input).getValueCoder();
      Coder<?> key = ((KvCoder<?, ?>) kv).getKeyCoder();
      key.verifyDeterministic();
    }
    assertTrue(groupings >= 3, "the joins and de-duplications group: " + groupings);

    for (Step s : steps) {
      for (String segment : s.userName().split("/")) {
        assertFalse(DIRECT_ONLY_STEPS.contains(segment), "a stand-in on Dataflow: " + s.userName());
        assertFalse(segment.contains("devtechpulse"), "a generated name: " + s.userName());
      }
    }
    for (String join : List.of("JoinScorecard/JoinByTechnology", "JoinScorecard/JoinByRepo")) {
      assertTrue(
          steps.stream()
              .anyMatch(
                  s -> s.kind().equals("GroupByKey") && s.userName().startsWith(join + "/JoinByKey/")),
          join + " runs Beam's CoGroupByKey");
    }

    assertNamesAndPrimitives(args);
  }

  /**
   * The same build, walked in Java where each node's class is known: every step our code applies
   * carries an explicit name (not the transform's generated default such as {@code
   * ParDo(Anonymous)} or {@code MapElements}); the stand-ins expand to Beam's primitives; BigQuery
   * reads do not validate.
   */
  void assertNamesAndPrimitives(String[] args) {
    PipelineOptionsFactory.register(TechpulseOptions.class);
    TechpulseOptions options = PipelineOptionsFactory.fromArgs(args).as(TechpulseOptions.class);
    RunPlan plan = RunPlan.from(options);
    Pipeline p = Pipeline.create(options);
    TechpulsePipeline.build(p, plan, "translation-test");
    Map<TransformHierarchy.Node, List<Class<?>>> children = new LinkedHashMap<>();
    List<String> unnamed = new ArrayList<>();
    List<Boolean> validating = new ArrayList<>();
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            visit(node);
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            visit(node);
          }

          private void visit(TransformHierarchy.Node node) {
            if (node.isRootNode()) {
              return;
            }
            PTransform<?, ?> t = node.getTransform();
            TransformHierarchy.Node parent = node.getEnclosingNode();
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(t.getClass());
            if (t instanceof BigQueryIO.TypedRead<?>) {
              validating.add(
                  DisplayData.from(t).items().stream()
                      .noneMatch(i -> i.getKey().equals("validation")
                          && Boolean.FALSE.equals(i.getValue())));
            }
            boolean ours = parent.isRootNode() || isOurs(parent.getTransform());
            String full = node.getFullName();
            String segment = full.substring(full.lastIndexOf('/') + 1);
            boolean generated =
                !isOurs(t)
                    && Pattern.matches(Pattern.quote(t.getName()) + "[0-9]*", segment);
            if (ours && (generated || !UPPER_CAMEL.matcher(segment).matches())) {
              unnamed.add(full + " (" + t.getName() + ")");
            }
          }
        });
    assertEquals(List.of(), unnamed, "steps without an explicit UpperCamel name");
    assertFalse(validating.contains(true), "a BigQuery read validates (dry-runs) inside run()");
    int standIns = 0;
    for (Map.Entry<TransformHierarchy.Node, List<Class<?>>> e : children.entrySet()) {
      if (e.getKey().isRootNode()) {
        continue;
      }
      PTransform<?, ?> t = e.getKey().getTransform();
      Class<?> primitive =
          t instanceof ShardedCoGroupByKey || t instanceof JoinCachedAnswers<?>
              ? CoGroupByKey.class
              : t instanceof CreateAtOnce<?> ? Create.Values.class
              : t.getClass().getSimpleName().equals("SumWindows") ? Combine.PerKey.class
              : null;
      if (primitive != null) {
        standIns++;
        assertTrue(
            e.getValue().contains(primitive),
            e.getKey().getFullName() + " expands to " + e.getValue() + ", not " + primitive);
      }
    }
    assertTrue(standIns >= 7, "stand-ins found: " + standIns);
  }

  static boolean isOurs(PTransform<?, ?> t) {
    return t.getClass().getName().startsWith("dev.techpulse.");
  }

  static List<String> missing(List<String> expected, Set<String> actual) {
    return expected.stream().filter(e -> !actual.contains(e)).toList();
  }

  /** A coder and every coder inside it. */
  static List<Coder<?>> tree(Coder<?> coder) {
    List<Coder<?>> all = new ArrayList<>();
    all.add(coder);
    List<? extends Coder<?>> inside =
        coder instanceof org.apache.beam.sdk.coders.StructuredCoder<?> s
            ? s.getComponents()
            : coder.getCoderArguments();
    for (Coder<?> c : inside) {
      all.addAll(tree(c));
    }
    if (coder instanceof org.apache.beam.sdk.transforms.join.CoGbkResult.CoGbkResultCoder r) {
      all.addAll(tree(r.getUnionCoder()));
    }
    return all;
  }

  /** One step of the job spec. */
  record Step(String name, String kind, Map<String, Object> properties) {
    String userName() {
      return text(properties.get("user_name"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Coder<?>> outputCoders() {
      Map<String, Coder<?>> coders = new LinkedHashMap<>();
      Object outputs = properties.get("output_info");
      if (outputs == null) {
        return coders;
      }
      for (Map<String, Object> o : (List<Map<String, Object>>) outputs) {
        coders.put(
            text(o.get("output_name")),
            CloudObjects.coderFromCloudObject(
                CloudObject.fromSpec((Map<String, Object>) o.get("encoding"))));
      }
      return coders;
    }

    @SuppressWarnings("unchecked")
    Coder<?> input(Map<String, Step> byName) {
      Map<String, Object> ref = (Map<String, Object>) properties.get("parallel_input");
      Step from = byName.get(String.valueOf(ref.get("step_name")));
      return from.outputCoders().get(String.valueOf(ref.get("output_name")));
    }

    @SuppressWarnings("unchecked")
    static String text(Object o) {
      return o instanceof Map<?, ?> m ? String.valueOf(((Map<String, Object>) m).get("value")) : String.valueOf(o);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Step> steps(Map<String, Object> job) {
    List<Step> steps = new ArrayList<>();
    for (Map<String, Object> s : (List<Map<String, Object>>) job.get("steps")) {
      steps.add(
          new Step(
              String.valueOf(s.get("name")),
              String.valueOf(s.get("kind")),
              (Map<String, Object>) s.get("properties")));
    }
    return steps;
  }
}
