package dev.techpulse.transforms.pypi;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code owner/name} a package's metadata points at on GitHub. */
public final class GithubUrls {
  private static final Pattern REPO_URL =
      Pattern.compile(
          "^(?:git\\+)?(?:https?|git|ssh)?(?::)?(?://)?(?:git@)?(?:www\\.)?github\\.com[/:]"
              + "([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)/([A-Za-z0-9._-]+)",
          Pattern.CASE_INSENSITIVE);

  /** First path segments of github.com that are not owners. */
  private static final Set<String> NOT_OWNERS =
      Set.of("sponsors", "orgs", "features", "marketplace", "topics", "collections", "settings",
          "apps", "about", "pricing", "login", "enterprise", "explore", "notifications");

  private GithubUrls() {}

  /**
   * {@code owner/name} lower-cased, or null when the URL is not a repository on github.com
   * (sponsors, orgs, {@code *.github.io} and gists are not).
   */
  public static String repoOf(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = REPO_URL.matcher(url.trim());
    if (!m.find()) {
      return null;
    }
    String owner = m.group(1).toLowerCase(Locale.ROOT);
    String name = m.group(2).toLowerCase(Locale.ROOT);
    if (NOT_OWNERS.contains(owner)) {
      return null;
    }
    if (name.endsWith(".git")) {
      name = name.substring(0, name.length() - 4);
    }
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      return null;
    }
    return owner + "/" + name;
  }
}
