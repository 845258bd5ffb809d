package dev.techpulse.transforms.secrets;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * An RSA private key from its PEM text (PKCS#8, {@code BEGIN PRIVATE KEY}), the form Snowflake's
 * key-pair setup produces. Given to the Snowflake driver as an object, the key never touches a
 * disk. Errors name where the key came from and never quote it.
 */
public final class PemPrivateKey {
  private PemPrivateKey() {}

  /**
   * @param source where the PEM came from (a secret's name), for error messages
   * @throws IllegalArgumentException one line saying what is wrong with the key
   */
  public static PrivateKey parse(String source, String pem) {
    if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
      throw new IllegalArgumentException(
          source + " holds an encrypted key: store it unencrypted (Secret Manager encrypts it"
              + " at rest): openssl pkcs8 -in key.p8 -nocrypt -out plain.p8");
    }
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException(
          source + " holds a PKCS#1 key: convert it to PKCS#8 with"
              + " openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.p8");
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          source + " is not a PEM private key (-----BEGIN PRIVATE KEY----- ...)");
    }
    String body = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end);
    try {
      byte[] der = Base64.getMimeDecoder().decode(body);
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(source + " is not a readable RSA private key (PKCS#8)");
    }
  }
}
