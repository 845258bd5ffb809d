package dev.techpulse.pipeline;

import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.schemas.DownloadsCovered;
import dev.techpulse.schemas.WarehouseRowCoder;
import dev.techpulse.schemas.GithubRepo;
import dev.techpulse.schemas.HttpCacheEntry;
import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.RecordCoder;
import dev.techpulse.schemas.Reject;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.transforms.CreateAtOnce;
import dev.techpulse.transforms.bigquery.CostGuard;
import dev.techpulse.transforms.bigquery.ReadBigQueryDownloads;
import dev.techpulse.transforms.github.FetchGithubActivity;
import dev.techpulse.transforms.github.FetchGithubRepos;
import dev.techpulse.transforms.pypi.FetchPypiPackages;
import dev.techpulse.transforms.pypistats.FetchPypistatsDownloads;
import dev.techpulse.transforms.scorecard.JoinScorecard;
import dev.techpulse.transforms.scorecard.RepoActivity;
import dev.techpulse.transforms.scorecard.ResolveRepositories;
import dev.techpulse.transforms.warehouse.Connections;
import dev.techpulse.transforms.warehouse.RunSpec;
import dev.techpulse.transforms.warehouse.RunSpool;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseCheck;
import dev.techpulse.transforms.warehouse.WriteWarehouse;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * techpulse's main class: PyPI adoption and GitHub health of data-engineering technologies,
 * side by side, in a warehouse.
 */
public final class TechpulsePipeline {
  private TechpulsePipeline() {}

  public static void main(String[] args) {
    Launch launch = launch(args, System.out, System.err);
    if (launch.inProcessJob() != null) {
      // --waitForJob=false on the DirectRunner: the job lives in this JVM, so the process stays
      // until the job (which commits itself) is done, without following it.
      launch.inProcessJob().waitUntilFinish();
    }
    System.exit(launch.code());
  }

