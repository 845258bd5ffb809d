package dev.techpulse.transforms.fetch;

import dev.techpulse.schemas.HttpCacheEntry;
import dev.techpulse.schemas.WarehouseRowCoder;
import dev.techpulse.transforms.BeamPrimitives;
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
import org.apache.beam.sdk.coders.StringUtf8Coder;
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
 * Only on the DirectRunner (see {@link BeamPrimitives}); elsewhere the join is keyed by URL.
 *
 * @param <T> the element type
 */
public class JoinCachedAnswers<T>
    extends PTransform<PCollection<T>, PCollection<KV<T, List<HttpCacheEntry>>>> {
  /** Enough shards to keep every worker thread of a fetch busy, few enough for large bundles. */
  public static final int DEFAULT_SHARDS = 16;

  private final SerializableFunction<T, String> joinKey;
  private final SerializableFunction<HttpCacheEntry, String> answerKey;
  private final PCollection<HttpCacheEntry> cache;
  private final int shards;

  private JoinCachedAnswers(
      SerializableFunction<T, String> joinKey,
      SerializableFunction<HttpCacheEntry, String> answerKey,
      PCollection<HttpCacheEntry> cache,
      int shards) {
    this.joinKey = joinKey;
    this.answerKey = answerKey;
    this.cache = cache;
    this.shards = Math.max(1, shards);
  }

  /**
   * @param joinKey the URL (without query) of an element's first request
   * @param cache cached answers, or null when the run sends no conditional requests
   */
  public static <T> JoinCachedAnswers<T> of(
      SerializableFunction<T, String> joinKey, PCollection<HttpCacheEntry> cache) {
    return new JoinCachedAnswers<>(
        joinKey, e -> CachedAnswers.joinKey(e.getUrl()), cache, DEFAULT_SHARDS);
  }

  public JoinCachedAnswers<T> withShards(int n) {
    return new JoinCachedAnswers<>(joinKey, answerKey, cache, n);
  }

  /**
   * Joins a cached answer to the elements whose {@code joinKey} equals {@code key} of it, for
   * elements that send several requests (a PyPI document, then perhaps its Simple API page).
   */
  public JoinCachedAnswers<T> withAnswerKey(SerializableFunction<HttpCacheEntry, String> key) {
    return new JoinCachedAnswers<>(joinKey, key, cache, shards);
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
    SerializableFunction<T, String> elementKey = joinKey;
    SerializableFunction<HttpCacheEntry, String> answerKey = this.answerKey;
    if (BeamPrimitives.wanted(elements.getPipeline().getOptions())) {
      // A runner with a real shuffle: one key per URL, no shard count to cap the fetch after it.
      return KeyedPCollectionTuple.of(
              elementTag,
              elements
                  .apply("KeyElements", ParDo.of(new KeyFn<>(elementKey)))
                  .setCoder(KvCoder.of(StringUtf8Coder.of(), elementCoder)))
          .and(
              answerTag,
              answers
                  .apply("KeyAnswers", ParDo.of(new KeyFn<>(answerKey)))
                  .setCoder(KvCoder.of(StringUtf8Coder.of(), entryCoder)))
          .apply("JoinByUrl", CoGroupByKey.create())
          .apply("JoinPerUrl", ParDo.of(new JoinFn<String, T>(joinKey, answerKey, elementTag, answerTag)))
          .setCoder(KvCoder.of(elementCoder, ListCoder.of(entryCoder)));
    }
    int n = shards;
    return KeyedPCollectionTuple.of(
            elementTag,
            elements
                .apply("ShardElements", ParDo.of(new KeyFn<T, Integer>(v -> shard(elementKey.apply(v), n))))
                .setCoder(KvCoder.of(VarIntCoder.of(), elementCoder)))
        .and(
            answerTag,
            answers
                .apply(
                    "ShardAnswers",
                    ParDo.of(
                        new KeyFn<HttpCacheEntry, Integer>(
                            v -> {
                              String k = answerKey.apply(v);
                              return k == null ? null : shard(k, n);
                            })))
                .setCoder(KvCoder.of(VarIntCoder.of(), entryCoder)))
        .apply("GroupShards", CoGroupByKey.create())
        .apply("JoinPerShard", ParDo.of(new JoinFn<Integer, T>(joinKey, answerKey, elementTag, answerTag)))
        .setCoder(KvCoder.of(elementCoder, ListCoder.of(entryCoder)));
  }

  static int shard(String key, int shards) {
    return Math.floorMod(key.hashCode(), shards);
  }

  static class KeyFn<V, K> extends DoFn<V, KV<K, V>> {
    private final SerializableFunction<V, K> key;

    KeyFn(SerializableFunction<V, K> key) {
      this.key = key;
    }

    @ProcessElement
    public void process(@Element V value, OutputReceiver<KV<K, V>> out) {
      K k = key.apply(value);
      if (k != null) {
        // A cached answer no element can ask for (another API under the same prefix) is dropped.
        out.output(KV.of(k, value));
      }
    }
  }

  static class JoinFn<K, T> extends DoFn<KV<K, CoGbkResult>, KV<T, List<HttpCacheEntry>>> {
    private final SerializableFunction<T, String> joinKey;
    private final SerializableFunction<HttpCacheEntry, String> answerKey;
    private final TupleTag<T> elementTag;
    private final TupleTag<HttpCacheEntry> answerTag;

    JoinFn(
        SerializableFunction<T, String> joinKey,
        SerializableFunction<HttpCacheEntry, String> answerKey,
        TupleTag<T> elementTag,
        TupleTag<HttpCacheEntry> answerTag) {
      this.joinKey = joinKey;
      this.answerKey = answerKey;
      this.elementTag = elementTag;
      this.answerTag = answerTag;
    }

    @ProcessElement
    public void process(
        @Element KV<K, CoGbkResult> shard,
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
        String key = answerKey.apply(e);
        if (key != null && wanted.contains(key)) {
          byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
      }
      for (T element : distinct) {
        out.output(KV.of(element, byKey.getOrDefault(joinKey.apply(element), List.of())));
      }
    }
  }
}
