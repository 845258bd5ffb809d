package dev.techpulse.transforms.fetch;

import dev.techpulse.schemas.HttpCacheEntry;
import dev.techpulse.schemas.WarehouseRowCoder;
import dev.techpulse.transforms.http.CachedAnswers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Distinct elements, each with the cached answers of its URLs, delivered in batches: an element
 * and the {@code mart.http_cache} rows whose URL (without its query) is the element's {@link
 * #joinKey} meet in one of {@code shards} shards, so the cache is read once per run and joined,
 * instead of looked up per request.
 *
 * <p>Sharded rather than keyed by URL: runners that give each grouped key its own bundle (the
 * DirectRunner does) would hand a fetching DoFn bundles of one element, with nothing to overlap.
 * Here a bundle holds about N / shards elements. Cache rows no element asks for are dropped.
 *
 * @param <T> the element type
 */
public class JoinCachedAnswers<T>
    extends PTransform<PCollection<T>, PCollection<KV<T, List<HttpCacheEntry>>>> {
  /** Enough shards to keep every worker thread of a fetch busy, few enough for large bundles. */
  public static final int DEFAULT_SHARDS = 16;

  private final SerializableFunction<T, String> joinKey;
  private final PCollection<HttpCacheEntry> cache;
  private final int shards;

  private JoinCachedAnswers(
      SerializableFunction<T, String> joinKey, PCollection<HttpCacheEntry> cache, int shards) {
    this.joinKey = joinKey;
    this.cache = cache;
    this.shards = Math.max(1, shards);
  }

  /**
   * @param joinKey the URL (without query) of an element's first request
   * @param cache cached answers, or null when the run sends no conditional requests
   */
  public static <T> JoinCachedAnswers<T> of(
      SerializableFunction<T, String> joinKey, PCollection<HttpCacheEntry> cache) {
    return new JoinCachedAnswers<>(joinKey, cache, DEFAULT_SHARDS);
  }

  public JoinCachedAnswers<T> withShards(int n) {
    return new JoinCachedAnswers<>(joinKey, cache, n);
  }

  @Override
  public PCollection<KV<T, List<HttpCacheEntry>>> expand(PCollection<T> elements) {
    Coder<T> elementCoder = elements.getCoder();
    Coder<HttpCacheEntry> entryCoder = WarehouseRowCoder.of(HttpCacheEntry.class);
    PCollection<HttpCacheEntry> answers =
        cache != null
            ? cache
            : elements.getPipeline().apply("NoCachedAnswers", Create.empty(entryCoder));
    TupleTag<T> elementTag = new TupleTag<>("elements");
    TupleTag<HttpCacheEntry> answerTag = new TupleTag<>("answers");
    PCollection<KV<Integer, T>> keyedElements =
        elements
            .apply("ShardElements", ParDo.of(new ShardFn<>(joinKey, shards)))
            .setCoder(KvCoder.of(VarIntCoder.of(), elementCoder));
    SerializableFunction<HttpCacheEntry, String> answerKey =
        e -> CachedAnswers.joinKey(e.getUrl());
    PCollection<KV<Integer, HttpCacheEntry>> keyedAnswers =
        answers
            .apply("ShardAnswers", ParDo.of(new ShardFn<>(answerKey, shards)))
            .setCoder(KvCoder.of(VarIntCoder.of(), entryCoder));
    return KeyedPCollectionTuple.of(elementTag, keyedElements)
        .and(answerTag, keyedAnswers)
        .apply("GroupShards", CoGroupByKey.create())
        .apply("JoinPerShard", ParDo.of(new JoinFn<>(joinKey, elementTag, answerTag)))
        .setCoder(KvCoder.of(elementCoder, ListCoder.of(entryCoder)));
  }

  static int shard(String key, int shards) {
    return Math.floorMod(key.hashCode(), shards);
  }

  static class ShardFn<V> extends DoFn<V, KV<Integer, V>> {
    private final SerializableFunction<V, String> key;
    private final int shards;

    ShardFn(SerializableFunction<V, String> key, int shards) {
      this.key = key;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element V value, OutputReceiver<KV<Integer, V>> out) {
      out.output(KV.of(shard(key.apply(value), shards), value));
    }
  }

  static class JoinFn<T> extends DoFn<KV<Integer, CoGbkResult>, KV<T, List<HttpCacheEntry>>> {
    private final SerializableFunction<T, String> joinKey;
    private final TupleTag<T> elementTag;
    private final TupleTag<HttpCacheEntry> answerTag;

    JoinFn(
        SerializableFunction<T, String> joinKey,
        TupleTag<T> elementTag,
        TupleTag<HttpCacheEntry> answerTag) {
      this.joinKey = joinKey;
      this.elementTag = elementTag;
      this.answerTag = answerTag;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, CoGbkResult> shard,
        OutputReceiver<KV<T, List<HttpCacheEntry>>> out) {
      Set<T> distinct = new LinkedHashSet<>();
      for (T element : shard.getValue().getAll(elementTag)) {
        distinct.add(element);
      }
      if (distinct.isEmpty()) {
        return;
      }
      Set<String> wanted = new java.util.HashSet<>();
      for (T element : distinct) {
        wanted.add(joinKey.apply(element));
      }
      Map<String, List<HttpCacheEntry>> byKey = new HashMap<>();
      for (HttpCacheEntry e : shard.getValue().getAll(answerTag)) {
        String key = CachedAnswers.joinKey(e.getUrl());
        if (wanted.contains(key)) {
          byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
      }
      for (T element : distinct) {
        out.output(KV.of(element, byKey.getOrDefault(joinKey.apply(element), List.of())));
      }
    }
  }
}
