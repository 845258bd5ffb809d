package dev.techpulse.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.techpulse.transforms.http.Json;
import java.lang.reflect.Method;

/**
 * The run's options as a JSON object for {@code mart.pipeline_runs.options}. Only techpulse's
 * own options are recorded; none of them is a secret (secrets live in the environment or in
 * Secret Manager, whose version names are options and no secret).
 */
final class OptionsJson {
  private OptionsJson() {}

  static String of(TechpulseOptions options) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    // Sorted: the JVM lists declared methods in no fixed order.
    Method[] getters = TechpulseOptions.class.getDeclaredMethods();
    java.util.Arrays.sort(getters, java.util.Comparator.comparing(Method::getName));
    for (Method m : getters) {
      if (!m.getName().startsWith("get") || m.getParameterCount() != 0) {
        continue;
      }
      String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
      try {
        Object value = m.invoke(options);
        node.putPOJO(name, value);
      } catch (ReflectiveOperationException e) {
        node.put(name, "?");
      }
    }
    node.put("runner", options.getRunner().getSimpleName());
    return node.toString();
  }
}
