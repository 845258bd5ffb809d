package dev.techpulse.testing;

import java.io.Closeable;
import java.io.IOException;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricsEnvironment;

/**
 * A Beam metrics container for the calling thread, as a runner sets one around a DoFn: lets a
 * test read what a client counted outside a pipeline.
 */
public final class ScopedMetrics implements Closeable {
  private final MetricsContainerImpl container = new MetricsContainerImpl("test-step");
  private final Closeable scope = MetricsEnvironment.scopedMetricsContainer(container);

  public long counter(String namespace, String name) {
    return container.getCounter(MetricName.named(namespace, name)).getCumulative();
  }

  /** The distribution's minimum, or -1 when nothing was recorded. */
  public long distributionMin(String namespace, String name) {
    var d = container.getDistribution(MetricName.named(namespace, name)).getCumulative();
    return d.count() == 0 ? -1 : d.min();
  }

  public long gauge(String namespace, String name) {
    return container.getGauge(MetricName.named(namespace, name)).getCumulative().value();
  }

  @Override
  public void close() throws IOException {
    scope.close();
  }
}
