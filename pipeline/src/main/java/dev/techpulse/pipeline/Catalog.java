package dev.techpulse.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.techpulse.schemas.Technology;
import dev.techpulse.transforms.http.Json;
import dev.techpulse.transforms.pypi.PackageNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates the catalog (contract section 2); every error is one clear line. */
public final class Catalog {
  private static final Pattern REPO = Pattern.compile("^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$");

  private Catalog() {}

  /** The technologies an invocation tracks: --packages, else --catalog, else the bundled one. */
  public static List<Technology> resolve(TechpulseOptions options) {
    if (!options.getPackages().isBlank()) {
      List<Technology> out = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      for (String raw : options.getPackages().split(",")) {
        String name = raw.trim();
        if (name.isEmpty()) {
          continue;
        }
        String normalized = PackageNames.normalize(name);
        if (seen.add(normalized)) {
          out.add(Technology.create(normalized, List.of(normalized), null));
        }
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("--packages names no package");
      }
      return out;
    }
    if (!options.getCatalog().isBlank()) {
      Path path = Path.of(options.getCatalog());
      try {
        return parse(Files.readString(path), path.toString());
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("catalog file not found: " + path);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read catalog " + path + ": " + e.getMessage());
      }
    }
    try (InputStream in = Catalog.class.getResourceAsStream("catalog.json")) {
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          "bundled catalog");
    } catch (IOException e) {
      throw new IllegalStateException("bundled catalog unreadable", e);
    }
  }

  static List<Technology> parse(String json, String source) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid JSON");
    }
    JsonNode techs = root == null ? null : root.get("technologies");
    if (techs == null || !techs.isArray() || techs.isEmpty()) {
      throw new IllegalArgumentException(source + ": expected a non-empty \"technologies\" array");
    }
    List<Technology> out = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < techs.size(); i++) {
      JsonNode t = techs.get(i);
      String where = source + ": technologies[" + i + "]";
      JsonNode name = t.get("name");
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        throw new IllegalArgumentException(where + ".name: expected a non-empty string");
      }
      if (!names.add(name.asText())) {
        throw new IllegalArgumentException(where + ".name: duplicate '" + name.asText() + "'");
      }
      JsonNode packages = t.get("packages");
      if (packages == null || !packages.isArray() || packages.isEmpty()) {
        throw new IllegalArgumentException(where + ".packages: expected a non-empty array");
      }
      List<String> normalized = new ArrayList<>();
      for (JsonNode p : packages) {
        if (!p.isTextual()) {
          throw new IllegalArgumentException(where + ".packages: expected strings");
        }
        try {
          String n = PackageNames.normalize(p.asText());
          if (!normalized.contains(n)) {
            normalized.add(n);
          }
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
      }
      JsonNode github = t.get("github");
      String repo = null;
      if (github != null && !github.isNull()) {
        if (!github.isTextual() || !REPO.matcher(github.asText()).matches()) {
          throw new IllegalArgumentException(where + ".github: expected \"owner/name\"");
        }
        repo = github.asText();
      }
      out.add(Technology.create(name.asText(), normalized, repo));
    }
    return out;
  }
}
