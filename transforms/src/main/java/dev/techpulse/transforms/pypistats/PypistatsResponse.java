package dev.techpulse.transforms.pypistats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.transforms.http.Json;
import dev.techpulse.transforms.http.MalformedResponseException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Parses pypistats.org's {@code overall}, {@code python_minor} and {@code system} answers. */
public final class PypistatsResponse {
  public static final String SOURCE = "pypistats";

  /** An endpoint and the dimension its categories fill. */
  public enum Endpoint {
    OVERALL("overall?mirrors=false", "total", "pypistats_overall"),
    PYTHON_MINOR("python_minor", "python_minor", "pypistats_python_minor"),
    SYSTEM("system", "system", "pypistats_system");

    private final String path;
    private final String dimension;
    private final String step;

    Endpoint(String path, String dimension, String step) {
      this.path = path;
      this.dimension = dimension;
      this.step = step;
    }

    public String path(String packageName) {
      return "/api/packages/" + packageName + "/" + path;
    }

    public String dimension() {
      return dimension;
    }

    /** The {@code step} its rejects carry. */
    public String step() {
      return step;
    }
  }

  private PypistatsResponse() {}

  /**
   * Every row of the answer (pypistats keeps 180 days). For {@code overall} only the {@code
   * without_mirrors} category counts; elsewhere a {@code null} category becomes {@code unknown}.
   */
  public static List<DownloadCount> parse(String packageName, Endpoint endpoint, String body)
      throws MalformedResponseException {
    JsonNode root = Json.parse(body, "pypistats " + endpoint.dimension());
    if (!root.isObject()) {
      throw new MalformedResponseException("pypistats: expected an object");
    }
    JsonNode data = Json.array(root, "data", "data");
    List<DownloadCount> rows = new ArrayList<>(data.size());
    // A response repeats a few categories and 180 dates thousands of times: rows share one
    // instance of each, so a batch of packages' rows waiting for the warehouse weighs half.
    java.util.Map<String, String> categories = new java.util.HashMap<>();
    java.util.Map<String, LocalDate> dates = new java.util.HashMap<>();
    for (int i = 0; i < data.size(); i++) {
      JsonNode item = data.get(i);
      String path = "data[" + i + "]";
      if (!item.isObject()) {
        throw new MalformedResponseException(path + ": expected an object");
      }
      JsonNode categoryNode = item.get("category");
      String category =
          categoryNode == null || categoryNode.isNull() ? "null" : categoryNode.asText();
      String dateText = Json.requiredText(item, "date", path + ".date");
      LocalDate date = dates.get(dateText);
      if (date == null) {
        try {
          date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
          throw new MalformedResponseException(path + ".date: not a date: '" + dateText + "'");
        }
        dates.put(dateText, date);
      }
      long downloads = Json.requiredLong(item, "downloads", path + ".downloads");
      String value;
      if (endpoint == Endpoint.OVERALL) {
        if (!"without_mirrors".equals(category)) {
          continue;
        }
        value = "";
      } else {
        value = categories.computeIfAbsent("null".equals(category) ? "unknown" : category, v -> v);
      }
      rows.add(
          DownloadCount.create(packageName, date, endpoint.dimension(), value, downloads, SOURCE));
    }
    return rows;
  }
}
