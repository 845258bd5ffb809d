package dev.techpulse.transforms.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.techpulse.schemas.GithubRepo;
import dev.techpulse.testing.Fixtures;
import dev.techpulse.transforms.http.MalformedResponseException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GithubRepoDocumentTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant SNAPSHOT_AT = Instant.parse("2024-06-01T10:00:00.654321Z");

  private static ObjectNode helloWorld() throws Exception {
    return (ObjectNode) MAPPER.readTree(Fixtures.body("github/get_repository.json"));
  }

  private static MalformedResponseException malformed(String body) {
    return assertThrows(
        MalformedResponseException.class, () -> GithubRepoDocument.parse(body, SNAPSHOT_AT));
  }

  @Test
  void recordedRepository_mapsEveryColumn() throws Exception {
    GithubRepo repo =
        GithubRepoDocument.parse(Fixtures.body("github/get_repository.json"), SNAPSHOT_AT);

    assertEquals("octokit-fixture-org/hello-world", repo.getRepo());
    assertEquals(SNAPSHOT_AT, repo.getSnapshotAt());
    assertNull(repo.getDescription());
    assertEquals(0L, repo.getStars());
    assertEquals(0L, repo.getForks());
    assertEquals(0L, repo.getOpenIssuesAndPrs());
    assertNull(repo.getLanguage());
    assertNull(repo.getLicense());
    assertEquals("[\"fixtures\",\"hello\",\"hello-world\"]", repo.getTopics());
    assertEquals("master", repo.getDefaultBranch());
    assertFalse(repo.getArchived());
    assertEquals(Instant.parse("2017-09-15T21:43:08Z"), repo.getCreatedAt());
    assertEquals(Instant.parse("2017-11-03T20:11:46Z"), repo.getPushedAt());
  }

  @Test
  void recordedRepository_watchersIsSubscribersCount_notWatchersCount() throws Exception {
    // The recording has watchers_count 0 (GitHub's star count) and subscribers_count 1.
    GithubRepo repo =
        GithubRepoDocument.parse(Fixtures.body("github/get_repository.json"), SNAPSHOT_AT);

    assertEquals(1L, repo.getWatchers());
  }

  @Test
  void repositoryWithDistinctCounts_mapsStarsForksWatchersAndOpenIssues() throws Exception {
    // github3.py as recorded: 744 stars, 278 forks, 34 subscribers, 103 open issues and PRs.
    String body = Fixtures.exchanges("github/contributors_2_pages.json").get(0).body();

    GithubRepo repo = GithubRepoDocument.parse(body, SNAPSHOT_AT);

    assertEquals("sigmavirus24/github3.py", repo.getRepo());
    assertEquals(744L, repo.getStars());
    assertEquals(278L, repo.getForks());
    assertEquals(34L, repo.getWatchers());
    assertEquals(103L, repo.getOpenIssuesAndPrs());
    assertEquals("Python", repo.getLanguage());
    assertEquals("develop", repo.getDefaultBranch());
    assertEquals("Python library for interfacing with the GitHub APIv3", repo.getDescription());
  }

  @Test
  void licenseWithNullSpdxId_givesNullLicense_andNullTopicsGiveEmptyArray() throws Exception {
    // license {"key":"other","spdx_id":null}, topics null
    String body = Fixtures.exchanges("github/contributors_2_pages.json").get(0).body();

    GithubRepo repo = GithubRepoDocument.parse(body, SNAPSHOT_AT);

    assertNull(repo.getLicense());
    assertEquals("[]", repo.getTopics());
  }

  @Test
  void licenseObject_givesItsSpdxId() throws Exception {
    ObjectNode root = helloWorld();
    ObjectNode license = root.putObject("license");
    license.put("key", "mit");
    license.put("name", "MIT License");
    license.put("spdx_id", "MIT");

    assertEquals("MIT", GithubRepoDocument.parse(root.toString(), SNAPSHOT_AT).getLicense());
  }

  @Test
  void archivedRepository_isArchived() throws Exception {
    ObjectNode root = helloWorld();
    root.put("archived", true);

    assertTrue(GithubRepoDocument.parse(root.toString(), SNAPSHOT_AT).getArchived());
  }

  @Test
  void topicsWithQuotes_areAValidJsonArray() throws Exception {
    ObjectNode root = helloWorld();
    root.putArray("topics").add("a\"b").add("c");

    String topics = GithubRepoDocument.parse(root.toString(), SNAPSHOT_AT).getTopics();
    assertEquals(
        MAPPER.createArrayNode().add("a\"b").add("c"), MAPPER.readTree(topics));
  }

  @Test
  void missingStargazersCount_throwsNamingTheField() throws Exception {
    ObjectNode root = helloWorld();
    root.remove("stargazers_count");

    assertTrue(malformed(root.toString()).getMessage().contains("stargazers_count"));
  }

  @Test
  void missingFullName_throwsNamingTheField() throws Exception {
    ObjectNode root = helloWorld();
    root.remove("full_name");

    assertTrue(malformed(root.toString()).getMessage().contains("full_name"));
  }

  @Test
  void topicsNotAnArray_throwsNamingTopics() throws Exception {
    ObjectNode root = helloWorld();
    root.put("topics", "a,b");

    assertTrue(malformed(root.toString()).getMessage().startsWith("topics"));
  }

  @Test
  void licenseNotAnObject_throwsNamingLicense() throws Exception {
    ObjectNode root = helloWorld();
    root.put("license", "MIT");

    assertTrue(malformed(root.toString()).getMessage().startsWith("license"));
  }

  @Test
  void garbagePushedAt_throwsNamingTheField() throws Exception {
    ObjectNode root = helloWorld();
    root.put("pushed_at", "yesterday");

    assertTrue(malformed(root.toString()).getMessage().contains("pushed_at"));
  }

  @Test
  void notFoundErrorBody_throwsRatherThanGivingARow() {
    String body = Fixtures.exchanges("github/repository_not_found_404.json").get(0).body();

    assertTrue(malformed(body).getMessage().contains("full_name"));
  }

  @Test
  void truncatedBody_throwsNotValidJson() {
    String body = Fixtures.body("github/get_repository.json");

    assertTrue(malformed(body.substring(0, 200)).getMessage().contains("not valid JSON"));
  }
}
