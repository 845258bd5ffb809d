package dev.techpulse.transforms.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.testing.FakeSecretManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets resolved through the real Secret Manager client against an in-process fake. */
class SecretManagerSecretsTest {
  static final String TOKEN = "projects/techpulse-prod/secrets/github-token/versions/3";
  static final String VALUE = "ghp_" + "SecretValueThatMustNotLeak42";

  FakeSecretManager fake;

  @BeforeEach
  void startFake() {
    fake = FakeSecretManager.start();
    SecretManagerSecrets.useSettings(fake::settings);
  }

  @AfterEach
  void stopFake() {
    SecretManagerSecrets.useSettings(null);
    fake.close();
  }

  @Test
  void value_isReadThroughTheClientLibrary_oncePerJvm() {
    fake.put(TOKEN, VALUE + "\n");

    assertEquals(VALUE, SecretManagerSecrets.value(TOKEN), "the trailing newline is not the secret");
    assertEquals(VALUE, SecretManagerSecrets.value(TOKEN));

    assertEquals(1, fake.accesses(TOKEN), "cached for every later DoFn of this JVM");
    assertTrue(
        fake.callHeaders().get(0).contains("grpc-timeout="),
        "the call went through gax with Secret Manager's per-call deadline: "
            + fake.callHeaders());
  }

  @Test
  void missingSecret_isOneLineNamingTheSecret() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SecretManagerSecrets.value(TOKEN));

    assertEquals(
        "cannot read secret " + TOKEN + " from Secret Manager: NOT_FOUND (no such secret or"
            + " version)",
        e.getMessage());
  }

  @Test
  void permissionDenied_namesTheSecretAndTheRole_neverTheValue() {
    fake.put(TOKEN, VALUE).deny(TOKEN);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SecretManagerSecrets.value(TOKEN));

    assertTrue(e.getMessage().contains(TOKEN), e.getMessage());
    assertTrue(e.getMessage().contains("PERMISSION_DENIED"), e.getMessage());
    assertTrue(e.getMessage().contains("roles/secretmanager.secretAccessor"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("SecretValue"), "value in " + t);
    }
  }

  @Test
  void failedLookup_isNotCached_soAGrantTakesEffectOnTheNextSetup() {
    assertThrows(IllegalStateException.class, () -> SecretManagerSecrets.value(TOKEN));
    fake.put(TOKEN, VALUE);

    assertEquals(VALUE, SecretManagerSecrets.value(TOKEN));
    assertEquals(2, fake.accesses(TOKEN));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "projects/techpulse-prod/secrets/github-token/versions/latest",
        "projects/123456789012/secrets/GITHUB_TOKEN/versions/12",
        "projects/my-project/secrets/sf-key/versions/prod"
      })
  void versionNames_inSecretManagersForms_areValid(String name) {
    SecretManagerSecrets.validate("--githubTokenSecret", name);
    SecretManagerSecrets.validate("--githubTokenSecret", "");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "github-token",
        "projects/p/secrets/s",
        "projects/techpulse-prod/secrets/github-token",
        "projects/techpulse-prod/secrets/github-token/versions/0",
        "projects/techpulse-prod/secrets/github token/versions/1",
        "https://secretmanager.googleapis.com/v1/projects/techpulse-prod/secrets/s/versions/1"
      })
  void malformedName_isOneLineBeforeAnyCall(String name) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SecretManagerSecrets.validate("--githubTokenSecret", name));

    assertEquals(
        "--githubTokenSecret must be a Secret Manager version name"
            + " projects/PROJECT/secrets/SECRET/versions/VERSION (VERSION a number or latest),"
            + " not '" + name + "'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SecretManagerSecrets.value(name));
    assertTrue(fake.callHeaders().isEmpty(), "no call for a malformed name");
  }
}
