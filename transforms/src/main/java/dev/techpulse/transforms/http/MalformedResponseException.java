package dev.techpulse.transforms.http;

/** A response whose JSON does not have the shape the contract expects; names the field. */
public final class MalformedResponseException extends Exception {
  public MalformedResponseException(String message) {
    super(message);
  }

  public MalformedResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
