package dev.techpulse.transforms.fetch;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import dev.techpulse.transforms.BeamPrimitives;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Distinct names, delivered in batches: each name goes to one of {@code shards} shards by its
 * hash, and a shard's distinct names come out together. {@code Distinct} makes one key per name,
 * and runners that give each grouped key its own bundle (the DirectRunner does) would then hand
 * a fetching DoFn bundles of one name: nothing to overlap within a bundle, and a spool part per
 * name. Here a bundle holds about N / shards names.
 *
 * <p>Only on the DirectRunner (see {@link BeamPrimitives}): the README's benchmark measured the
 * one-name bundles there. Elsewhere this is Beam's {@code Distinct}, so the fetch after it is
 * not capped at {@code shards} keys; a runner with a real shuffle hands a DoFn bundles of many
 * keys.
 */
public class DistinctInBatches extends PTransform<PCollection<String>, PCollection<String>> {
  /** Enough shards to keep every worker thread of a fetch busy, few enough for large bundles. */
  public static final int DEFAULT_SHARDS = 16;

  private final int shards;

  public DistinctInBatches(int shards) {
    this.shards = Math.max(1, shards);
  }

  public static DistinctInBatches create() {
    return new DistinctInBatches(DEFAULT_SHARDS);
  }

  @Override
  public PCollection<String> expand(PCollection<String> names) {
    if (BeamPrimitives.wanted(names.getPipeline().getOptions())) {
      return names.apply("DistinctNames", Distinct.create());
    }
    return names
        .apply("KeyByShard", ParDo.of(new KeyByShardFn(shards)))
        .setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()))
        .apply("GroupShards", GroupByKey.create())
        .apply("DistinctPerShard", ParDo.of(new DistinctPerShardFn()));
  }

  static class KeyByShardFn extends DoFn<String, KV<Integer, String>> {
    private final int shards;

    KeyByShardFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element String name, OutputReceiver<KV<Integer, String>> out) {
      out.output(KV.of(Math.floorMod(name.hashCode(), shards), name));
    }
  }

  static class DistinctPerShardFn extends DoFn<KV<Integer, Iterable<String>>, String> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<String>> shard, OutputReceiver<String> out) {
      Set<String> seen = new LinkedHashSet<>();
      for (String name : shard.getValue()) {
        if (seen.add(name)) {
          out.output(name);
        }
      }
    }
  }
}
