package dev.techpulse.testing.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * Checks a key-pair login's JWT as Snowflake does: RS256 signature by the user's registered
 * public key, subject {@code ACCOUNT.USER}, issuer {@code ACCOUNT.USER.SHA256:<fingerprint of that
 * key>}, not expired.
 */
final class Jwt {
  private Jwt() {}

  /** Null when the token is good, else what is wrong with it. */
  static String verify(String token, PublicKey key, String user, Instant now) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return "not a JWT";
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      JsonNode header = SnowflakeStandIn.JSON.readTree(b64.decode(parts[0]));
      JsonNode claims = SnowflakeStandIn.JSON.readTree(b64.decode(parts[1]));
      if (!"RS256".equals(header.path("alg").asText())) {
        return "algorithm " + header.path("alg").asText() + " is not RS256";
      }
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(b64.decode(parts[2]))) {
        return "signature does not match the registered public key";
      }
      String sub = claims.path("sub").asText();
      String expectedUser = user.toUpperCase(Locale.ROOT);
      if (!sub.endsWith("." + expectedUser)) {
        return "subject " + sub + " is not user " + expectedUser;
      }
      String fingerprint =
          "SHA256:"
              + Base64.getEncoder()
                  .encodeToString(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
      if (!claims.path("iss").asText().equals(sub + "." + fingerprint)) {
        return "issuer " + claims.path("iss").asText() + " does not name the key " + fingerprint;
      }
      if (claims.path("exp").asLong() < now.getEpochSecond()) {
        return "expired";
      }
      return null;
    } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
      return "unreadable: " + e.getMessage();
    }
  }
}
