package dev.techpulse.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * A collection known when the pipeline is built, emitted in one go: {@code Create.of(list)}
 * reads its elements as a splittable source that the DirectRunner checkpoints every hundred
 * elements, and it resumes such a root only when nothing else is running. With fetches running
 * for minutes, the catalog's thousands of repositories then arrived only after the last
 * download, and GitHub waited for pypistats. One element holding the list, expanded by a DoFn,
 * has nothing to resume.
 *
 * <p>Only on the DirectRunner (see {@link BeamPrimitives}): elsewhere this is Beam's {@code
 * Create}, whose source the runner splits and reads like any other.
 */
public class CreateAtOnce<T> extends PTransform<PBegin, PCollection<T>> {
  private final List<T> items;
  private final Coder<T> coder;

  private CreateAtOnce(List<T> items, Coder<T> coder) {
    this.items = new ArrayList<>(items);
    this.coder = coder;
  }

  public static <T> CreateAtOnce<T> of(List<T> items, Coder<T> coder) {
    return new CreateAtOnce<>(items, coder);
  }

  @Override
  public PCollection<T> expand(PBegin begin) {
    if (BeamPrimitives.wanted(begin.getPipeline().getOptions())) {
      return begin.apply("CreateAll", Create.of(items).withCoder(coder));
    }
    List<List<T>> one = new ArrayList<>();
    one.add(items);
    return begin
        .apply("AllAtOnce", Create.of(one).withCoder(ListCoder.of(coder)))
        .apply("Expand", ParDo.of(new ExpandFn<T>()))
        .setCoder(coder);
  }

  static class ExpandFn<T> extends DoFn<List<T>, T> {
    @ProcessElement
    public void process(@Element List<T> items, OutputReceiver<T> out) {
      for (T item : items) {
        out.output(item);
      }
    }
  }
}
