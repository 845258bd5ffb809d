package dev.techpulse.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.techpulse.pipeline.TechpulsePipeline;
import dev.techpulse.transforms.fetch.SharedPools;
import dev.techpulse.transforms.pypistats.FetchPypistatsDownloads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * One benchmark run in its own JVM, so its heap is its own: runs {@link
 * TechpulsePipeline#execute} with the given arguments and writes what it measured to a
 * properties file. While the pipeline runs, a sampler thread every {@value #SAMPLE_MILLIS} ms
 * reads the heap and the stacks of the DirectRunner's worker threads (in one thread dump, one
 * safepoint per sample): they give the time during which at least one worker was inside the
 * load: spooling rows or bulk-loading the spool (the job's LoadStaging step), and,
 * optionally, a profile.
 *
 * <p>Usage: {@code BenchChild RESULT_FILE LOG_FILE PROFILE(true|false) -- pipeline args...}
 */
public final class BenchChild {
  static final long SAMPLE_MILLIS = 10;
  private static final String SPOOL_FN =
      "dev.techpulse.transforms.warehouse.WriteWarehouse$SpoolTableFn";
  private static final String SPOOL = "dev.techpulse.transforms.warehouse.RunSpool";
  private static final String CSV = "dev.techpulse.transforms.warehouse.CsvRows";

  private BenchChild() {}

  public static void main(String[] argv) throws Exception {
    Path resultFile = Path.of(argv[0]);
    Path logFile = Path.of(argv[1]);
    boolean profile = Boolean.parseBoolean(argv[2]);
    String[] args = Arrays.copyOfRange(argv, 4, argv.length);

    Heap heap = new Heap();
    Sampler sampler = new Sampler(heap, profile);
    Permits permits = new Permits(args);
    Properties result = new Properties();
    List<String> lines = new ArrayList<>();
    List<Long> lineTimes = new ArrayList<>();
    int code;
    long t0;
    long t1;
    try (PrintStream log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
      PrintStream out = new PrintStream(new LineStamper(log, lines, lineTimes), true, StandardCharsets.UTF_8);
      if (!Boolean.getBoolean("bench.noSampler")) {
        sampler.start();
        permits.start();
      }
      t0 = System.currentTimeMillis();
      code = TechpulsePipeline.execute(args, out, out);
      t1 = System.currentTimeMillis();
      if (permits.isAlive()) {
        permits.halt();
      }
      if (sampler.isAlive()) {
        sampler.halt();
      }
      out.flush();
    }
    heap.poll();
    result.setProperty("exit", Integer.toString(code));
    result.setProperty("start", Long.toString(t0));
    result.setProperty("end", Long.toString(t1));
    synchronized (lines) {
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.contains("] run ") && l.endsWith(" started")) {
          result.setProperty("runStarted", Long.toString(lineTimes.get(i)));
        } else if (l.contains("] LoadStaging:")) {
          java.util.regex.Matcher m =
              java.util.regex.Pattern.compile("in ([0-9.]+) s").matcher(l);
          if (m.find()) {
            result.setProperty("loadMillis", Long.toString(Math.round(Double.parseDouble(m.group(1)) * 1000)));
          }
        } else if (l.contains("] MergeMart:") && !result.containsKey("pipelineDone")) {
          // The job reports the merge once done, with its duration: the merge began that long
          // before the line (give or take one progress poll, 0.5 s).
          java.util.regex.Matcher m =
              java.util.regex.Pattern.compile("in ([0-9.]+) s").matcher(l);
          long merge = m.find() ? Math.round(Double.parseDouble(m.group(1)) * 1000) : 0;
          result.setProperty("pipelineDone", Long.toString(lineTimes.get(i) - merge));
        } else if (l.contains("techpulse: error:")) {
          result.setProperty("error", l);
        }
      }
    }
    result.setProperty("peakUsed", Long.toString(heap.peakUsed.get()));
    result.setProperty("peakAfterGc", Long.toString(heap.peakAfterGc.get()));
    result.setProperty("maxHeap", Long.toString(Runtime.getRuntime().maxMemory()));
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    result.setProperty("gcCount", Long.toString(gcCount));
    result.setProperty("gcMillis", Long.toString(gcMillis));
    result.setProperty("appendFirst", Long.toString(sampler.appendFirst));
    result.setProperty("appendLast", Long.toString(sampler.appendLast));
    result.setProperty("appendBusyMillis", Long.toString(sampler.appendBusy));
    result.setProperty("copyBusyMillis", Long.toString(sampler.copyBusy));
    result.setProperty("csvBusyMillis", Long.toString(sampler.csvBusy));
    result.setProperty("samples", Long.toString(sampler.samples));
    result.setProperty("samplerMillis", Long.toString(sampler.ownNanos / 1_000_000));
    result.setProperty("cpuMillis", Long.toString(processCpuMillis()));
    for (int i = 0; i < Permits.APIS.length; i++) {
      result.setProperty("permitsHeld." + Permits.APIS[i], Double.toString(permits.average(i)));
    }
    if (profile) {
      result.setProperty("profile", sampler.profile());
    }
    try (OutputStream o = Files.newOutputStream(resultFile)) {
      result.store(o, "techpulse benchmark child");
    }
    System.exit(0);
  }

  private static long processCpuMillis() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1_000_000;
    }
    return -1;
  }

  /** Peak heap: polled, and summed over pools just before and after every collection. */
  static final class Heap {
    final AtomicLong peakUsed = new AtomicLong();
    final AtomicLong peakAfterGc = new AtomicLong();

    Heap() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener(
              (n, h) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    n.getType())) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long before = heapOnly(info.getGcInfo().getMemoryUsageBeforeGc());
                long after = heapOnly(info.getGcInfo().getMemoryUsageAfterGc());
                peakUsed.accumulateAndGet(before, Math::max);
                peakAfterGc.accumulateAndGet(after, Math::max);
              },
              null,
              null);
        }
      }
    }

    /** The usage maps hold non-heap pools (metaspace, code cache) too: sum the heap's only. */
    private static long heapOnly(Map<String, MemoryUsage> usage) {
      long sum = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        MemoryUsage u = usage.get(pool.getName());
        if (pool.getType() == MemoryType.HEAP && u != null) {
          sum += u.getUsed();
        }
      }
      return sum;
    }

    void poll() {
      peakUsed.accumulateAndGet(
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    }
  }

  /** Samples heap and stacks; accounts the union of time any thread spends appending. */
  /**
   * Requests in flight as the pipeline holds them: every {@value #PERMIT_SAMPLE_MILLIS} ms, the
   * permits taken from each API's per-JVM limit ({@link SharedPools#inFlight}), averaged from the
   * first sample with one taken to the last. Set against the fakes' own count, the difference is
   * what a request costs on top of its latency (sending, the body's transfer, the client's
   * threads), not requests the pipeline failed to keep in flight.
   */
  static final class Permits extends Thread {
    static final String[] APIS = {"pypi", "pypistats", "github"};
    private final Semaphore[] limits = new Semaphore[APIS.length];
    private final int[] concurrency = new int[APIS.length];
    private final long[] sum = new long[APIS.length];
    private final long[] count = new long[APIS.length];
    private final long[] sumAtLastUse = new long[APIS.length];
    private final long[] countAtLastUse = new long[APIS.length];
    private volatile boolean running = true;

    Permits(String[] args) {
      super("bench-permits");
      setDaemon(true);
      concurrency[0] = intOption(args, "--pypiConcurrency=", 16);
      concurrency[1] = FetchPypistatsDownloads.CONCURRENCY;
      concurrency[2] = intOption(args, "--githubConcurrency=", 16);
      for (int i = 0; i < APIS.length; i++) {
        // The same per-JVM semaphore the pipeline's fetchers take (created here if first).
        limits[i] = SharedPools.inFlight(APIS[i], concurrency[i]);
      }
    }

    private static int intOption(String[] args, String prefix, int fallback) {
      for (String a : args) {
        if (a.startsWith(prefix)) {
          return Integer.parseInt(a.substring(prefix.length()));
        }
      }
      return fallback;
    }

    void halt() throws InterruptedException {
      running = false;
      join();
    }

    synchronized double average(int i) {
      return countAtLastUse[i] == 0 ? 0 : (double) sumAtLastUse[i] / countAtLastUse[i];
    }

    @Override
    public void run() {
      while (running) {
        try {
          Thread.sleep(PERMIT_SAMPLE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
        synchronized (this) {
          for (int i = 0; i < APIS.length; i++) {
            int held = concurrency[i] - limits[i].availablePermits();
            if (held > 0 || count[i] > 0) {
              sum[i] += held;
              count[i]++;
            }
            if (held > 0) {
              sumAtLastUse[i] = sum[i];
              countAtLastUse[i] = count[i];
            }
          }
        }
      }
    }
  }

  static final int PERMIT_SAMPLE_MILLIS = 5;

  static final class Sampler extends Thread {
    private final Heap heap;
    private final boolean profile;
    private volatile boolean running = true;
    long appendFirst;
    long appendLast;
    long appendBusy;
    long copyBusy;
    long csvBusy;
    long samples;
    long ownNanos;
    private final Map<String, Long> topFrames = new HashMap<>();
    private final Map<String, Long> projectFrames = new HashMap<>();

    Sampler(Heap heap, boolean profile) {
      super("bench-sampler");
      setDaemon(true);
      this.heap = heap;
      this.profile = profile;
    }

    void halt() throws InterruptedException {
      running = false;
      join();
    }

    @Override
    public void run() {
      long last = System.currentTimeMillis();
      long refreshed = 0;
      long[] watched = new long[0];
      while (running) {
        try {
          Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
        long begin = System.nanoTime();
        long now = System.currentTimeMillis();
        long dt = now - last;
        last = now;
        heap.poll();
        if (now - refreshed >= 500) {
          watched = watchedThreads(profile);
          refreshed = now;
        }
        boolean appending = false;
        boolean copying = false;
        boolean csv = false;
        // One thread dump of every watched thread: on JDK 17 each dump, of one thread or of many,
        // stops the whole JVM at a safepoint, so a dump per thread (about 65 per sample) made the
        // sampler itself cost the run about a second at 1,000 packages.
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(watched, Integer.MAX_VALUE)) {
          if (info == null) {
            continue;
          }
          StackTraceElement[] stack = info.getStackTrace();
          if (stack.length == 0) {
            continue;
          }
          boolean inAppend = false;
          for (StackTraceElement f : stack) {
            if (f.getClassName().equals(SPOOL_FN)
                || (f.getClassName().equals(SPOOL) && f.getMethodName().equals("load"))) {
              inAppend = true;
              break;
            }
          }
          if (inAppend) {
            appending = true;
            for (StackTraceElement f : stack) {
              if (f.getClassName().startsWith("org.duckdb")) {
                copying = true;
                break;
              }
              if (f.getClassName().startsWith(CSV) || f.getClassName().startsWith(SPOOL + "$Part")) {
                csv = true;
                break;
              }
            }
          }
          if (profile && !waiting(stack)) {
            String top = stack[0].getClassName() + "." + stack[0].getMethodName();
            topFrames.merge(top, 1L, Long::sum);
            for (StackTraceElement f : stack) {
              if (f.getClassName().startsWith("dev.techpulse")) {
                projectFrames.merge(f.getClassName() + "." + f.getMethodName(), 1L, Long::sum);
                break;
              }
            }
          }
        }
        if (appending) {
          if (appendFirst == 0) {
            appendFirst = now;
          }
          appendLast = now;
          appendBusy += dt;
        }
        if (copying) {
          copyBusy += dt;
        }
        if (csv) {
          csvBusy += dt;
        }
        samples++;
        ownNanos += System.nanoTime() - begin;
      }
    }

    /**
     * The DirectRunner's workers (where every DoFn runs, the spooling of rows and the commit's
     * bulk load included), main (the launcher), plus with profiling the fetch pools.
     */
    private static final java.lang.management.ThreadMXBean THREADS =
        ManagementFactory.getThreadMXBean();

    private static long[] watchedThreads(boolean profile) {
      ThreadGroup root = Thread.currentThread().getThreadGroup();
      while (root.getParent() != null) {
        root = root.getParent();
      }
      Thread[] all = new Thread[root.activeCount() * 2 + 16];
      int n = root.enumerate(all, true);
      List<Long> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = all[i].getName();
        if (name.startsWith("direct-runner-worker")
            || name.equals("main")
            || (profile && name.startsWith("techpulse-"))) {
          out.add(all[i].getId());
        }
      }
      return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Parked, sleeping or waiting threads: left out of the profile (it shows work). */
    private static boolean waiting(StackTraceElement[] stack) {
      String top = stack[0].getClassName() + "." + stack[0].getMethodName();
      return top.equals("jdk.internal.misc.Unsafe.park")
          || top.equals("java.lang.Thread.sleep")
          || top.equals("java.lang.Object.wait")
          || top.startsWith("sun.nio.ch.EPoll");
    }

    String profile() {
      StringBuilder b = new StringBuilder();
      b.append("top frames (samples of working threads):\n");
      top(topFrames, b);
      b.append("first project frame (same samples):\n");
      top(projectFrames, b);
      return b.toString();
    }

    private static void top(Map<String, Long> counts, StringBuilder b) {
      counts.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(15)
          .forEach(e -> b.append(String.format("  %6d  %s%n", e.getValue(), e.getKey())));
    }
  }

  /** Passes output through and remembers each line with when it was printed. */
  static final class LineStamper extends OutputStream {
    private final PrintStream sink;
    private final List<String> lines;
    private final List<Long> times;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    LineStamper(PrintStream sink, List<String> lines, List<Long> times) {
      this.sink = sink;
      this.lines = lines;
      this.times = times;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      sink.write(b);
      if (b == '\n') {
        synchronized (lines) {
          lines.add(current.toString(StandardCharsets.UTF_8));
          times.add(System.currentTimeMillis());
        }
        current.reset();
      } else {
        current.write(b);
      }
    }
  }
}
