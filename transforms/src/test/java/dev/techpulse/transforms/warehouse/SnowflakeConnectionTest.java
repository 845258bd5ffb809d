package dev.techpulse.transforms.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.testing.FakeSecretManager;
import dev.techpulse.transforms.secrets.SecretManagerSecrets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Snowflake credentials come from the environment and go only into the driver's properties. */
class SnowflakeConnectionTest {
  private final Function<String, String> realEnv = Connections.env;

  private final Connections.Login realLogin = Connections.snowflakeLogin;

  static final String KEY = "projects/techpulse-prod/secrets/snowflake-key/versions/1";
  static final String PASSWORD = "projects/techpulse-prod/secrets/snowflake-password/versions/2";

  @AfterEach
  void restore() {
    Connections.env = realEnv;
    Connections.snowflakeLogin = realLogin;
    Connections.closeIdle();
    SecretManagerSecrets.useSettings(null);
  }

  @Test
  void leasedConnections_areReusedAcrossBundles_butNotShared_andABrokenOneIsDropped()
      throws Exception {
    // given: every login counted (a real JDBC connection stands in for Snowflake's)
    java.util.concurrent.atomic.AtomicInteger logins = new java.util.concurrent.atomic.AtomicInteger();
    Connections.snowflakeLogin =
        c -> {
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

  static String pkcs8Pem(KeyPair pair) {
    return dev.techpulse.testing.snowflake.SnowflakeStandIn.pem(pair);
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
  void privateKeySecret_reachesTheDriverAsAKeyObject_andWinsOverTheEnvironment() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    try (FakeSecretManager fake = FakeSecretManager.start()) {
      fake.put(KEY, pkcs8Pem(pair)).put(PASSWORD, "from-secret-manager");
      SecretManagerSecrets.useSettings(fake::settings);
      Connections.env =
          Map.of(
                  "SNOWFLAKE_USER", "loader",
                  "SNOWFLAKE_PRIVATE_KEY_FILE", "/keys/rsa.p8",
                  "SNOWFLAKE_PASSWORD", "env-password")::get;

      Properties p = Connections.snowflakeProperties(WarehouseConfig.snowflake(PASSWORD, KEY));

      PrivateKey key = (PrivateKey) p.get("privateKey");
      assertEquals(pair.getPrivate(), key, "the PEM's key, parsed");
      assertNull(p.get("private_key_file"), "the secret wins over SNOWFLAKE_PRIVATE_KEY_FILE");
      assertNull(p.get("password"), "no password beside a key");
      assertEquals(0, fake.accesses(PASSWORD), "the password secret is not even read");
    }
  }

  @Test
  void passwordSecret_winsOverSnowflakePassword() throws Exception {
    try (FakeSecretManager fake = FakeSecretManager.start()) {
      fake.put(PASSWORD, "from-secret-manager");
      SecretManagerSecrets.useSettings(fake::settings);
      Connections.env = Map.of("SNOWFLAKE_USER", "u", "SNOWFLAKE_PASSWORD", "env-password")::get;

      Properties p = Connections.snowflakeProperties(WarehouseConfig.snowflake(PASSWORD, ""));

      assertEquals("from-secret-manager", p.get("password"));
      assertEquals(
          "env-password",
          Connections.snowflakeProperties(WarehouseConfig.snowflake()).get("password"),
          "without a secret name the environment still works");
    }
  }

  @Test
  void encryptedKeyInSecret_isOneLineNamingTheSecret_neverItsContent() throws Exception {
    try (FakeSecretManager fake = FakeSecretManager.start()) {
      fake.put(KEY, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkqhkiG9w0BBQ0w\n"
          + "-----END ENCRYPTED PRIVATE KEY-----\n");
      SecretManagerSecrets.useSettings(fake::settings);
      Connections.env = Map.of("SNOWFLAKE_USER", "u")::get;

      SQLException e =
          assertThrows(
              SQLException.class,
              () -> Connections.snowflakeProperties(WarehouseConfig.snowflake(null, KEY)));

      assertTrue(e.getMessage().startsWith(KEY + " holds an encrypted key"), e.getMessage());
      assertFalse(e.getMessage().contains("MIIF"));
      assertFalse(e.getMessage().contains("\n"));
    }
  }

  @Test
  void deniedSecret_isOneLineSqlErrorNamingIt() {
    try (FakeSecretManager fake = FakeSecretManager.start()) {
      fake.put(PASSWORD, "hunter2-from-secret-manager").deny(PASSWORD);
      SecretManagerSecrets.useSettings(fake::settings);
      Connections.env = Map.of("SNOWFLAKE_USER", "u")::get;

      SQLException e =
          assertThrows(
              SQLException.class,
              () -> Connections.snowflakeProperties(WarehouseConfig.snowflake(PASSWORD, null)));

      assertTrue(e.getMessage().contains(PASSWORD + " from Secret Manager: PERMISSION_DENIED"));
      assertFalse(e.getMessage().contains("hunter2"));
    }
  }

  @Test
  void realDriver_signsItsKeyPairLoginWithTheKeyFromSecretManager() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    java.util.List<String> logins = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (FakeSecretManager fake = FakeSecretManager.start();
        mockwebserver3.MockWebServer snowflake = new mockwebserver3.MockWebServer()) {
      snowflake.setDispatcher(
          new mockwebserver3.Dispatcher() {
            @Override
            public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest r) {
              logins.add(r.getTarget() + " " + r.getBody().utf8());
              return new mockwebserver3.MockResponse.Builder()
                  .addHeader("Content-Type", "application/json")
                  .body("{\"data\":null,\"code\":\"390144\",\"message\":\"JWT token is"
                      + " invalid.\",\"success\":false}")
                  .build();
            }
          });
      snowflake.start(java.net.InetAddress.getLoopbackAddress(), 0);
      fake.put(KEY, pkcs8Pem(pair));
      SecretManagerSecrets.useSettings(fake::settings);
      Connections.env = Map.of("SNOWFLAKE_USER", "loader")::get;
      Properties p = Connections.snowflakeProperties(WarehouseConfig.snowflake(null, KEY));
      assertEquals(
          "true", p.get("disablePlatformDetection"), "no probe of cloud metadata addresses");
      p.put("account", "techpulse");
      p.put("ssl", "off");
      p.put("loginTimeout", "10");

      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  java.sql.DriverManager.getConnection(
                      "jdbc:snowflake://127.0.0.1:" + snowflake.getPort() + "/", p));

      assertTrue(e.getMessage().contains("JWT token is invalid"), e.getMessage());
      String login = logins.get(0);
      assertTrue(login.startsWith("/session/v1/login-request"), login);
      com.fasterxml.jackson.databind.JsonNode data =
          dev.techpulse.transforms.http.Json.MAPPER
              .readTree(login.substring(login.indexOf(' ') + 1))
              .get("data");
      assertEquals("SNOWFLAKE_JWT", data.get("AUTHENTICATOR").asText());
      String[] jwt = data.get("TOKEN").asText().split("\\.");
      java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
      rsa.initVerify(pair.getPublic());
      rsa.update((jwt[0] + "." + jwt[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertTrue(rsa.verify(Base64.getUrlDecoder().decode(jwt[2])), "signed with our key");
      String fingerprint =
          Base64.getEncoder()
              .encodeToString(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(pair.getPublic().getEncoded()));
      String claims =
          new String(Base64.getUrlDecoder().decode(jwt[1]), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(
          claims.contains("\"iss\":\"TECHPULSE.LOADER.SHA256:" + fingerprint + "\""), claims);
      String der = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
      for (String request : logins) {
        assertFalse(request.contains(der.substring(0, 40)), "the key itself went over the wire");
      }
    }
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
