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

  @AfterEach
  void restore() {
    Connections.env = realEnv;
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

  @Test
  void snowflakeUrl_overridesTheAccountUrl_andAccountBecomesOptional() throws Exception {
    Connections.env =
        Map.of("SNOWFLAKE_URL", "jdbc:snowflake://myorg-acct.privatelink.snowflakecomputing.com/")
            ::get;
    Properties p = new Properties();
    assertEquals(
        "jdbc:snowflake://myorg-acct.privatelink.snowflakecomputing.com/",
        Connections.snowflakeUrl(p));
    assertNull(p.get("account"));

    Connections.env =
        Map.of("SNOWFLAKE_URL", "jdbc:snowflake://127.0.0.1:9/?ssl=off", "SNOWFLAKE_ACCOUNT", "acct")
            ::get;
    assertEquals("jdbc:snowflake://127.0.0.1:9/?ssl=off", Connections.snowflakeUrl(p));
    assertEquals("acct", p.get("account"));
  }

  @Test
  void accountAlone_buildsThePublicUrl_andNeitherIsRefusedByName() throws Exception {
    Connections.env = Map.of("SNOWFLAKE_ACCOUNT", "myorg-acct")::get;
    assertEquals(
        "jdbc:snowflake://myorg-acct.snowflakecomputing.com/",
        Connections.snowflakeUrl(new Properties()));

    Connections.env = Map.<String, String>of()::get;
    SQLException e =
        assertThrows(SQLException.class, () -> Connections.snowflakeUrl(new Properties()));
    assertEquals(
        "Snowflake needs SNOWFLAKE_ACCOUNT (or SNOWFLAKE_URL) in the environment", e.getMessage());
    Connections.env = Map.of("SNOWFLAKE_URL", "https://acct.snowflakecomputing.com")::get;
    assertThrows(SQLException.class, () -> Connections.snowflakeUrl(new Properties()));
  }
}
