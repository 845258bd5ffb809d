package dev.techpulse.transforms;

import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Whether a composite expands to Beam's own primitive ({@code CoGroupByKey}, {@code Distinct},
 * {@code Create}, {@code Combine.perKey}) or to the DirectRunner-shaped stand-in next to it.
 *
 * <p>The stand-ins exist for one measured reason (README, Benchmark, "DirectRunner
 * bookkeeping"): the DirectRunner's driver loop re-scans every grouped key and pending root while
 * work is outstanding, 70-80 % of the benchmark child's CPU samples at 1,000 packages before they
 * came in. No runner with a real shuffle has that loop, and a fixed shard count there would cap a
 * stage at that many keys, so every other runner gets Beam's primitives. The experiment {@value
 * #EXPERIMENT} selects Beam's primitives on the DirectRunner too, so tests can prove both shapes
 * compute the same tables.
 */
public final class BeamPrimitives {
  public static final String EXPERIMENT = "techpulse_beam_primitives";

  private BeamPrimitives() {}

  public static boolean wanted(PipelineOptions options) {
    return !options.getRunner().getSimpleName().equals("DirectRunner")
        || ExperimentalOptions.hasExperiment(options, EXPERIMENT);
  }
}
