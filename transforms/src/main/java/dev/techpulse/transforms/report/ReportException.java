package dev.techpulse.transforms.report;

/** The report cannot be made from this warehouse; the message is one line for the user. */
public final class ReportException extends Exception {
  public ReportException(String message) {
    super(message);
  }

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
