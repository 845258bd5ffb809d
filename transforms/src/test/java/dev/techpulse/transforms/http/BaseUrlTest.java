package dev.techpulse.transforms.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** CONTRACT.md 6.9: base URLs may carry a path and a trailing slash. */
class BaseUrlTest {

  @Test
  void givenBaseWithPathAndTrailingSlash_whenResolvingAbsolutePath_thenPathIsKeptWithOneSlash() {
    assertEquals(
        URI.create("https://host/api/v3/repos/a/b"),
        BaseUrl.resolve("https://host/api/v3/", "/repos/a/b"));
  }

  @Test
  void givenBaseWithPathWithoutTrailingSlash_whenResolving_thenSameResult() {
    assertEquals(
        URI.create("https://host/api/v3/repos/a/b"),
        BaseUrl.resolve("https://host/api/v3", "/repos/a/b"));
    assertEquals(
        URI.create("https://host/api/v3/repos/a/b"),
        BaseUrl.resolve("https://host/api/v3/", "repos/a/b"));
  }

  @Test
  void givenBareHostBase_whenResolvingPathWithQuery_thenQueryIsKept() {
    assertEquals(
        URI.create("https://api.github.com/repos/a/b/releases?per_page=100"),
        BaseUrl.resolve("https://api.github.com/", "/repos/a/b/releases?per_page=100"));
  }

  @Test
  void givenUrls_whenComparingOrigin_thenSchemeHostAndEffectivePortDecide() {
    String base = "https://host/api/v3/";
    assertTrue(BaseUrl.sameOrigin(base, URI.create("https://host/repositories/1")));
    assertTrue(BaseUrl.sameOrigin(base, URI.create("https://HOST:443/x")));
    assertFalse(BaseUrl.sameOrigin(base, URI.create("http://host/x")), "scheme differs");
    assertFalse(BaseUrl.sameOrigin(base, URI.create("https://host:8443/x")), "port differs");
    assertFalse(BaseUrl.sameOrigin(base, URI.create("https://evil.example/x")), "host differs");
    assertFalse(
        BaseUrl.sameOrigin(base, URI.create("https://host.evil.example/x")), "host prefix only");
  }
}
