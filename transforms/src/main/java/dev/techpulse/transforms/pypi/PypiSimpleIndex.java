package dev.techpulse.transforms.pypi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.techpulse.schemas.PypiRelease;
import dev.techpulse.transforms.http.Json;
import dev.techpulse.transforms.http.MalformedResponseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed JSON Simple API page ({@code GET /simple/{package}/}, PEP 691 with PEP 700's {@code
 * versions}, {@code upload-time}, {@code size} and {@code yanked}): the package's releases with
 * the JSON API's definitions (contract definitions 3 and 11), for documents without {@code
 * releases}.
 *
 * <p>The page lists files, not releases: a file's version comes from its name, parsed as a wheel
 * ({@code name-version(-build)?-py-abi-platform.whl}) or an sdist ({@code name-version.tar.gz},
 * {@code .zip}, ...). Other legacy kinds (eggs, installers) do not name their version reliably
 * and are not counted. A version in {@code versions} without files is a release without files.
 */
public final class PypiSimpleIndex {
  /** The media type asked for: the JSON form of the Simple API, version 1. */
  public static final String MEDIA_TYPE = "application/vnd.pypi.simple.v1+json";

  private static final List<String> SDIST_EXTENSIONS =
      List.of(".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tar");

  private PypiSimpleIndex() {}

  /** A file name's version and kind, or null when it is neither a wheel nor an sdist. */
  record ParsedFile(String version, boolean wheel) {}

  public static List<PypiRelease> parse(String packageName, String body)
      throws MalformedResponseException {
    JsonNode root = Json.parse(body, "simple index");
    if (!root.isObject()) {
      throw new MalformedResponseException("simple index: expected an object");
    }
    JsonNode meta = Json.object(root, "meta", "meta");
    String apiVersion = Json.requiredText(meta, "api-version", "meta.api-version");
    if (!apiVersion.startsWith("1.")) {
      throw new MalformedResponseException(
          "meta.api-version: unsupported '" + apiVersion + "' (expected 1.x)");
    }
    Map<String, Builder> byVersion = new LinkedHashMap<>();
    Map<String, String> canonical = new LinkedHashMap<>();
    JsonNode versions = root.get("versions");
    if (versions != null && !versions.isNull()) {
      if (!versions.isArray()) {
        throw new MalformedResponseException("versions: expected an array");
      }
      for (int i = 0; i < versions.size(); i++) {
        JsonNode v = versions.get(i);
        if (!v.isTextual() || v.asText().isEmpty()) {
          throw new MalformedResponseException("versions[" + i + "]: expected a string");
        }
        canonical.putIfAbsent(key(v.asText()), v.asText());
        byVersion.computeIfAbsent(v.asText(), Builder::new);
      }
    }
    JsonNode files = Json.array(root, "files", "files");
    for (int i = 0; i < files.size(); i++) {
      JsonNode file = files.get(i);
      String path = "files[" + i + "]";
      if (!file.isObject()) {
        throw new MalformedResponseException(path + ": expected an object");
      }
      String filename = Json.requiredText(file, "filename", path + ".filename");
      ParsedFile parsed = parseFilename(packageName, filename);
      if (parsed == null) {
        continue;
      }
      String version = canonical.getOrDefault(key(parsed.version()), parsed.version());
      canonical.putIfAbsent(key(version), version);
      Builder b = byVersion.computeIfAbsent(version, Builder::new);
      b.files++;
      Instant uploaded = Json.optionalInstant(file, "upload-time", path + ".upload-time");
      if (uploaded != null && (b.earliest == null || uploaded.isBefore(b.earliest))) {
        b.earliest = uploaded;
      }
      b.yanked |= yanked(file, path);
      if (parsed.wheel()) {
        b.wheels++;
      } else if (b.sdistSize == null) {
        b.sdistSize = Json.optionalLong(file, "size", path + ".size");
      }
    }
    List<PypiRelease> out = new ArrayList<>(byVersion.size());
    for (Builder b : byVersion.values()) {
      out.add(
          PypiRelease.create(
              packageName,
              b.version,
              b.earliest,
              Pep440.isPrerelease(b.version),
              b.yanked,
              b.files,
              b.wheels,
              b.sdistSize));
    }
    return out;
  }

  /** PEP 592 in PEP 691's form: {@code false}, {@code true} or a reason (yanked). */
  private static boolean yanked(JsonNode file, String path) throws MalformedResponseException {
    JsonNode y = file.get("yanked");
    if (y == null || y.isNull()) {
      return false;
    }
    if (y.isBoolean()) {
      return y.asBoolean();
    }
    if (y.isTextual()) {
      return true;
    }
    throw new MalformedResponseException(path + ".yanked: expected a boolean or a reason");
  }

  /**
   * The version a wheel or sdist file name carries, or null for other kinds. The name part is
   * compared with the project's PEP 503 name, so names with {@code -}, {@code _} or {@code .}
   * (and legacy sdists that kept them) are split at the right dash.
   */
  static ParsedFile parseFilename(String packageName, String filename) {
    String lower = filename.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".whl")) {
      String[] parts = filename.substring(0, filename.length() - 4).split("-");
      // name-version(-build)?-python-abi-platform: 5 or 6 parts; the name has no dash.
      if ((parts.length == 5 || parts.length == 6) && sameName(parts[0], packageName)) {
        return new ParsedFile(parts[1], true);
      }
      return null;
    }
    for (String ext : SDIST_EXTENSIONS) {
      if (lower.endsWith(ext)) {
        String stem = filename.substring(0, filename.length() - ext.length());
        for (int dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
          if (sameName(stem.substring(0, dash), packageName) && dash + 1 < stem.length()) {
            return new ParsedFile(stem.substring(dash + 1), false);
          }
        }
        return null;
      }
    }
    return null;
  }

  private static boolean sameName(String namePart, String packageName) {
    return namePart.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-").equals(packageName);
  }

  /** Wheels write a version's {@code -} as {@code _}: versions compare without case or that. */
  private static String key(String version) {
    return version.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static final class Builder {
    final String version;
    Instant earliest;
    boolean yanked;
    int files;
    int wheels;
    Long sdistSize;

    Builder(String version) {
      this.version = version;
    }
  }
}
