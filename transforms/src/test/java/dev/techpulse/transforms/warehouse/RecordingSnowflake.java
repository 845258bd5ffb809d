package dev.techpulse.transforms.warehouse;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Records every statement techpulse's real warehouse code sends to Snowflake, with the values it
 * binds, by standing in for the Snowflake JDBC driver for the duration of a piece of work. A
 * query answers no rows (as on an empty account) unless given one. For grammar tests: what is
 * recorded is exactly what {@link Warehouse}, {@link RunSpool}, {@link WarehouseEtagStore} and
 * {@link WarehouseCheck} would send.
 */
public final class RecordingSnowflake {
  /** One statement as sent: its SQL text with {@code ?} and the values bound to them. */
  public record Sent(String sql, List<Object> binds) {}

  /** Work that talks to the warehouse. */
  public interface Work {
    void run() throws Exception;
  }

  private RecordingSnowflake() {}

  /** Runs {@code work} against the recorder and returns what it sent, in order. */
  public static List<Sent> record(Work work) throws Exception {
    return record(Map.of(), work);
  }

  /**
   * As {@link #record(Work)}, but a query beginning with a key of {@code answers} returns that
   * one row.
   */
  public static synchronized List<Sent> record(Map<String, List<Object>> answers, Work work)
      throws Exception {
    List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    List<Driver> real = new ArrayList<>();
    for (Driver d : Collections.list(DriverManager.getDrivers())) {
      if (d.getClass().getName().startsWith("net.snowflake.")) {
        real.add(d);
        DriverManager.deregisterDriver(d);
      }
    }
    Driver recorder = new RecorderDriver(sent, answers);
    DriverManager.registerDriver(recorder);
    Function<String, String> env = Connections.env;
    Connections.env =
        Map.of(
                "SNOWFLAKE_ACCOUNT", "recorder",
                "SNOWFLAKE_USER", "TECHPULSE_LOADER",
                "SNOWFLAKE_PASSWORD", "unused")::get;
    try {
      work.run();
    } finally {
      Connections.env = env;
      DriverManager.deregisterDriver(recorder);
      for (Driver d : real) {
        DriverManager.registerDriver(d);
      }
    }
    return List.copyOf(sent);
  }

  private record RecorderDriver(List<Sent> sent, Map<String, List<Object>> answers)
      implements Driver {
    @Override
    public Connection connect(String url, Properties info) {
      return acceptsURL(url) ? proxy(Connection.class, new ConnectionHandler(sent, answers)) : null;
    }

    @Override
    public boolean acceptsURL(String url) {
      return url != null && url.startsWith("jdbc:snowflake:");
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
      return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
      return 0;
    }

    @Override
    public int getMinorVersion() {
      return 0;
    }

    @Override
    public boolean jdbcCompliant() {
      return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(RecordingSnowflake.class.getClassLoader(), new Class<?>[] {type},
            handler));
  }

  /** The default answer of an unrecorded JDBC call: nothing, zero or false. */
  private static Object neutral(Method m) {
    Class<?> r = m.getReturnType();
    if (r == boolean.class) {
      return false;
    }
    if (r == int.class || r == long.class || r == short.class || r == byte.class) {
      return r == long.class ? 0L : r == short.class ? (short) 0 : r == byte.class ? (byte) 0 : 0;
    }
    if (r == double.class || r == float.class) {
      return r == double.class ? 0d : 0f;
    }
    return null;
  }

  private record ConnectionHandler(List<Sent> sent, Map<String, List<Object>> answers)
      implements InvocationHandler {
    @Override
    public Object invoke(Object self, Method m, Object[] args) {
      return switch (m.getName()) {
        case "createStatement" -> proxy(Statement.class, new StatementHandler(sent, answers, null));
        case "prepareStatement" ->
            proxy(PreparedStatement.class, new StatementHandler(sent, answers, (String) args[0]));
        case "getAutoCommit" -> true;
        case "isClosed" -> false;
        case "isValid" -> true;
        case "unwrap" -> null;
        case "toString" -> "RecordingSnowflake connection";
        case "hashCode" -> System.identityHashCode(self);
        case "equals" -> self == args[0];
        default -> neutral(m);
      };
    }
  }

  /** No rows, or the one given. */
  private static ResultSet resultSet(List<Object> row) {
    boolean[] before = {true};
    return proxy(
        ResultSet.class,
        (p, m, args) -> {
          if (m.getName().equals("next")) {
            boolean has = row != null && before[0];
            before[0] = false;
            return has;
          }
          if (row != null && m.getName().startsWith("get") && args != null && args.length >= 1
              && args[0] instanceof Integer i) {
            Object v = row.get(i - 1);
            return switch (m.getName()) {
              case "getString" -> v == null ? null : v.toString();
              case "getLong" -> v == null ? 0L : ((Number) v).longValue();
              case "getInt" -> v == null ? 0 : ((Number) v).intValue();
              default -> v;
            };
          }
          return neutral(m);
        });
  }

  private static final class StatementHandler implements InvocationHandler {
    private final List<Sent> sent;
    private final Map<String, List<Object>> answers;
    private final String prepared;
    private final TreeMap<Integer, Object> binds = new TreeMap<>();

    StatementHandler(List<Sent> sent, Map<String, List<Object>> answers, String prepared) {
      this.sent = sent;
      this.answers = answers;
      this.prepared = prepared;
    }

    @Override
    public Object invoke(Object self, Method m, Object[] args) {
      String name = m.getName();
      if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
        binds.put(i, name.equals("setNull") ? null : args[1]);
        return null;
      }
      if (name.startsWith("execute")) {
        String sql = args != null && args.length > 0 ? (String) args[0] : prepared;
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= (binds.isEmpty() ? 0 : binds.lastKey()); i++) {
          values.add(binds.get(i));
        }
        sent.add(new Sent(sql, Collections.unmodifiableList(values)));
        return switch (name) {
          case "executeQuery" -> resultSet(answers.entrySet().stream()
              .filter(a -> sql.startsWith(a.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null));
          case "execute" -> false;
          case "executeUpdate" -> 0;
          case "executeLargeUpdate" -> 0L;
          default -> neutral(m);
        };
      }
      return switch (name) {
        case "getResultSet" -> proxy(ResultSet.class, (p, rm, ra) -> neutral(rm));
        case "toString" -> "RecordingSnowflake statement";
        case "hashCode" -> System.identityHashCode(self);
        case "equals" -> self == args[0];
        default -> neutral(m);
      };
    }
  }
}
