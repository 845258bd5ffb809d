package dev.techpulse.transforms.fetch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fixed thread pool per API per JVM, so "N requests in flight per worker" holds however many
 * DoFn instances the runner creates.
 */
public final class SharedPools {
  private static final Map<String, ExecutorService> POOLS = new ConcurrentHashMap<>();

  private SharedPools() {}

  public static ExecutorService forApi(String api, int threads) {
    return POOLS.computeIfAbsent(
        api + "/" + threads,
        k -> {
          AtomicInteger n = new AtomicInteger();
          return Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "techpulse-" + api + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
        });
  }
}
