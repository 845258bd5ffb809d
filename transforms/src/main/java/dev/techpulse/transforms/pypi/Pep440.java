package dev.techpulse.transforms.pypi;

import java.util.Locale;
import java.util.regex.Pattern;

/** PEP 440 classification of version strings. */
public final class Pep440 {
  // PEP 440's canonical regex (Appendix B), with the pre-release and dev-release groups kept.
  private static final Pattern VERSION =
      Pattern.compile(
          "^\\s*v?(?:(?:[0-9]+)!)?[0-9]+(?:\\.[0-9]+)*"
              + "(?<pre>[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?"
              + "(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?"
              + "(?<dev>[-_.]?dev[-_.]?[0-9]*)?"
              + "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?\\s*$");

  private Pep440() {}

  /**
   * True for a pre-release ({@code a}, {@code b}, {@code rc}...) or a dev release; post releases
   * are final. A string that is not PEP 440 at all is not a pre-release.
   */
  public static boolean isPrerelease(String version) {
    var m = VERSION.matcher(version.toLowerCase(Locale.ROOT));
    return m.matches() && (m.group("pre") != null || m.group("dev") != null);
  }
}
