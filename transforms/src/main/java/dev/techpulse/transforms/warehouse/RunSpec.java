package dev.techpulse.transforms.warehouse;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * What the job's commit needs to know of its run to record the run's end itself: its id, the
 * first day asked for and the downloads source (to note the days the source no longer had).
 */
public record RunSpec(String runId, LocalDate startDate, String downloadsSource)
    implements Serializable {}
