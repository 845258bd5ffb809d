package dev.techpulse.transforms.scorecard;

import java.io.Serializable;
import java.time.LocalDate;

/** The scorecard's windows, all ending at the run's end date inclusive (contract section 6.6). */
public record ScorecardWindows(LocalDate end) implements Serializable {

  public boolean inLast7d(LocalDate d) {
    return within(d, end.minusDays(6), end);
  }

  public boolean inLast30d(LocalDate d) {
    return within(d, end.minusDays(29), end);
  }

  public boolean inPrev30d(LocalDate d) {
    return within(d, end.minusDays(59), end.minusDays(30));
  }

  public boolean inLast90d(LocalDate d) {
    return within(d, end.minusDays(89), end);
  }

  public boolean inLast365d(LocalDate d) {
    return within(d, end.minusDays(364), end);
  }

  /** A week counts in the last 4 weeks when its Sunday is in {@code [end-27, end]}. */
  public boolean weekInLast4w(LocalDate sunday) {
    return within(sunday, end.minusDays(27), end);
  }

  /** A week counts in the last 52 weeks when its Sunday is in {@code [end-363, end]}. */
  public boolean weekInLast52w(LocalDate sunday) {
    return within(sunday, end.minusDays(363), end);
  }

  private static boolean within(LocalDate d, LocalDate from, LocalDate to) {
    return d != null && !d.isBefore(from) && !d.isAfter(to);
  }
}
