package dev.techpulse.transforms.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RFC 8288 {@code Link} headers as GitHub sends them. */
public final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"([^\"]+)\"");

  private LinkHeader() {}

  /** The {@code rel="next"} target, or null. */
  public static String next(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = LINK.matcher(header);
    while (m.find()) {
      for (String rel : m.group(2).split("\\s+")) {
        if (rel.equals("next")) {
          return m.group(1);
        }
      }
    }
    return null;
  }
}
