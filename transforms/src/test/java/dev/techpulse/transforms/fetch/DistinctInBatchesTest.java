package dev.techpulse.transforms.fetch;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class DistinctInBatchesTest {
  @Test
  void duplicateNames_areFetchedOnce(TestPipeline p) {
    // given: 100 names, each listed three times
    List<String> names = new ArrayList<>();
    List<String> distinct = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      distinct.add("pkg-" + i);
      for (int k = 0; k < 3; k++) {
        names.add("pkg-" + i);
      }
    }

    // when
    PCollection<String> out = p.apply(Create.of(names)).apply(new DistinctInBatches(7));

    // then
    PAssert.that(out).containsInAnyOrder(distinct);
    p.run().waitUntilFinish();
  }
}
