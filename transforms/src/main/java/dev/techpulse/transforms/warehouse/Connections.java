package dev.techpulse.transforms.warehouse;

import dev.techpulse.transforms.secrets.PemPrivateKey;
import dev.techpulse.transforms.secrets.SecretManagerSecrets;
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
 * or Secret Manager and go nowhere but the driver.
 */
public final class Connections {
  private static final Map<String, DuckDBConnection> DUCKDB = new ConcurrentHashMap<>();

  /**
   * Environment lookup: {@code System::getenv}, swapped by in-process tests to point a run at a
   * Snowflake stand-in without a child process.
   */
  public static volatile Function<String, String> env = System::getenv;

  private Connections() {}

  public static Connection open(WarehouseConfig config) throws SQLException {
    return switch (config.dialect()) {
      case DUCKDB -> duckdb(config.duckdbPath());
      case SNOWFLAKE -> snowflakeLogin.open(config);
    };
  }

  /** Opens a connection, or fails as the driver does. */
  @FunctionalInterface
  interface Login {
    Connection open(WarehouseConfig config) throws SQLException;
  }

  /** Snowflake's login; a field so reuse can be counted without an account. */
  static Login snowflakeLogin = Connections::snowflake;

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

  /**
   * A connection to hold for a few statements and give back: on Snowflake an idle one of this
   * JVM's is reused (a worker logs in once per thread it ever needed, not once per bundle's PUT);
   * on DuckDB a fresh duplicate of the JVM's database.
   */
  public static Lease lease(WarehouseConfig config) throws SQLException {
    if (config.dialect() == WarehouseConfig.Dialect.SNOWFLAKE) {
      java.util.Deque<Connection> idle = idle(config);
      Connection c;
      while ((c = idle.pollFirst()) != null) {
        if (!c.isClosed()) {
          return new Lease(config, c);
        }
      }
    }
    return new Lease(config, open(config));
  }

  private static java.util.Deque<Connection> idle(WarehouseConfig config) {
    return IDLE.computeIfAbsent(config, k -> new java.util.concurrent.ConcurrentLinkedDeque<>());
  }

  private static final Map<WarehouseConfig, java.util.Deque<Connection>> IDLE =
      new ConcurrentHashMap<>();

  /** Closes this JVM's idle Snowflake connections (a worker shutting down, or a test). */
  static void closeIdle() {
    for (java.util.Deque<Connection> idle : IDLE.values()) {
      Connection c;
      while ((c = idle.pollFirst()) != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // Closing an idle connection is best effort.
        }
      }
    }
  }

  /** A leased connection; one that failed a statement is closed rather than reused. */
  public static final class Lease implements AutoCloseable {
    private final WarehouseConfig config;
    private final Connection connection;
    private boolean broken;

    private Lease(WarehouseConfig config, Connection connection) {
      this.config = config;
      this.connection = connection;
    }

    public Connection connection() {
      return connection;
    }

    /** Marks the connection unfit for reuse (a statement on it failed). */
    public void broken() {
      broken = true;
    }

    @Override
    public void close() throws SQLException {
      if (config.dialect() == WarehouseConfig.Dialect.SNOWFLAKE
          && !broken
          && !connection.isClosed()
          && connection.getAutoCommit()) {
        idle(config).addFirst(connection);
      } else {
        connection.close();
      }
    }
  }

  /** Closes the JVM's DuckDB database for a file, releasing its lock for other processes. */
  public static void release(WarehouseConfig config) {
    if (config.dialect() != WarehouseConfig.Dialect.DUCKDB) {
      // The job in this JVM is done: log its leased sessions out rather than leave them idle.
      closeIdle();
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

  private static Connection snowflake(WarehouseConfig config) throws SQLException {
    Properties props = new Properties();
    String url = snowflakeUrl(props);
    props.putAll(snowflakeProperties(config));
    return DriverManager.getConnection(url, props);
  }

  /**
   * {@code SNOWFLAKE_URL} when set (a full JDBC URL: PrivateLink, a region-specific host, a
   * stand-in), passing {@code SNOWFLAKE_ACCOUNT} as the driver's account if given too; else the
   * public URL of {@code SNOWFLAKE_ACCOUNT}.
   */
  static String snowflakeUrl(Properties props) throws SQLException {
    String url = env.apply("SNOWFLAKE_URL");
    if (url == null || url.isBlank()) {
      String account = env.apply("SNOWFLAKE_ACCOUNT");
      if (account == null || account.isBlank()) {
        throw new SQLException(
            "Snowflake needs SNOWFLAKE_ACCOUNT (or SNOWFLAKE_URL) in the environment");
      }
      return "jdbc:snowflake://" + account + ".snowflakecomputing.com/";
    }
    if (!url.startsWith("jdbc:snowflake://")) {
      throw new SQLException("SNOWFLAKE_URL must start with jdbc:snowflake://");
    }
    putIfSet(props, "account", "SNOWFLAKE_ACCOUNT");
    return url;
  }

  /** Driver properties from the environment; the password or key never leaves them. */
  static Properties snowflakeProperties() throws SQLException {
    return snowflakeProperties(WarehouseConfig.snowflake());
  }

  /**
   * Driver properties: a Secret Manager version named in the config wins over the environment
   * (the private key over the password); the password or key never leaves them.
   */
  static Properties snowflakeProperties(WarehouseConfig config) throws SQLException {
    Properties props = new Properties();
    props.put("user", required("SNOWFLAKE_USER"));
    String password = env.apply("SNOWFLAKE_PASSWORD");
    String keyFile = env.apply("SNOWFLAKE_PRIVATE_KEY_FILE");
    String keySecret = config.snowflakePrivateKeySecret();
    String passwordSecret = config.snowflakePasswordSecret();
    if (SecretManagerSecrets.given(keySecret) || SecretManagerSecrets.given(passwordSecret)) {
      try {
        if (SecretManagerSecrets.given(keySecret)) {
          props.put("privateKey",
              PemPrivateKey.parse(keySecret, SecretManagerSecrets.value(keySecret)));
        } else {
          props.put("password", SecretManagerSecrets.value(passwordSecret));
        }
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new SQLException(e.getMessage(), e);
      }
    } else if (keyFile != null && !keyFile.isBlank()) {
      props.put("private_key_file", keyFile);
      String keyPassword = env.apply("SNOWFLAKE_PRIVATE_KEY_FILE_PWD");
      if (keyPassword != null) {
        props.put("private_key_file_pwd", keyPassword);
      }
    } else if (password != null && !password.isBlank()) {
      props.put("password", password);
    } else {
      throw new SQLException(
          "Snowflake needs SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY_FILE in the environment,"
              + " or --snowflakePasswordSecret or --snowflakePrivateKeySecret");
    }
    putIfSet(props, "warehouse", "SNOWFLAKE_WAREHOUSE");
    putIfSet(props, "db", "SNOWFLAKE_DATABASE");
    putIfSet(props, "role", "SNOWFLAKE_ROLE");
    // Arrow result sets need --add-opens on Java 17; JSON results need nothing.
    props.put("JDBC_QUERY_RESULT_FORMAT", "JSON");
    // Otherwise each login first probes cloud metadata addresses (169.254.169.254) to describe
    // its platform: traffic techpulse never needs, and the wrong host for a local stand-in.
    props.put("disablePlatformDetection", "true");
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
