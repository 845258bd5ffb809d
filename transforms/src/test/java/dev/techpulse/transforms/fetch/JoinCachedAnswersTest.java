package dev.techpulse.transforms.fetch;

import dev.techpulse.schemas.HttpCacheEntry;
import dev.techpulse.schemas.WarehouseRowCoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class JoinCachedAnswersTest {
  private static final Instant AT = Instant.parse("2025-06-30T12:00:00.123456Z");

  private static String url(String name) {
    return "https://pypi.example/pypi/" + name + "/json";
  }

  private static HttpCacheEntry answer(String url, String etag) {
    return HttpCacheEntry.create(url, etag, "{\"body\":\"" + etag + "\"}", null, AT);
  }

  /** An element and the ETags joined to it, sorted: "name=etag1,etag2". */
  private static PCollection<String> describe(PCollection<KV<String, List<HttpCacheEntry>>> in) {
    return in.apply(
        MapElements.into(TypeDescriptors.strings())
            .via(
                kv ->
                    kv.getKey()
                        + "="
                        + String.join(
                            ",",
                            kv.getValue().stream().map(HttpCacheEntry::getEtag).sorted()
                                .toList())));
  }

  @Test
  void duplicateNames_areFetchedOnce(TestPipeline p) {
    // given: 100 names, each listed three times, and no cache
    List<String> names = new ArrayList<>();
    List<String> distinct = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      distinct.add("pkg-" + i + "=");
      for (int k = 0; k < 3; k++) {
        names.add("pkg-" + i);
      }
    }

    // when
    PCollection<KV<String, List<HttpCacheEntry>>> out =
        p.apply(Create.of(names))
            .apply(JoinCachedAnswers.<String>of(JoinCachedAnswersTest::url, null).withShards(7));

    // then
    PAssert.that(describe(out)).containsInAnyOrder(distinct);
    p.run().waitUntilFinish();
  }

  @Test
  void cachedAnswers_joinTheirElementByUrl_andAnswersNobodyAsksForAreDropped(TestPipeline p) {
    // given: answers for a, for two pages of b (same path, other query), and for a name not asked
    PCollection<HttpCacheEntry> cache =
        p.apply(
            "Cache",
            Create.of(
                    answer(url("a"), "a1"),
                    answer(url("b"), "b1"),
                    answer(url("b") + "?page=2", "b2"),
                    answer(url("gone"), "g1"))
                .withCoder(WarehouseRowCoder.of(HttpCacheEntry.class)));

    // when
    PCollection<KV<String, List<HttpCacheEntry>>> out =
        p.apply("Names", Create.of("a", "b", "c", "a").withCoder(StringUtf8Coder.of()))
            .apply(JoinCachedAnswers.<String>of(JoinCachedAnswersTest::url, cache).withShards(3));

    // then
    PAssert.that(describe(out)).containsInAnyOrder("a=a1", "b=b1,b2", "c=");
    p.run().waitUntilFinish();
  }
}