  /**
   * Runs one invocation and returns its exit status: 0 when the run finished (rejects
   * included), or was submitted with {@code --waitForJob=false}; 2 for invalid options, 1 for an
   * unreachable warehouse, a failed pipeline, a run where no source returned anything or a failed
   * {@code --checkWarehouse}. Errors are one line on {@code err}.
   */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    return launch(args, out, err).code();
  }

  /**
   * An invocation's exit status, and the job still running in this JVM when the launcher did
   * not wait for a DirectRunner job (null otherwise).
   */
  record Launch(int code, PipelineResult inProcessJob) {
    static Launch of(int code) {
      return new Launch(code, null);
    }
  }

  static Launch launch(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.startsWith("--help="))) {
      Help.print(out);
      return Launch.of(0);
    }
    Warmup.start(args);
    TechpulseOptions options;
    RunPlan plan;
    String template;
    try {
      PipelineOptionsFactory.register(TechpulseOptions.class);
      PipelineOptionsFactory.register(BigQueryOptions.class);
      options =
          PipelineOptionsFactory.fromArgs(args).withValidation().as(TechpulseOptions.class);
      if (Arrays.stream(args).noneMatch(a -> a.startsWith("--downloadsSource"))) {
        boolean project = Arrays.stream(args).anyMatch(a -> a.startsWith("--project="));
        options.setDownloadsSource(project ? "bigquery" : "pypistats");
      }
      directRunnerDefaults(options, args);
    } catch (RuntimeException e) {
      return Launch.of(fail(err, 2, oneLine(e)));
    }
    if (options.getReportOnly()) {
      return Launch.of(ReportStep.only(options, out, err));
    }
    try {
      plan = RunPlan.from(options);
      checkRunner(options, plan);
      template = templateLocation(options);
    } catch (RuntimeException e) {
      return Launch.of(fail(err, 2, oneLine(e)));
    }
    if (template != null) {
      return Launch.of(writeTemplate(options, plan, template, out, err));
    }
    if (options.getCheckWarehouse()) {
      String failed = WarehouseCheck.failure(WarehouseCheck.run(plan.warehouse(), out));
      return Launch.of(failed == null ? 0 : fail(err, 1, failed));
    }
    Progress progress = new Progress(out);
    progress.plan(plan);
    progress.githubPlan(plan);
    String bigQuery = null;
    if (plan.downloadsSource().equals("bigquery")) {
      try {
        bigQuery = estimateBigQuery(options, plan).describe();
        progress.stage("EstimateBigQuery", bigQuery);
      } catch (CostGuard.OverBudgetException e) {
        return Launch.of(fail(err, 1, e.getMessage()));
      } catch (Exception e) {
        if (!plan.dryRun()) {
          return Launch.of(fail(err, 1, "cannot estimate the BigQuery read: " + oneLine(e)));
        }
        progress.stage("EstimateBigQuery", "unavailable: " + oneLine(e));
      }
    }
    if (plan.dryRun()) {
      DryRun.print(out, plan, options);
      return Launch.of(0);
    }
    return new Invocation(options, plan, progress, err, bigQuery).call();
  }

  /** {@code --templateLocation} with the DataflowRunner, else null (a normal run). */
  static String templateLocation(TechpulseOptions options) {
    String location = options.as(DataflowPipelineOptions.class).getTemplateLocation();
    if (location == null || location.isBlank()) {
      return null;
    }
    if (!options.getRunner().getSimpleName().equals("DataflowRunner")) {
      throw new IllegalArgumentException("--templateLocation needs --runner=DataflowRunner");
    }
    return location;
  }

  /**
   * Template mode: the DataflowRunner only writes the job spec. Nothing here reaches a warehouse,
   * an API or BigQuery: those belong to the job's launch, not to the template's creation.
   */
  private static int writeTemplate(
      TechpulseOptions options, RunPlan plan, String location, PrintStream out, PrintStream err) {
    try {
      run(options, plan, UUID.randomUUID().toString());
    } catch (RuntimeException e) {
      return fail(err, 1, "cannot write the template: " + oneLine(e));
    }
    out.println("techpulse: wrote the job template to " + location);
    out.flush();
    return 0;
  }

  /** Dry-runs the run's BigQuery queries; refuses one above --maxBytesBilled. */
  static CostGuard.Estimate estimateBigQuery(TechpulseOptions options, RunPlan plan)
      throws Exception {
    ReadBigQueryDownloads read =
        ReadBigQueryDownloads.forRun(
            plan.packages(), plan.startDate(), plan.endDate(), options.getChunkDays());
    List<String> queries = new ArrayList<>(read.rangeQueries());
    if (read.totalsQuery() != null) {
      queries.add(read.totalsQuery());
    }
    if (options.as(GcpOptions.class).getGcpCredential() == null) {
      throw new IllegalStateException(
          "no Google credentials found (set up Application Default Credentials:"
              + " gcloud auth application-default login)");
    }
    return CostGuard.estimate(
        new BigQueryServicesImpl(),
        options.as(BigQueryOptions.class),
        queries,
        options.getMaxBytesBilled());
  }

  /**
   * Builds the pipeline for a validated plan and submits it; the job commits itself, so the
   * caller may follow it or not.
   */
  public static PipelineResult run(TechpulseOptions options, RunPlan plan, String runId) {
    // The DirectRunner blocks in run() by default; the launcher follows progress itself.
    options.as(org.apache.beam.runners.direct.DirectOptions.class).setBlockOnRun(false);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, plan, runId);
    return pipeline.run();
  }

  /**
   * Steps: 1) fetch each package's PyPI document; 2) fetch downloads (pypistats or BigQuery) for
   * the packages PyPI knows; 3) resolve each technology's repository, snapshot it on GitHub and
   * (with a token) fetch its activity; 4) join everything per technology into the scorecard;
   * 5) spool every table's rows (and every reject, and every answer with a new ETag for the
   * next run's conditional requests) as CSV parts, named in the spool's output;
   * 6) CommitWarehouse, once every part exists: bulk-load exactly those parts into staging (and
   * mart.rejects), one statement per table, merge staging into mart and record the run's end.
   */
  static void build(Pipeline p, RunPlan plan, String runId) {
    PCollectionTuple pypi =
        p.apply("CatalogPackages", CreateAtOnce.of(plan.packages(), StringUtf8Coder.of()))
            .apply("FetchPypiPackages", new FetchPypiPackages(plan.sources(), plan.warehouse()));
    PCollection<PypiPackage> packages = pypi.get(FetchPypiPackages.PACKAGES);
    PCollection<String> known =
        packages.apply(
            "KnownPackageNames",
            MapElements.into(TypeDescriptors.strings()).via(PypiPackage::getPackageName));

    List<PCollection<Reject>> rejects = new ArrayList<>();
    rejects.add(pypi.get(FetchPypiPackages.REJECTS));
    List<PCollection<HttpCacheEntry>> cache = new ArrayList<>();
    cache.add(pypi.get(FetchPypiPackages.CACHE));
    Downloads downloads = downloads(p, plan, known, rejects);

    PCollection<KV<String, String>> resolved =
        packages.apply("ResolveRepositories", new ResolveRepositories(plan.catalog()));
    PCollectionTuple github =
        resolved
            .apply("RepoNames", Values.create())
            .apply(
                "FetchGithubRepos", new FetchGithubRepos(plan.sources(), plan.warehouse()));
    rejects.add(github.get(FetchGithubRepos.REJECTS));
    cache.add(github.get(FetchGithubRepos.CACHE));
    PCollection<KV<String, GithubRepo>> snapshots = github.get(FetchGithubRepos.REPOS);
    PCollectionTuple tables = PCollectionTuple.empty(p);
    PCollection<KV<String, RepoActivity>> activity;
    if (plan.githubActivity()) {
      PCollectionTuple act =
          snapshots
              .apply(
                  "CanonicalRepoNames",
                  MapElements.into(
                          TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                      .via(kv -> KV.of(kv.getKey(), kv.getValue().getRepo())))
              .apply(
                  "FetchGithubActivity",
                  new FetchGithubActivity(plan.sources(), plan.warehouse()));
      activity = act.get(FetchGithubActivity.ACTIVITY);
      rejects.add(act.get(FetchGithubActivity.REJECTS));
      cache.add(act.get(FetchGithubActivity.CACHE));
      tables =
          WriteWarehouse.with(
              tables, WarehouseTable.GITHUB_COMMITS_WEEKLY, act.get(FetchGithubActivity.COMMITS));
      tables =
          WriteWarehouse.with(
              tables, WarehouseTable.GITHUB_ISSUES, act.get(FetchGithubActivity.ISSUES));
      tables =
          WriteWarehouse.with(
              tables,
              WarehouseTable.GITHUB_CONTRIBUTORS_MONTHLY,
              act.get(FetchGithubActivity.CONTRIBUTORS));
      tables =
          WriteWarehouse.with(
              tables, WarehouseTable.GITHUB_RELEASES, act.get(FetchGithubActivity.RELEASES));
    } else {
      activity =
          p.apply(
              "NoGithubActivity",
              Create.empty(
                  KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(RepoActivity.class))));
    }

    PCollectionTuple scorecard =
        PCollectionTuple.of(JoinScorecard.PACKAGES, packages)
            .and(JoinScorecard.RELEASES, pypi.get(FetchPypiPackages.RELEASES))
            .and(JoinScorecard.TOTALS, downloads.scorecardTotals)
            .and(JoinScorecard.COVERED, downloads.covered)
            .and(JoinScorecard.RESOLVED, resolved)
            .and(JoinScorecard.SNAPSHOTS, snapshots)
            .and(JoinScorecard.ACTIVITY, activity)
            .and(
                JoinScorecard.VULNERABILITY_COUNTS,
                pypi.get(FetchPypiPackages.VULNERABILITY_COUNTS))
            .apply("JoinScorecard", new JoinScorecard(plan.catalog(), plan.endDate()));

    PCollection<Reject> allRejects =
        PCollectionList.of(rejects).apply("FlattenRejects", Flatten.pCollections());
    tables = WriteWarehouse.with(tables, WarehouseTable.PYPI_PACKAGES, packages);
    tables =
        WriteWarehouse.with(
            tables, WarehouseTable.PYPI_RELEASES, pypi.get(FetchPypiPackages.RELEASES));
    tables =
        WriteWarehouse.with(
            tables,
            WarehouseTable.PYPI_VULNERABILITIES,
            pypi.get(FetchPypiPackages.VULNERABILITIES));
    tables = WriteWarehouse.with(tables, WarehouseTable.PYPI_DOWNLOADS, downloads.rows);
    tables = WriteWarehouse.with(tables, WarehouseTable.PYPI_DOWNLOADS_COVERED, downloads.covered);
    tables =
        WriteWarehouse.with(
            tables,
            WarehouseTable.GITHUB_REPOS,
            snapshots.apply("RepoSnapshots", Values.create()));
    tables =
        WriteWarehouse.with(
            tables, WarehouseTable.TECHNOLOGIES, scorecard.get(JoinScorecard.TECHNOLOGIES));
    tables =
        WriteWarehouse.with(
            tables, WarehouseTable.TECHNOLOGY_SCORECARD, scorecard.get(JoinScorecard.SCORECARD));
    tables =
        WriteWarehouse.with(
            tables,
            WarehouseTable.TECHNOLOGY_SCORECARD_HISTORY,
            scorecard.get(JoinScorecard.SCORECARD));
    tables = WriteWarehouse.with(tables, WarehouseTable.REJECTS, allRejects);
    tables =
        WriteWarehouse.with(
            tables,
            WarehouseTable.HTTP_CACHE,
            PCollectionList.of(cache).apply("FlattenHttpCache", Flatten.pCollections()));
    WriteWarehouse.writeAndCommit(
        tables,
        plan.warehouse(),
        new RunSpec(runId, plan.startDate(), plan.downloadsSource()));
  }

  /** The downloads side of a run, whichever the source. */
  private record Downloads(
      PCollection<DownloadCount> rows,
      PCollection<DownloadCount> scorecardTotals,
      PCollection<DownloadsCovered> covered) {}

  private static Downloads downloads(
      Pipeline p, RunPlan plan, PCollection<String> known, List<PCollection<Reject>> rejects) {
    switch (plan.downloadsSource()) {
      case "pypistats" -> {
        PCollectionTuple stats =
            known.apply("FetchPypistatsDownloads", new FetchPypistatsDownloads(plan.sources()));
        rejects.add(stats.get(FetchPypistatsDownloads.REJECTS));
        return new Downloads(
            stats.get(FetchPypistatsDownloads.DOWNLOADS),
            stats.get(FetchPypistatsDownloads.SCORECARD_TOTALS),
            stats.get(FetchPypistatsDownloads.COVERED));
      }
      case "bigquery" -> {
        PCollectionView<List<String>> knownView = known.apply("KnownView", View.asList());
        LocalDate start = plan.startDate();
        LocalDate end = plan.endDate();
        PCollectionTuple bq =
            p.apply(
                "ReadBigQueryDownloads",
                ReadBigQueryDownloads.forRun(
                    plan.packages(),
                    plan.startDate(),
                    plan.endDate(),
                    chunkDays(p)));
        PCollection<DownloadCount> rows =
            bq.get(ReadBigQueryDownloads.DOWNLOADS)
                .apply(
                    "KeepKnownPackages",
                    ParDo.of(new KeepKnownFn(knownView)).withSideInputs(knownView));
        PCollection<DownloadCount> totals =
            bq.get(ReadBigQueryDownloads.SCORECARD_TOTALS)
                .apply(
                    "KeepKnownTotals",
                    ParDo.of(new KeepKnownFn(knownView)).withSideInputs(knownView));
        PCollection<DownloadsCovered> covered =
            known.apply(
                "CoveredByBigQuery",
                ParDo.of(
                    new DoFn<String, DownloadsCovered>() {
                      @ProcessElement
                      public void process(
                          @Element String name, OutputReceiver<DownloadsCovered> out) {
                        for (String dimension : ReadBigQueryDownloads.DIMENSIONS) {
                          out.output(
                              DownloadsCovered.create(
                                  name, ReadBigQueryDownloads.SOURCE, dimension, start, end));
                        }
                      }
                    }));
        return new Downloads(rows, totals, covered);
      }
      default -> {
        PCollection<DownloadCount> none =
            p.apply("NoDownloads", Create.empty(WarehouseRowCoder.of(DownloadCount.class)));
        PCollection<DownloadsCovered> noneCovered =
            p.apply("NoneCovered", Create.empty(WarehouseRowCoder.of(DownloadsCovered.class)));
        return new Downloads(none, none, noneCovered);
      }
    }
  }

  private static int chunkDays(Pipeline p) {
    return p.getOptions().as(TechpulseOptions.class).getChunkDays();
  }

  /** Drops BigQuery rows of packages PyPI did not know: those are already rejects. */
  static class KeepKnownFn extends DoFn<DownloadCount, DownloadCount> {
    private final PCollectionView<List<String>> known;

    KeepKnownFn(PCollectionView<List<String>> known) {
      this.known = known;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (c.sideInput(known).contains(c.element().getPackageName())) {
        c.output(c.element());
      }
    }
  }

  /**
   * On the DirectRunner: enough worker threads that fetches blocked on their APIs never starve
   * the other stages, and no per-element immutability/encodability checks (test aids that
   * encode every element several times). Each stays as given when given explicitly.
   *
   * <p>64 is measured, not free: the runner's driver loop spins on any idle worker (about half
   * the CPU of a 1,000-package run); 16 workers save 10-20 % of it and shorten the pypistats
   * phase, but start-up takes 2-4 s longer and small runs get slower (README, Benchmark).
   */
  static void directRunnerDefaults(TechpulseOptions options, String[] args) {
    if (!options.getRunner().getSimpleName().equals("DirectRunner")) {
      return;
    }
    org.apache.beam.runners.direct.DirectOptions direct =
        options.as(org.apache.beam.runners.direct.DirectOptions.class);
    if (Arrays.stream(args).noneMatch(a -> a.startsWith("--targetParallelism"))) {
      direct.setTargetParallelism(Math.max(direct.getTargetParallelism(), 64));
    }
    if (Arrays.stream(args).noneMatch(a -> a.startsWith("--enforceImmutability"))) {
      direct.setEnforceImmutability(false);
    }
    if (Arrays.stream(args).noneMatch(a -> a.startsWith("--enforceEncodability"))) {
      direct.setEnforceEncodability(false);
    }
  }

  private static void checkRunner(TechpulseOptions options, RunPlan plan) {
    String runner = options.getRunner().getSimpleName();
    if (runner.startsWith("Dataflow") && plan.warehouse().dialect().name().equals("DUCKDB")) {
      throw new IllegalArgumentException(
          "DuckDB is a local file and Dataflow workers cannot share it: use --warehouse=snowflake");
    }
    if (plan.downloadsSource().equals("bigquery")) {
      GcpOptions gcp = options.as(GcpOptions.class);
      if (gcp.getProject() == null || gcp.getProject().isBlank()) {
        throw new IllegalArgumentException("--downloadsSource=bigquery needs --project");
      }
      if (gcp.getTempLocation() == null || gcp.getTempLocation().isBlank()) {
        throw new IllegalArgumentException(
            "--downloadsSource=bigquery needs --tempLocation=gs://bucket/path for query results");
      }
    }
  }

  static int fail(PrintStream err, int code, String reason) {
    err.println("techpulse: error: " + reason);
    err.flush();
    return code;
  }

  /** The first line of an exception's message, never a stack trace. */
  static String oneLine(Throwable e) {
    Throwable t = e;
    while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    m = m.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }

  /** Beats every 20 s while a run goes, so other runs can tell it is alive. */
  private static final class Heartbeat {
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "techpulse-heartbeat");
              t.setDaemon(true);
              return t;
            });

    Heartbeat(Warehouse warehouse, String runId) {
      timer.scheduleAtFixedRate(
          () -> {
            try {
              warehouse.heartbeat(runId);
            } catch (SQLException | RuntimeException ignored) {
              // A missed beat only matters after two minutes of them.
            }
          },
          20,
          20,
          java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Stops beating; returns once no beat is in flight, so a later stamp is the last word. */
    void stop() {
      timer.shutdownNow();
      try {
        timer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * How long a launcher that does not wait vouches for its job: the run's heartbeat is stamped
   * this far ahead at submission, covering a Dataflow job's start (workers take minutes) until
   * the job's own sink DoFns beat; a job that never starts is taken as dead after it.
   */
  static final java.time.Duration SUBMIT_ALLOWANCE = java.time.Duration.ofMinutes(15);

  /**
   * One run: validate, create or upgrade the schema, record the run as started, submit; then,
   * with --waitForJob=true, follow the job and print the summary. The job itself loads, merges
   * and records the run's end ({@code CommitWarehouse}).
   */
  private static final class Invocation {
    private final TechpulseOptions options;
    private final RunPlan plan;
    private final Progress progress;
    private final PrintStream err;
    private final String bigQuery;
    private final String runId = UUID.randomUUID().toString();
    private Heartbeat heartbeat;

    Invocation(
        TechpulseOptions options,
        RunPlan plan,
        Progress progress,
        PrintStream err,
        String bigQuery) {
      this.options = options;
      this.plan = plan;
      this.progress = progress;
      this.err = err;
      this.bigQuery = bigQuery;
    }

    Launch call() {
      Warehouse warehouse = new Warehouse(plan.warehouse());
      Instant started = Instant.now();
      Launch launch = null;
      try {
        try {
          warehouse.ensureSchema();
          warehouse.startRun(runId, plan.startDate(), plan.endDate(), OptionsJson.of(options));
          warehouse.clearAbandonedSpools();
        } catch (Warehouse.ConcurrentRunException e) {
          return Launch.of(fail(err, 1, e.getMessage()));
        } catch (SQLException | java.io.IOException | RuntimeException e) {
          return Launch.of(fail(err, 1, "cannot open the warehouse: " + oneLine(e)));
        }
        heartbeat = new Heartbeat(warehouse, runId);
        try {
          launch = afterStart(warehouse, started);
          return launch;
        } finally {
          heartbeat.stop();
        }
      } finally {
        if (launch == null || launch.inProcessJob() == null) {
          Connections.release(plan.warehouse());
        }
      }
    }

    private Launch afterStart(Warehouse warehouse, Instant started) {
      String unreachable = Preflight.unreachable(plan);
      if (unreachable != null) {
        finish(warehouse, "failed");
        return Launch.of(fail(err, 1, unreachable));
      }
      progress.started(runId);
      PipelineResult result;
      try {
        result = run(options, plan, runId);
        if (!options.getWaitForJob()) {
          return submitted(warehouse, result);
        }
        progress.follow(result);
      } catch (RuntimeException e) {
        RunSpool.of(plan.warehouse(), runId).discard();
        finish(warehouse, "failed");
        return Launch.of(fail(err, 1, "pipeline failed: " + oneLine(e)));
      }
      try {
        String status = warehouse.runStatus(runId);
        Summary summary = Summary.read(warehouse, runId, plan, started, result.metrics());
        if (!"succeeded".equals(status) && !"failed".equals(status)) {
          finish(warehouse, "failed");
          return Launch.of(fail(err, 1, "the job ended without recording the run's end (status "
              + status + ")"));
        }
        summary.print(progress.out(), status, bigQuery);
        if (status.equals("succeeded")) {
          ReportStep.afterRun(options, warehouse, progress.out(), err);
        }
        if (status.equals("failed")) {
          return Launch.of(
              fail(err, 1, "no source returned anything: " + summary.firstRejectReason()));
        }
        return Launch.of(0);
      } catch (SQLException e) {
        return Launch.of(fail(err, 1, "reading the run's summary failed: " + oneLine(e)));
      }
    }

    /** --waitForJob=false: the job commits itself; the launcher vouches for it while it starts. */
    private Launch submitted(Warehouse warehouse, PipelineResult result) {
      heartbeat.stop();
      try {
        warehouse.heartbeatUntil(runId, Instant.now().plus(SUBMIT_ALLOWANCE));
      } catch (SQLException e) {
        err.println("techpulse: warning: could not extend the run's heartbeat: " + oneLine(e));
      }
      progress.stage(
          "Submitted",
          "run " + runId + " submitted; the job loads, merges and records its end in"
              + " mart.pipeline_runs itself (not waiting: --waitForJob=false)");
      boolean inProcess = options.getRunner().getSimpleName().equals("DirectRunner");
      return new Launch(0, inProcess ? result : null);
    }

    /** Records a run that never got to its commit; a run the job already finished is kept. */
    private void finish(Warehouse warehouse, String status) {
      try {
        warehouse.finishRun(runId, status, 0, 0, null);
      } catch (SQLException e) {
        err.println("techpulse: warning: could not record the run's end: " + oneLine(e));
      }
    }
  }
}
