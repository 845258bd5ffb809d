package dev.techpulse.transforms.pypi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.PypiRelease;
import dev.techpulse.schemas.PypiVulnerability;
import dev.techpulse.transforms.http.Json;
import dev.techpulse.transforms.http.MalformedResponseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code GET /pypi/{package}/json} document: the package row, one row per release and
 * the vulnerabilities PyPI lists for {@code info.version}.
 *
 * <p>Reads every schema PyPI has served: the legacy one (no {@code project_urls}, no {@code
 * upload_time_iso_8601}), the 2019 one (no {@code yanked}), the current one, and one without
 * {@code releases} (PyPI has announced the key may go; version documents already lack it).
 *
 * @param releases null when the document has no {@code releases} key: the releases must then
 *     come from the Simple API ({@link PypiSimpleIndex})
 * @param vulnerabilities null when the document has no {@code vulnerabilities} key (older
 *     schemas), which is not the same as an empty list
 */
public record PypiDocument(
    PypiPackage pkg, List<PypiRelease> releases, List<PypiVulnerability> vulnerabilities) {

  /** How much of an entry's {@code details} is kept (contract definition 11). */
  static final int DETAILS_CHARS = 2000;

  /** Entries not withdrawn: the scorecard's {@code vulnerabilities_latest}; null without the key. */
  public Long activeVulnerabilities() {
    return vulnerabilities == null
        ? null
        : vulnerabilities.stream().filter(v -> v.getWithdrawnAt() == null).count();
  }

  public static PypiDocument parse(String packageName, String body, Instant pulledAt)
      throws MalformedResponseException {
    JsonNode root = Json.parse(body, "pypi document");
    if (!root.isObject()) {
      throw new MalformedResponseException("pypi document: expected an object");
    }
    JsonNode info = Json.object(root, "info", "info");
    String version = Json.requiredText(info, "version", "info.version");
    String license = Json.optionalText(info, "license_expression", "info.license_expression");
    if (license == null) {
      license = Json.optionalText(info, "license", "info.license");
    }
    String homePage = Json.optionalText(info, "home_page", "info.home_page");
    PypiPackage pkg =
        PypiPackage.create(
            packageName,
            version,
            Json.optionalText(info, "summary", "info.summary"),
            license,
            Json.optionalText(info, "requires_python", "info.requires_python"),
            homePage,
            githubRepo(info, homePage),
            pulledAt);

    List<PypiRelease> releases = null;
    if (present(root, "releases")) {
      JsonNode releasesNode = Json.object(root, "releases", "releases");
      releases = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = releasesNode.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> release = it.next();
        releases.add(release(packageName, release.getKey(), release.getValue()));
      }
    }
    List<PypiVulnerability> vulnerabilities =
        present(root, "vulnerabilities") ? vulnerabilities(packageName, version, root) : null;
    return new PypiDocument(pkg, releases, vulnerabilities);
  }

  private static boolean present(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node != null && !node.isNull();
  }

  private static List<PypiVulnerability> vulnerabilities(
      String packageName, String version, JsonNode root) throws MalformedResponseException {
    JsonNode array = Json.array(root, "vulnerabilities", "vulnerabilities");
    List<PypiVulnerability> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode v = array.get(i);
      String path = "vulnerabilities[" + i + "]";
      if (!v.isObject()) {
        throw new MalformedResponseException(path + ": expected an object");
      }
      String details = Json.optionalText(v, "details", path + ".details");
      if (details != null && details.codePointCount(0, details.length()) > DETAILS_CHARS) {
        details = details.substring(0, details.offsetByCodePoints(0, DETAILS_CHARS));
      }
      out.add(
          PypiVulnerability.create(
              packageName,
              Json.requiredText(v, "id", path + ".id"),
              jsonArray(v, "aliases", path + ".aliases"),
              Json.optionalText(v, "summary", path + ".summary"),
              details,
              jsonArray(v, "fixed_in", path + ".fixed_in"),
              Json.optionalText(v, "link", path + ".link"),
              Json.optionalText(v, "source", path + ".source"),
              Json.optionalInstant(v, "withdrawn", path + ".withdrawn"),
              version));
    }
    return out;
  }

  /** An array of strings as JSON text; absent or null is {@code []}. */
  private static String jsonArray(JsonNode parent, String field, String path)
      throws MalformedResponseException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return "[]";
    }
    if (!node.isArray()) {
      throw new MalformedResponseException(path + ": expected an array");
    }
    for (JsonNode e : node) {
      if (!e.isTextual()) {
        throw new MalformedResponseException(path + ": expected strings");
      }
    }
    return node.toString();
  }

  private static PypiRelease release(String packageName, String version, JsonNode files)
      throws MalformedResponseException {
    String path = "releases." + version;
    if (!files.isArray()) {
      throw new MalformedResponseException(path + ": expected an array of files");
    }
    Instant earliest = null;
    boolean yanked = false;
    int wheels = 0;
    Long sdistSize = null;
    for (int i = 0; i < files.size(); i++) {
      JsonNode file = files.get(i);
      String filePath = path + "[" + i + "]";
      if (!file.isObject()) {
        throw new MalformedResponseException(filePath + ": expected an object");
      }
      Instant uploaded =
          Json.optionalInstant(file, "upload_time_iso_8601", filePath + ".upload_time_iso_8601");
      if (uploaded == null) {
        uploaded = Json.optionalInstant(file, "upload_time", filePath + ".upload_time");
      }
      if (uploaded != null && (earliest == null || uploaded.isBefore(earliest))) {
        earliest = uploaded;
      }
      yanked |= Json.optionalBoolean(file, "yanked", filePath + ".yanked");
      String type = Json.optionalText(file, "packagetype", filePath + ".packagetype");
      if ("bdist_wheel".equals(type)) {
        wheels++;
      } else if ("sdist".equals(type) && sdistSize == null) {
        sdistSize = Json.optionalLong(file, "size", filePath + ".size");
      }
    }
    return PypiRelease.create(
        packageName,
        version,
        earliest,
        Pep440.isPrerelease(version),
        yanked,
        files.size(),
        wheels,
        sdistSize);
  }

  /** The first GitHub repository among {@code project_urls} values, then {@code home_page}. */
  private static String githubRepo(JsonNode info, String homePage)
      throws MalformedResponseException {
    JsonNode urls = info.get("project_urls");
    if (urls != null && !urls.isNull()) {
      if (!urls.isObject()) {
        throw new MalformedResponseException("info.project_urls: expected an object");
      }
      for (JsonNode url : urls) {
        String repo = url.isTextual() ? GithubUrls.repoOf(url.asText()) : null;
        if (repo != null) {
          return repo;
        }
      }
    }
    return GithubUrls.repoOf(homePage);
  }
}
