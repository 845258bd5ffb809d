package dev.techpulse.transforms.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Snowflake credentials come from the environment and go only into the driver's properties. */
class SnowflakeConnectionTest {
  private final Function<String, String> realEnv = Connections.env;

  private final Connections.Login realLogin = Connections.snowflakeLogin;

  @AfterEach
  void restore() {
    Connections.env = realEnv;
    Connections.snowflakeLogin = realLogin;
    Connections.closeIdle();
  }

  @Test
  void leasedConnections_areReusedAcrossBundles_butNotShared_andABrokenOneIsDropped()
      throws Exception {
    // given: every login counted (a real JDBC connection stands in for Snowflake's)
    java.util.concurrent.atomic.AtomicInteger logins = new java.util.concurrent.atomic.AtomicInteger();
    Connections.snowflakeLogin =
        () -> {
          logins.incrementAndGet();
          return java.sql.DriverManager.getConnection("jdbc:duckdb:");
        };
    WarehouseConfig config = WarehouseConfig.snowflake();

    // when: ten bundles one after another, then two at once, then one whose statement failed
    java.sql.Connection first;
    try (Connections.Lease lease = Connections.lease(config)) {
      first = lease.connection();
    }
    for (int i = 0; i < 9; i++) {
      try (Connections.Lease lease = Connections.lease(config)) {
        assertTrue(lease.connection() == first, "the idle connection is reused");
      }
    }
    int afterSequential = logins.get();
    try (Connections.Lease a = Connections.lease(config);
        Connections.Lease b = Connections.lease(config)) {
      assertFalse(a.connection() == b.connection(), "two threads never share one");
    }
    int afterConcurrent = logins.get();
    try (Connections.Lease lease = Connections.lease(config)) {
      lease.broken();
    }
    java.sql.Connection afterBroken;
    try (Connections.Lease lease = Connections.lease(config)) {
      afterBroken = lease.connection();
    }

    // then
    assertEquals(1, afterSequential, "one login for ten sequential bundles");
    assertEquals(2, afterConcurrent);
    assertTrue(first.isClosed() || afterBroken != first, "a broken connection is not handed out");
  }

  @Test
  void keyPair_isPreferred_andRoleWarehouseDatabaseComeFromEnv() throws Exception {
    Connections.env =
        Map.of(
                "SNOWFLAKE_USER", "loader",
                "SNOWFLAKE_PRIVATE_KEY_FILE", "/keys/rsa.p8",
                "SNOWFLAKE_PASSWORD", "unused-password",
                "SNOWFLAKE_ROLE", "TRANSFORMER",
                "SNOWFLAKE_WAREHOUSE", "WH",
                "SNOWFLAKE_DATABASE", "ANALYTICS")::get;

    Properties p = Connections.snowflakeProperties();

    assertEquals("loader", p.get("user"));
    assertEquals("/keys/rsa.p8", p.get("private_key_file"));
    assertNull(p.get("password"), "the password is not sent when a key is configured");
    assertEquals("TRANSFORMER", p.get("role"));
    assertEquals("WH", p.get("warehouse"));
    assertEquals("ANALYTICS", p.get("db"));
    assertEquals("JSON", p.get("JDBC_QUERY_RESULT_FORMAT"));
  }

  @Test
  void password_isUsedWithoutAKey() throws Exception {
    Connections.env = Map.of("SNOWFLAKE_USER", "u", "SNOWFLAKE_PASSWORD", "s3cret")::get;

    assertEquals("s3cret", Connections.snowflakeProperties().get("password"));
  }

  @Test
  void missingCredentials_nameTheVariable_neverAValue() {
    Connections.env = Map.of("SNOWFLAKE_USER", "u")::get;

    SQLException e = assertThrows(SQLException.class, Connections::snowflakeProperties);
    assertTrue(e.getMessage().contains("SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY_FILE"));
    assertFalse(e.getMessage().contains("u "));
  }
}
