package dev.techpulse.transforms.scorecard;

import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.transforms.BeamPrimitives;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Downloads summed per {@code (technology, window)}. The given DoFn pre-sums within each bundle.
 * On the DirectRunner its partial sums go to the join as they are ({@link JoinScorecard.ScorecardFn} adds them
 * up): a {@code Combine.perKey} there would add one grouped key per technology and window to the
 * driver's re-scans (README, Benchmark, "DirectRunner bookkeeping"). Elsewhere (see {@link
 * BeamPrimitives}) Beam's {@code Sum.longsPerKey} makes them one value per key, with the runner's
 * own combiner lifting.
 */
class SumWindows
    extends PTransform<PCollection<DownloadCount>, PCollection<KV<String, KV<String, Long>>>> {
  private final DoFn<DownloadCount, KV<String, KV<String, Long>>> perBundle;

  private SumWindows(DoFn<DownloadCount, KV<String, KV<String, Long>>> perBundle) {
    this.perBundle = perBundle;
  }

  static SumWindows of(DoFn<DownloadCount, KV<String, KV<String, Long>>> perBundle) {
    return new SumWindows(perBundle);
  }

  @Override
  public PCollection<KV<String, KV<String, Long>>> expand(PCollection<DownloadCount> totals) {
    KvCoder<String, KV<String, Long>> coder =
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    PCollection<KV<String, KV<String, Long>>> partial =
        totals.apply("SumPerBundle", ParDo.of(perBundle)).setCoder(coder);
    if (!BeamPrimitives.wanted(totals.getPipeline().getOptions())) {
      return partial;
    }
    return partial
        .apply(
            "KeyByTechnologyAndWindow",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()),
                        TypeDescriptors.longs()))
                .via(e -> KV.of(KV.of(e.getKey(), e.getValue().getKey()), e.getValue().getValue())))
        .setCoder(
            KvCoder.of(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()), VarLongCoder.of()))
        .apply("SumPerKey", Sum.longsPerKey())
        .apply(
            "KeyByTechnology",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(),
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs())))
                .via(e -> KV.of(e.getKey().getKey(), KV.of(e.getKey().getValue(), e.getValue()))))
        .setCoder(coder);
  }
}
