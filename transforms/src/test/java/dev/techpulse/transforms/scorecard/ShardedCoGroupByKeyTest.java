package dev.techpulse.transforms.scorecard;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sharded join gives exactly what CoGroupByKey gives, keys missing from a side included. */
@ExtendWith(TestPipelineExtension.class)
class ShardedCoGroupByKeyTest {
  static final TupleTag<Integer> NUMBERS = new TupleTag<>() {};
  static final TupleTag<String> WORDS = new TupleTag<>() {};

  @Test
  void shardedJoin_groupsLikeCoGroupByKey(TestPipeline p) {
    // given: more keys than shards, a key on one side only, a key with several values
    List<KV<String, Integer>> numbers = new ArrayList<>();
    List<KV<String, String>> words = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      numbers.add(KV.of("tech-" + i, i));
      numbers.add(KV.of("tech-" + i, i * 100));
      if (i % 3 == 0) {
        words.add(KV.of("tech-" + i, "w" + i));
      }
    }
    words.add(KV.of("only-words", "lonely"));
    PCollection<KV<String, Integer>> left =
        p.apply("Numbers", Create.of(numbers).withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())));
    PCollection<KV<String, String>> right =
        p.apply("Words", Create.of(words).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));

    // when
    PCollection<String> sharded =
        describe(
            "Sharded",
            KeyedPCollectionTuple.of(NUMBERS, left)
                .and(WORDS, right)
                .apply("ShardedJoin", ShardedCoGroupByKey.create(4)));
    PCollection<String> plain =
        describe(
            "Plain",
            KeyedPCollectionTuple.of(NUMBERS, left)
                .and(WORDS, right)
                .apply("PlainJoin", CoGroupByKey.create()));

    // then
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      expected.add(
          "tech-" + i + " " + List.of(i, i * 100) + " " + (i % 3 == 0 ? List.of("w" + i) : List.of()));
    }
    expected.add("only-words [] [lonely]");
    PAssert.that(sharded).containsInAnyOrder(expected);
    PAssert.that(plain).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  private static PCollection<String> describe(String name, PCollection<KV<String, CoGbkResult>> joined) {
    return joined.apply(
        "Describe" + name,
        MapElements.into(TypeDescriptors.strings())
            .via(
                kv -> {
                  List<Integer> n = new ArrayList<>();
                  kv.getValue().getAll(NUMBERS).forEach(n::add);
                  n.sort(null);
                  List<String> w = new ArrayList<>();
                  kv.getValue().getAll(WORDS).forEach(w::add);
                  w.sort(null);
                  return kv.getKey() + " " + n + " " + w;
                }));
  }
}
