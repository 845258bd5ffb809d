package dev.techpulse.pipeline;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;

/** {@code --help}: techpulse's own options with their descriptions and defaults. */
final class Help {
  private Help() {}

  static void print(PrintStream out) {
    out.println("techpulse " + RunPlan.VERSION
        + ": PyPI adoption and GitHub health of data-engineering technologies.");
    out.println();
    out.println("Usage: ./run-direct.sh [--option=value ...]     (DirectRunner, DuckDB by default)");
    out.println("       ./run-dataflow.sh --project=P --region=R --tempLocation=gs://... [...]");
    out.println();
    out.println("Options:");
    Method[] getters = TechpulseOptions.class.getDeclaredMethods();
    Arrays.sort(getters, Comparator.comparing(Help::order));
    for (Method m : getters) {
      if (!m.getName().startsWith("get") || m.isAnnotationPresent(Hidden.class)) {
        continue;
      }
      String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
      Description d = m.getAnnotation(Description.class);
      out.printf("  --%-22s %s%n", name + "=" + placeholder(m), d == null ? "" : d.value());
      String def = defaultOf(m);
      if (def != null) {
        out.printf("  %-24s default: %s%n", "", def);
      }
    }
    out.println();
    out.println("Secrets come from the environment: GITHUB_TOKEN (optional), SNOWFLAKE_ACCOUNT");
    out.println("or SNOWFLAKE_URL (a full JDBC URL, e.g. PrivateLink; it wins over the account),");
    out.println("SNOWFLAKE_USER, SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY_FILE, SNOWFLAKE_WAREHOUSE,");
    out.println("SNOWFLAKE_DATABASE, SNOWFLAKE_ROLE; Google via Application Default Credentials;");
    out.println("or, by name, from Secret Manager (the --*Secret options above win over the environment).");
    out.println("Beam's own options (--runner, --project, --region, --tempLocation...) pass through.");
  }

  private static int order(Method m) {
    String[] order = {
      "getCatalog", "getPackages", "getStartDate", "getEndDate", "getDownloadsSource",
      "getWarehouse", "getDuckdbPath", "getPypiUrl", "getGithubApiUrl", "getPypistatsUrl",
      "getMaxBytesBilled", "getChunkDays", "getPypiConcurrency", "getPypistatsPerMinute",
      "getGithubConcurrency", "getGithubMaxWait", "getDryRun", "getReport", "getReportOnly",
      "getCheckWarehouse", "getWaitForJob", "getGithubTokenSecret", "getSnowflakePasswordSecret",
      "getSnowflakePrivateKeySecret"
    };
    int i = Arrays.asList(order).indexOf(m.getName());
    return i < 0 ? order.length : i;
  }

  private static String placeholder(Method m) {
    Class<?> t = m.getReturnType();
    if (t == Boolean.class) {
      return "true";
    }
    if (t == Integer.class || t == Long.class) {
      return "N";
    }
    return "VALUE";
  }

  /** An option's static default as text, or null (none, or computed at run time). */
  static String defaultOf(Method m) {
    if (m.isAnnotationPresent(Default.String.class)) {
      String v = m.getAnnotation(Default.String.class).value();
      return v.isEmpty() ? null : v;
    }
    if (m.isAnnotationPresent(Default.Integer.class)) {
      return String.valueOf(m.getAnnotation(Default.Integer.class).value());
    }
    if (m.isAnnotationPresent(Default.Long.class)) {
      return String.valueOf(m.getAnnotation(Default.Long.class).value());
    }
    if (m.isAnnotationPresent(Default.Boolean.class)) {
      return String.valueOf(m.getAnnotation(Default.Boolean.class).value());
    }
    return null;
  }
}
