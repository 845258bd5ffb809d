package dev.techpulse.transforms.pypi;

import java.util.Locale;
import java.util.regex.Pattern;

/** PEP 508 name validation and PEP 503 normalization. */
public final class PackageNames {
  private static final Pattern PEP_508 =
      Pattern.compile("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

  private PackageNames() {}

  public static boolean isValid(String name) {
    return name != null && PEP_508.matcher(name).matches();
  }

  /** The PEP 503 normalized form; throws on a name that is not valid PEP 508. */
  public static String normalize(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException(
          "invalid package name '" + name + "' (PEP 508: letters, digits, '.', '_', '-')");
    }
    return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
  }
}
