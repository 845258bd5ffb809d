package dev.techpulse.transforms.fetch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Spaces requests evenly to stay within a per-minute limit, shared by every thread of a JVM. */
public final class Pacer {
  private static final Map<String, Pacer> PACERS = new ConcurrentHashMap<>();

  private final long intervalNanos;
  private long nextSlot = System.nanoTime();

  private Pacer(int perMinute) {
    this.intervalNanos = Duration.ofMinutes(1).toNanos() / Math.max(1, perMinute);
  }

  public static Pacer forApi(String api, int perMinute) {
    return PACERS.computeIfAbsent(api + "/" + perMinute, k -> new Pacer(perMinute));
  }

  /** Blocks until this caller's slot. */
  public void acquire() throws InterruptedException {
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
