package dev.techpulse.transforms.fetch;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The same elements, regrouped into about {@code shards} bundles. The output of a grouping keyed
 * by technology comes one key per bundle on the DirectRunner, i.e. one spool part (one file) per
 * technology; regrouped, a table's rows arrive in a few parts.
 */
public class Batched<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private final int shards;

  private Batched(int shards) {
    this.shards = Math.max(1, shards);
  }

  public static <T> Batched<T> of(int shards) {
    return new Batched<>(shards);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    Coder<T> coder = input.getCoder();
    return input
        .apply("SpreadOverShards", ParDo.of(new SpreadFn<T>(shards)))
        .setCoder(KvCoder.of(VarIntCoder.of(), coder))
        .apply("GroupShards", GroupByKey.create())
        .apply("Ungroup", ParDo.of(new UngroupFn<T>()))
        .setCoder(coder);
  }

  static class SpreadFn<T> extends DoFn<T, KV<Integer, T>> {
    private final int shards;
    private transient int next;

    SpreadFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<Integer, T>> out) {
      next = (next + 1) % shards;
      out.output(KV.of(next, element));
    }
  }

  static class UngroupFn<T> extends DoFn<KV<Integer, Iterable<T>>, T> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<T>> shard, OutputReceiver<T> out) {
      for (T element : shard.getValue()) {
        out.output(element);
      }
    }
  }
}
