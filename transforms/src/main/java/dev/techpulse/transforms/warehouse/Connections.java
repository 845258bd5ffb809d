package dev.techpulse.transforms.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;

/**
 * Opens warehouse connections.
 *
 * <p>DuckDB allows one process per database file, so a JVM keeps one open database per file and
 * hands out {@link DuckDBConnection#duplicate() duplicates}: every DoFn thread gets its own
 * connection to the same in-process database. Snowflake credentials come from the environment
 * and go nowhere but the driver.
 */
public final class Connections {
  private static final Map<String, DuckDBConnection> DUCKDB = new ConcurrentHashMap<>();

  /** Environment lookup; a field so the key-pair path can be exercised without a real account. */
  static Function<String, String> env = System::getenv;

  private Connections() {}

  public static Connection open(WarehouseConfig config) throws SQLException {
    return switch (config.dialect()) {
      case DUCKDB -> duckdb(config.duckdbPath());
      case SNOWFLAKE -> snowflake();
    };
  }

  private static Connection duckdb(String path) throws SQLException {
    Path file = Path.of(path).toAbsolutePath().normalize();
    DuckDBConnection base = DUCKDB.get(file.toString());
    if (base == null || base.isClosed()) {
      synchronized (DUCKDB) {
        base = DUCKDB.get(file.toString());
        if (base == null || base.isClosed()) {
          try {
            if (file.getParent() != null) {
              Files.createDirectories(file.getParent());
            }
          } catch (IOException e) {
            throw new SQLException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
          }
          // Rows carry their own keys and dates; letting DuckDB load and merge them in any order
          // makes bulk statements faster and lighter on memory.
          Properties settings = new Properties();
          settings.setProperty("preserve_insertion_order", "false");
          // The driver itself, not DriverManager, which would first load every JDBC driver on the
          // classpath (Snowflake's with its crypto providers: 0.4 s of CPU at each start).
          base = (DuckDBConnection) new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + file, settings);
          DUCKDB.put(file.toString(), base);
        }
      }
    }
    return base.duplicate();
  }

  /** Closes the JVM's DuckDB database for a file, releasing its lock for other processes. */
  public static void release(WarehouseConfig config) {
    if (config.dialect() != WarehouseConfig.Dialect.DUCKDB) {
      return;
    }
    String key = Path.of(config.duckdbPath()).toAbsolutePath().normalize().toString();
    DuckDBConnection base = DUCKDB.remove(key);
    if (base != null) {
      try {
        base.close();
      } catch (SQLException ignored) {
        // Closing is best effort; the process is about to end or open it again.
      }
    }
  }

  private static Connection snowflake() throws SQLException {
    String account = required("SNOWFLAKE_ACCOUNT");
    Properties props = snowflakeProperties();
    return DriverManager.getConnection(
        "jdbc:snowflake://" + account + ".snowflakecomputing.com/", props);
  }

  /** Driver properties from the environment; the password or key never leaves them. */
  static Properties snowflakeProperties() throws SQLException {
    Properties props = new Properties();
    props.put("user", required("SNOWFLAKE_USER"));
    String password = env.apply("SNOWFLAKE_PASSWORD");
    String keyFile = env.apply("SNOWFLAKE_PRIVATE_KEY_FILE");
    if (keyFile != null && !keyFile.isBlank()) {
      props.put("private_key_file", keyFile);
      String keyPassword = env.apply("SNOWFLAKE_PRIVATE_KEY_FILE_PWD");
      if (keyPassword != null) {
        props.put("private_key_file_pwd", keyPassword);
      }
    } else if (password != null && !password.isBlank()) {
      props.put("password", password);
    } else {
      throw new SQLException(
          "Snowflake needs SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY_FILE in the environment");
    }
    putIfSet(props, "warehouse", "SNOWFLAKE_WAREHOUSE");
    putIfSet(props, "db", "SNOWFLAKE_DATABASE");
    putIfSet(props, "role", "SNOWFLAKE_ROLE");
    // Arrow result sets need --add-opens on Java 17; JSON results need nothing.
    props.put("JDBC_QUERY_RESULT_FORMAT", "JSON");
    props.put("application", "techpulse");
    return props;
  }

  private static void putIfSet(Properties props, String key, String variable) {
    String value = env.apply(variable);
    if (value != null && !value.isBlank()) {
      props.put(key, value);
    }
  }

  private static String required(String variable) throws SQLException {
    String value = env.apply(variable);
    if (value == null || value.isBlank()) {
      throw new SQLException("Snowflake needs " + variable + " in the environment");
    }
    return value;
  }
}
