package dev.techpulse.transforms.pypi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PackageNamesTest {

  /** PEP 503's own examples, plus the bundled catalog's names. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "friendly-bard, friendly-bard",
    "Friendly-Bard, friendly-bard",
    "FRIENDLY-BARD, friendly-bard",
    "friendly.bard, friendly-bard",
    "friendly_bard, friendly-bard",
    "friendly--bard, friendly-bard",
    "FrIeNdLy-._.-bArD, friendly-bard",
    "SQLAlchemy, sqlalchemy",
    "great_expectations, great-expectations",
    "snowflake-connector-python, snowflake-connector-python",
    "zope.interface, zope-interface",
    "a, a",
    "Z9, z9",
    "pkg.2.0, pkg-2-0",
  })
  void validName_normalizesPerPep503(String name, String expected) {
    assertTrue(PackageNames.isValid(name), name);
    assertEquals(expected, PackageNames.normalize(name));
  }

  @Test
  void normalizedName_isAFixedPoint() {
    String once = PackageNames.normalize("Foo__Bar..Baz");
    assertEquals("foo-bar-baz", once);
    assertEquals(once, PackageNames.normalize(once));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", " ", "-foo", "foo-", "_foo", "foo_", ".foo", "foo.", "foo bar", "foo/bar",
        "foo==1.0", "foo[extra]", "café", "foo\n", " foo", "foo@", "a+b"
      })
  void invalidName_isNotValid_andNormalizeThrows(String name) {
    assertFalse(PackageNames.isValid(name), name);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PackageNames.normalize(name));
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }

  @Test
  void nullName_isNotValid_andNormalizeThrows() {
    assertFalse(PackageNames.isValid(null));
    assertThrows(IllegalArgumentException.class, () -> PackageNames.normalize(null));
  }
}
