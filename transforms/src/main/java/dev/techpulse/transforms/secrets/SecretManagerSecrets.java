package dev.techpulse.transforms.secrets;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Secrets read from Google Secret Manager by version name, where they are used (Dataflow
 * workers, and the launcher for its own warehouse connection), so the value never travels as a
 * pipeline option, in the job graph or in Dataflow's UI. A name is not a secret and may be shown;
 * the value is never logged, put in an exception or stored beyond this JVM's memory.
 *
 * <p>Each value is fetched once per JVM and kept: every DoFn instance of a worker shares it, so a
 * job costs one Secret Manager access per secret per worker, not one per bundle.
 */
public final class SecretManagerSecrets {

  /**
   * {@code projects/P/secrets/S/versions/V}: P a project id or number, S a secret id, V a version
   * number, {@code latest} or an alias (Secret Manager's own naming rules).
   */
  public static final String VERSION_NAME_REGEX =
      "projects/([a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{1,20})/secrets/[A-Za-z0-9_-]{1,255}"
          + "/versions/(latest|[1-9][0-9]{0,18}|[A-Za-z_][A-Za-z0-9_-]{0,62})";

  private static final Pattern VERSION_NAME = Pattern.compile(VERSION_NAME_REGEX);

  private static final Map<String, String> VALUES = new ConcurrentHashMap<>();

  /** Client settings; Application Default Credentials and Google's endpoint unless replaced. */
  private static volatile Supplier<SecretManagerServiceSettings> settings =
      SecretManagerSecrets::defaultSettings;

  private SecretManagerSecrets() {}

  /**
   * Checks a version name before anything runs; a blank name is valid and means "none".
   *
   * @throws IllegalArgumentException one line naming the option and the expected form
   */
  public static void validate(String option, String name) {
    if (name != null && !name.isBlank() && !VERSION_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          option + " must be a Secret Manager version name"
              + " projects/PROJECT/secrets/SECRET/versions/VERSION (VERSION a number or latest),"
              + " not '" + name + "'");
    }
  }

  /** Whether an option names a secret (blank means none). */
  public static boolean given(String name) {
    return name != null && !name.isBlank();
  }

  /**
   * The secret's value (its payload as UTF-8), read once per JVM.
   *
   * @throws IllegalStateException one line naming the secret and the reason, never the value
   */
  public static String value(String name) {
    validate("secret name", name);
    return VALUES.computeIfAbsent(name, SecretManagerSecrets::access);
  }

  private static String access(String name) {
    AccessSecretVersionResponse response;
    try (SecretManagerServiceClient client = SecretManagerServiceClient.create(settings.get())) {
      response = client.accessSecretVersion(name);
    } catch (ApiException e) {
      throw new IllegalStateException(
          "cannot read secret " + name + " from Secret Manager: "
              + e.getStatusCode().getCode() + hint(e.getStatusCode().getCode()), e);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot reach Secret Manager for " + name + ": " + e.getMessage(), e);
    }
    byte[] data = response.getPayload().getData().toByteArray();
    if (response.getPayload().hasDataCrc32C()) {
      CRC32C crc = new CRC32C();
      crc.update(data);
      if (crc.getValue() != response.getPayload().getDataCrc32C()) {
        throw new IllegalStateException(
            "secret " + name + " arrived corrupted from Secret Manager (CRC32C mismatch)");
      }
    }
    // A secret made with `echo` or from a file ends with a newline that is not part of it.
    String value = new String(data, StandardCharsets.UTF_8).replaceFirst("[\r\n]+$", "");
    if (value.isEmpty()) {
      throw new IllegalStateException("secret " + name + " is empty");
    }
    return value;
  }

  private static String hint(StatusCode.Code code) {
    return switch (code) {
      case NOT_FOUND -> " (no such secret or version)";
      case PERMISSION_DENIED ->
          " (grant roles/secretmanager.secretAccessor on it to this service account)";
      case FAILED_PRECONDITION -> " (the version is disabled or destroyed)";
      case UNAUTHENTICATED -> " (no usable Google credentials)";
      default -> "";
    };
  }

  private static SecretManagerServiceSettings defaultSettings() {
    try {
      return SecretManagerServiceSettings.newBuilder().build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot set up a Secret Manager client: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the client settings (endpoint, transport, credentials) for this JVM and forgets the
   * values read so far; tests point it at an in-process fake. {@code null} restores Google's.
   */
  public static void useSettings(Supplier<SecretManagerServiceSettings> replacement) {
    settings = replacement == null ? SecretManagerSecrets::defaultSettings : replacement;
    VALUES.clear();
  }
}
