package dev.techpulse.transforms.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Typed reads of JSON fields that fail with the field's path in the message. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static JsonNode parse(String body, String what) throws MalformedResponseException {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new MalformedResponseException(what + ": empty body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException(
          what + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  public static JsonNode object(JsonNode parent, String field, String path)
      throws MalformedResponseException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new MalformedResponseException(path + ": expected an object");
    }
    return node;
  }

  public static JsonNode array(JsonNode parent, String field, String path)
      throws MalformedResponseException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isArray()) {
      throw new MalformedResponseException(path + ": expected an array");
    }
    return node;
  }

  public static String requiredText(JsonNode parent, String field, String path)
      throws MalformedResponseException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual() || node.asText().isEmpty()) {
      throw new MalformedResponseException(path + ": expected a non-empty string");
    }
    return node.asText();
  }

  /** A string, or null when absent, JSON null or empty. */
  public static String optionalText(JsonNode parent, String field, String path)
      throws MalformedResponseException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new MalformedResponseException(path + ": expected a string");
    }
    String text = node.asText();
    return text.isEmpty() ? null : text;
  }

  public static long requiredLong(JsonNode parent, String field, String path)
      throws MalformedResponseException {
    JsonNode node = parent.get(field);
    if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new MalformedResponseException(path + ": expected an integer");
    }
    return node.asLong();
  }

  public static Long optionalLong(JsonNode parent, String field, String path)
      throws MalformedResponseException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw new MalformedResponseException(path + ": expected an integer");
    }
    return node.asLong();
  }

  public static boolean optionalBoolean(JsonNode parent, String field, String path)
      throws MalformedResponseException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new MalformedResponseException(path + ": expected a boolean");
    }
    return node.asBoolean();
  }

  /** An ISO-8601 instant; a value without zone is read as UTC (PyPI's old {@code upload_time}). */
  public static Instant optionalInstant(JsonNode parent, String field, String path)
      throws MalformedResponseException {
    String text = optionalText(parent, field, path);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new MalformedResponseException(path + ": not a timestamp: '" + text + "'");
      }
    }
  }
}
