package dev.techpulse.transforms.pypi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pep440Test {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0a1", "1.0b2", "1.0rc1", "1.0c1", "3.0.0b1", "4.4.0rc5", "2.0.0a0",
        "1.0alpha1", "1.0beta2", "1.0pre1", "1.0preview1", "1.0-rc.1", "1.0_a_1", "1.0.b2",
        "1.0a", "1.0RC1", "1.0ALPHA1", "v1.0rc1", "1!2.0b1"
      })
  void preReleaseSegment_isPrerelease(String version) {
    assertTrue(Pep440.isPrerelease(version), version);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.dev0", "1.0dev", "1.0-dev1", "2.0.0.dev20240101", "1.0a1.dev3"})
  void devRelease_isPrerelease(String version) {
    assertTrue(Pep440.isPrerelease(version), version);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.post1.dev2", "1.0.post1.dev0", "1.0-1.dev1"})
  void devReleaseOfAPostRelease_isPrerelease(String version) {
    assertTrue(Pep440.isPrerelease(version), version);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1.0", "3.6.0", "1.0.post1", "3.1.26.post2", "1.0-1", "1.0.r1", "1.0rev2",
        "1.0post", "1!1.0", "v2.0", "2012.10"})
  void finalOrPostRelease_isNotPrerelease(String version) {
    assertFalse(Pep440.isPrerelease(version), version);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0+local", "1.0+ubuntu.1", "1.0.post1+abc.7"})
  void localVersionOfAFinalRelease_isNotPrerelease(String version) {
    assertFalse(Pep440.isPrerelease(version), version);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0a1+local", "1.0.dev1+g1234abc", "2.0rc1+cpu"})
  void localVersionOfAPrerelease_isPrerelease(String version) {
    assertTrue(Pep440.isPrerelease(version), version);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "latest", "dev", "rc1", "a1", "1.0-beta-foo", "1.0a1b2", "1.0 rc1 extra",
        "1.0+", "not a version", "1..0a1"})
  void junkString_isNotPrerelease(String version) {
    assertFalse(Pep440.isPrerelease(version), version);
  }
}
