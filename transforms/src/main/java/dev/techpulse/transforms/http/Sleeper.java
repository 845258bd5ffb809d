package dev.techpulse.transforms.http;

import java.time.Duration;

/** Waits; tests replace it to observe waits without spending them. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

  void sleep(Duration duration) throws InterruptedException;
}
