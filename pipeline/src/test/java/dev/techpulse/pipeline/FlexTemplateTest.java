package dev.techpulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.techpulse.transforms.http.Json;
import dev.techpulse.transforms.secrets.SecretManagerSecrets;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * flex-template/ cannot drift from the code: its metadata lists exactly techpulse's visible
 * options with their descriptions and defaults, and its Dockerfile starts the jar and main class
 * the pom's shade configuration builds.
 */
class FlexTemplateTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static JsonNode metadata;
  static Map<String, JsonNode> parameters;

  @BeforeAll
  static void read() throws Exception {
    metadata = Json.MAPPER.readTree(Files.readString(ROOT.resolve("flex-template/metadata.json")));
    parameters = new LinkedHashMap<>();
    for (JsonNode p : metadata.get("parameters")) {
      assertTrue(
          parameters.put(p.get("name").asText(), p) == null, "parameter twice: " + p.get("name"));
    }
  }

  /** techpulse's own options that --help shows, by option name. */
  static Map<String, Method> visibleOptions() {
    Map<String, Method> out = new LinkedHashMap<>();
    for (Method m : TechpulseOptions.class.getDeclaredMethods()) {
      if (m.getName().startsWith("get")
          && m.getParameterCount() == 0
          && !m.isAnnotationPresent(Hidden.class)) {
        out.put(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4), m);
      }
    }
    return out;
  }

  static String staticDefault(Method m) {
    return Help.defaultOf(m);
  }

  /** The entry a missing option needs, so a failure says exactly what to add. */
  static String entryFor(String name, Method m) {
    ObjectNode p = Json.MAPPER.createObjectNode();
    p.put("name", name);
    p.put("label", name);
    p.put("helpText", m.getAnnotation(Description.class).value());
    p.put("isOptional", !m.isAnnotationPresent(Validation.Required.class));
    p.put("paramType", "TEXT");
    if (staticDefault(m) != null) {
      p.put("defaultValue", staticDefault(m));
    }
    return p.toString();
  }

  @Test
  void metadata_listsExactlyTheVisibleOptions() {
    Map<String, Method> options = visibleOptions();
    List<String> missing =
        options.entrySet().stream()
            .filter(e -> !parameters.containsKey(e.getKey()))
            .map(e -> entryFor(e.getKey(), e.getValue()))
            .collect(Collectors.toList());
    assertTrue(missing.isEmpty(), "add to flex-template/metadata.json: " + missing);
    TreeSet<String> extra = new TreeSet<>(parameters.keySet());
    extra.removeAll(options.keySet());
    assertTrue(extra.isEmpty(), "metadata.json parameters that are no visible option: " + extra);
    assertEquals("techpulse", metadata.get("name").asText());
    assertFalse(metadata.get("description").asText().isBlank());
    assertFalse(metadata.get("streaming").asBoolean(), "a batch pipeline");
  }

  @Test
  void helpTexts_areTheOptionsDescriptions_andOptionalityFollowsValidation() {
    visibleOptions()
        .forEach(
            (name, m) -> {
              JsonNode p = parameters.get(name);
              assertNotNull(p, name);
              assertEquals(
                  m.getAnnotation(Description.class).value(), p.get("helpText").asText(), name);
              assertEquals(
                  !m.isAnnotationPresent(Validation.Required.class),
                  p.get("isOptional").asBoolean(),
                  name);
              assertFalse(p.get("label").asText().isBlank(), name);
            });
  }

  @Test
  void defaults_areTheOptionsDefaults_orTheHelpTextSaysThem() {
    visibleOptions()
        .forEach(
            (name, m) -> {
              JsonNode p = parameters.get(name);
              String expected = staticDefault(m);
              if (name.equals("waitForJob")) {
                // A Flex Template's main must return once the job is submitted.
                expected = "false";
              }
              if (expected != null) {
                assertEquals(expected, p.path("defaultValue").asText(null), name);
              } else if (m.isAnnotationPresent(Default.InstanceFactory.class)) {
                assertFalse(p.has("defaultValue"), name + " is computed at run time");
                assertTrue(p.get("helpText").asText().contains("default:"), name);
              } else {
                assertFalse(p.has("defaultValue"), name + " has no default");
              }
            });
  }

  @Test
  void regexes_acceptEveryDefault_andEnumsListExactlyWhatTheyAccept() {
    parameters.forEach(
        (name, p) -> {
          for (JsonNode r : p.path("regexes")) {
            Pattern regex = Pattern.compile(r.asText());
            if (p.has("defaultValue")) {
              assertTrue(regex.matcher(p.get("defaultValue").asText()).matches(), name);
            }
            for (JsonNode option : p.path("enumOptions")) {
              assertTrue(regex.matcher(option.get("value").asText()).matches(), name);
            }
          }
        });
    assertEquals(
        List.of("pypistats", "bigquery", "none"), enumValues(parameters.get("downloadsSource")));
    assertEquals(List.of("snowflake", "duckdb"), enumValues(parameters.get("warehouse")));
    assertTrue(Duration.parse(parameters.get("githubMaxWait").get("defaultValue").asText())
        .toMinutes() > 0);
  }

  @Test
  void secretParameters_useTheNameFormTheLauncherValidates() {
    for (String name :
        List.of("githubTokenSecret", "snowflakePasswordSecret", "snowflakePrivateKeySecret")) {
      assertEquals(
          "^" + SecretManagerSecrets.VERSION_NAME_REGEX + "$",
          parameters.get(name).get("regexes").get(0).asText(),
          name);
    }
  }

  @Test
  void everyParameter_parsesAsABeamOption() {
    // What the launcher does with a launch's parameters: --name=value to Beam's own parser.
    List<String> args = new ArrayList<>();
    Map<String, String> samples =
        Map.of(
            "packages", "pandas,dbt-core",
            "startDate", "2026-01-01",
            "endDate", "2026-01-30",
            "downloadsSource", "bigquery",
            "warehouse", "snowflake",
            "githubTokenSecret", "projects/p-12345/secrets/github-token/versions/latest");
    parameters.forEach(
        (name, p) ->
            args.add("--" + name + "=" + samples.getOrDefault(
                name, p.path("defaultValue").asText("x"))));
    PipelineOptionsFactory.register(TechpulseOptions.class);
    TechpulseOptions o =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
            .withValidation()
            .as(TechpulseOptions.class);

    assertEquals("projects/p-12345/secrets/github-token/versions/latest", o.getGithubTokenSecret());
    assertEquals(107_374_182_400L, o.getMaxBytesBilled());
    assertEquals("pandas,dbt-core", o.getPackages());
  }

  static List<String> enumValues(JsonNode p) {
    List<String> out = new ArrayList<>();
    ((ArrayNode) p.get("enumOptions")).forEach(o -> out.add(o.get("value").asText()));
    return out;
  }

  @Test
  void dockerfile_launchesTheJarAndMainClassThePomShades() throws Exception {
    String dockerfile = Files.readString(ROOT.resolve("flex-template/Dockerfile"));
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(ROOT.resolve("pipeline/pom.xml").toFile());
    String version = text(pom.getDocumentElement(), "parent", "version");
    Element shade = null;
    NodeList plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (text(plugin, "artifactId").equals("maven-shade-plugin")) {
        shade = plugin;
      }
    }
    assertNotNull(shade, "pipeline/pom.xml shades the bundled jar");
    String jar =
        "pipeline/target/"
            + text(shade, "finalName").replace("${project.version}", version)
            + ".jar";
    String mainClass = text(shade, "mainClass");

    assertEquals(TechpulsePipeline.class.getName(), mainClass);
    assertEquals(
        "gcr.io/dataflow-templates-base/java17-template-launcher-base:latest",
        single(dockerfile, "(?m)^FROM (\\S+)$"));
    assertEquals(
        "17",
        text(
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile())
                .getDocumentElement(),
            "properties",
            "maven.compiler.release"),
        "the launcher image's Java is the one the code is compiled for");
    String workdir = single(dockerfile, "(?m)^ARG WORKDIR=(\\S+)$");
    Matcher copy = Pattern.compile("(?m)^COPY (\\S+) (\\S+)$").matcher(dockerfile);
    assertTrue(copy.find(), dockerfile);
    assertEquals(jar, copy.group(1), "the Dockerfile copies the jar the shade plugin writes");
    String copied = copy.group(2).replace("${WORKDIR}", workdir);
    assertEquals(
        mainClass, single(dockerfile, "(?m)^ENV FLEX_TEMPLATE_JAVA_MAIN_CLASS=\"([^\"]+)\"$"));
    assertEquals(
        copied,
        single(dockerfile, "(?m)^ENV FLEX_TEMPLATE_JAVA_CLASSPATH=\"([^\"]+)\"$")
            .replace("${WORKDIR}", workdir),
        "the launcher's classpath is the copied jar");
    assertTrue(
        dockerfile.contains("ENTRYPOINT [\"/opt/google/dataflow/java_template_launcher\"]"));
    assertTrue(
        Files.readString(ROOT.resolve(".gcloudignore")).contains("!/" + jar),
        "gcloud builds submit uploads the jar");
    assertTrue(
        Files.readString(ROOT.resolve("run-dataflow.sh")).contains(jar),
        "run-dataflow.sh and the template start the same jar");
  }

  static String single(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), regex);
    String found = m.group(1);
    assertFalse(m.find(), "more than one " + regex);
    return found;
  }

  static String text(Element root, String... path) {
    Element e = root;
    for (String tag : path) {
      NodeList children = e.getElementsByTagName(tag);
      assertTrue(children.getLength() > 0, "no <" + tag + ">");
      e = (Element) children.item(0);
    }
    return e.getTextContent().trim();
  }
}
