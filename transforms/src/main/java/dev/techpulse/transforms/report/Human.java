package dev.techpulse.transforms.report;

import java.util.Locale;

/** Numbers as people read them in the report: 12.3 M, +4.5 %, 3.2 d. */
public final class Human {
  private Human() {}

  /** A count: 987, 12.3 k, 4.6 M, 1.2 B. */
  public static String count(long n) {
    long abs = Math.abs(n);
    if (abs < 1_000) {
      return Long.toString(n);
    }
    String[] units = {"k", "M", "B", "T"};
    double v = n;
    int u = -1;
    while (Math.abs(v) >= 999.95 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** A ratio as a signed percentage: 0.045 is +4.5 %, -0.021 is -2.1 %. */
  public static String percent(double ratio) {
    return String.format(Locale.ROOT, "%+.1f %%", ratio * 100);
  }

  /** A ratio as an unsigned whole percentage: 0.857 is 86 %, 1.25 is 125 %. */
  public static String share(double ratio) {
    return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
  }

  /** Fractional days: 3.2 d. */
  public static String days(double d) {
    return String.format(Locale.ROOT, "%.1f d", d);
  }
}
