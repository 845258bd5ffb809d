package dev.techpulse.transforms.scorecard;

import dev.techpulse.transforms.BeamPrimitives;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGbkResultSchema;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.join.UnionCoder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * {@link CoGroupByKey} for string keys, shuffled by key shard: the same {@code (key,
 * CoGbkResult)} pairs, but the runner groups {@code shards} keys instead of one per catalog
 * technology. The DirectRunner tracks every grouped key and gives each its own bundle; with
 * thousands of technologies that bookkeeping, not the join, was the cost. Values of one shard are
 * grouped by key in memory: a shard holds a few numbers per technology, never download
 * histories.
 *
 * <p>Only on the DirectRunner (see {@link BeamPrimitives}; README, Benchmark, "DirectRunner
 * bookkeeping"). Elsewhere this is Beam's {@code CoGroupByKey} itself, one key per technology,
 * so no stage is capped at {@code shards} keys.
 */
public class ShardedCoGroupByKey
    extends PTransform<KeyedPCollectionTuple<String>, PCollection<KV<String, CoGbkResult>>> {
  private final int shards;

  private ShardedCoGroupByKey(int shards) {
    this.shards = Math.max(1, shards);
  }

  public static ShardedCoGroupByKey create(int shards) {
    return new ShardedCoGroupByKey(shards);
  }

  @Override
  public PCollection<KV<String, CoGbkResult>> expand(KeyedPCollectionTuple<String> input) {
    if (BeamPrimitives.wanted(input.getPipeline().getOptions())) {
      return input.apply("JoinByKey", CoGroupByKey.create());
    }
    List<TupleTag<?>> tags = new ArrayList<>();
    List<TupleTag<?>> shardTags = new ArrayList<>();
    List<Coder<?>> valueCoders = new ArrayList<>();
    KeyedPCollectionTuple<Integer> sharded = null;
    for (KeyedPCollectionTuple.TaggedKeyedPCollection<String, ?> tagged :
        input.getKeyedCollections()) {
      String id = tagged.getTupleTag().getId();
      String name = id.matches("[A-Z][A-Za-z]*") ? "Shard" + id : "ShardInput" + tags.size();
      Shard<?> shard = shard(tagged, shards, name);
      tags.add(tagged.getTupleTag());
      valueCoders.add(shard.valueCoder());
      shardTags.add(shard.tag());
      sharded = shard.addTo(sharded);
    }
    CoGbkResultSchema schema = CoGbkResultSchema.of(tags);
    return sharded
        .apply("GroupShards", CoGroupByKey.create())
        .apply("RegroupByKey", ParDo.of(new RegroupFn(tags, shardTags)))
        .setCoder(
            KvCoder.of(
                StringUtf8Coder.of(),
                CoGbkResult.CoGbkResultCoder.of(schema, UnionCoder.of(valueCoders))));
  }

  /** One input keyed by its key's shard, with the original key kept in the value. */
  private record Shard<V>(
      TupleTag<KV<String, V>> tag, PCollection<KV<Integer, KV<String, V>>> rows, Coder<V> valueCoder) {
    KeyedPCollectionTuple<Integer> addTo(KeyedPCollectionTuple<Integer> tuple) {
      return tuple == null ? KeyedPCollectionTuple.of(tag, rows) : tuple.and(tag, rows);
    }
  }

  private static <V> Shard<V> shard(
      KeyedPCollectionTuple.TaggedKeyedPCollection<String, V> tagged, int shards, String name) {
    PCollection<KV<String, V>> rows = tagged.getCollection();
    Coder<V> valueCoder = ((KvCoder<String, V>) rows.getCoder()).getValueCoder();
    PCollection<KV<Integer, KV<String, V>>> keyed =
        rows.apply(name, ParDo.of(new ShardFn<V>(shards)))
            .setCoder(
                KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), valueCoder)));
    return new Shard<>(new TupleTag<KV<String, V>>(), keyed, valueCoder);
  }

  static class ShardFn<V> extends DoFn<KV<String, V>, KV<Integer, KV<String, V>>> {
    private final int shards;

    ShardFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(
        @Element KV<String, V> e, OutputReceiver<KV<Integer, KV<String, V>>> out) {
      out.output(KV.of(Math.floorMod(e.getKey().hashCode(), shards), e));
    }
  }

  /** Splits one shard's grouped values back into one CoGbkResult per original key. */
  static class RegroupFn extends DoFn<KV<Integer, CoGbkResult>, KV<String, CoGbkResult>> {
    private final TupleTagList tags;
    private final TupleTagList shardTags;

    RegroupFn(List<TupleTag<?>> tags, List<TupleTag<?>> shardTags) {
      this.tags = TupleTagList.of(tags);
      this.shardTags = TupleTagList.of(shardTags);
    }

    @ProcessElement
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void process(
        @Element KV<Integer, CoGbkResult> shard, OutputReceiver<KV<String, CoGbkResult>> out) {
      int n = tags.size();
      Map<String, List<Object>[]> byKey = new HashMap<>();
      for (int i = 0; i < n; i++) {
        TupleTag<KV<String, Object>> shardTag = (TupleTag) shardTags.get(i);
        for (KV<String, Object> kv : shard.getValue().getAll(shardTag)) {
          List<Object>[] lists =
              byKey.computeIfAbsent(
                  kv.getKey(),
                  k -> {
                    List<Object>[] fresh = new List[n];
                    for (int j = 0; j < n; j++) {
                      fresh[j] = new ArrayList<>();
                    }
                    return fresh;
                  });
          lists[i].add(kv.getValue());
        }
      }
      for (Map.Entry<String, List<Object>[]> e : byKey.entrySet()) {
        CoGbkResult result = CoGbkResult.of((TupleTag) tags.get(0), e.getValue()[0]);
        for (int i = 1; i < n; i++) {
          result = result.and((TupleTag) tags.get(i), e.getValue()[i]);
        }
        out.output(KV.of(e.getKey(), result));
      }
    }
  }
}
