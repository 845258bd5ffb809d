package dev.techpulse.transforms.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.techpulse.schemas.GithubRepo;
import dev.techpulse.transforms.http.Json;
import dev.techpulse.transforms.http.MalformedResponseException;
import java.time.Instant;

/** Parses {@code GET /repos/{owner}/{repo}} into a {@link GithubRepo} snapshot. */
public final class GithubRepoDocument {
  private GithubRepoDocument() {}

  public static GithubRepo parse(String body, Instant snapshotAt)
      throws MalformedResponseException {
    JsonNode root = Json.parse(body, "github repository");
    if (!root.isObject()) {
      throw new MalformedResponseException("github repository: expected an object");
    }
    JsonNode license = root.get("license");
    String spdx = null;
    if (license != null && !license.isNull()) {
      if (!license.isObject()) {
        throw new MalformedResponseException("license: expected an object");
      }
      spdx = Json.optionalText(license, "spdx_id", "license.spdx_id");
    }
    JsonNode topics = root.get("topics");
    String topicsJson = "[]";
    if (topics != null && !topics.isNull()) {
      if (!topics.isArray()) {
        throw new MalformedResponseException("topics: expected an array");
      }
      topicsJson = topics.toString();
    }
    return GithubRepo.create(
        Json.requiredText(root, "full_name", "full_name"),
        snapshotAt,
        Json.optionalText(root, "description", "description"),
        Json.requiredLong(root, "stargazers_count", "stargazers_count"),
        Json.requiredLong(root, "forks_count", "forks_count"),
        Json.optionalLong(root, "subscribers_count", "subscribers_count"),
        Json.requiredLong(root, "open_issues_count", "open_issues_count"),
        Json.optionalText(root, "language", "language"),
        spdx,
        topicsJson,
        Json.optionalText(root, "default_branch", "default_branch"),
        Json.optionalBoolean(root, "archived", "archived"),
        Json.optionalInstant(root, "created_at", "created_at"),
        Json.optionalInstant(root, "pushed_at", "pushed_at"));
  }
}
