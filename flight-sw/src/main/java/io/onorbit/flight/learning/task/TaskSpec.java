package io.onorbit.flight.learning.task;

import io.onorbit.flight.labels.FileLabels;
import io.onorbit.flight.schedule.OnboardSchedule;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which learning task a mission trains on (the mission file's {@code learning.task.kind}), with
 * drift onsets in absolute time: the same stream for {@code simulate}, {@code soak} and
 * {@code experiment drift}.
 *
 * @param kind          the task
 * @param csvFile       for {@link Kind#CSV}: the file (column format in mission-configs/SCHEMA.md); empty otherwise
 * @param seaConceptS   for {@link Kind#SEA}: each of the first three SEA concepts lasts this long, s
 *                      since the epoch (drifts at 1, 2 and 3 times it), &gt; 0
 * @param samplePeriodS time between samples of the synthetic tasks, s (&gt; 0)
 */
public record TaskSpec(Kind kind, Optional<Path> csvFile, double seaConceptS, double samplePeriodS) {

    /** Default SEA concept span: 2 days, so a week-long mission sees all four concepts. */
    public static final double DEFAULT_SEA_CONCEPT_S = 2 * 86400.0;
    /** SEA label noise, percent (MOA's default). */
    public static final int SEA_NOISE_PERCENT = 10;

    /** The tasks OnOrbit knows. */
    public enum Kind {
        /** Solar-array power from telemetry (regression), with ageing and a string failure. */
        SOLAR_ARRAY,
        /** SEA concepts (Street and Kim 2001), abrupt drifts, classification. */
        SEA,
        /** Rotating hyperplane (MOA), gradual drift, classification. */
        HYPERPLANE,
        /** A user's telemetry file (regression or classification by its labels). */
        CSV;

        /** @return the name used in files and on the command line (solar-array, sea, hyperplane, csv) */
        public String label() {
            return FileLabels.of(this);
        }

        /** @return the kind named by {@link #label()} (case-insensitive; '_' accepted for '-') */
        public static Kind parse(String label) {
            return FileLabels.parse(Kind.class, label);
        }
    }

    public TaskSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(csvFile, "csvFile");
        if (kind == Kind.CSV && csvFile.isEmpty()) {
            throw new IllegalArgumentException("task csv needs a file");
        }
        if (!(seaConceptS > 0) || !(samplePeriodS > 0)) {
            throw new IllegalArgumentException("task: seaConceptS " + seaConceptS + " and samplePeriodS " + samplePeriodS
                    + " must be > 0");
        }
    }

    /** @return the solar-array task, 60 s samples, SEA concepts of 2 days */
    public static TaskSpec defaults() {
        return new TaskSpec(Kind.SOLAR_ARRAY, Optional.empty(), DEFAULT_SEA_CONCEPT_S, 60);
    }

    /** @return a copy for another kind (csv needs {@link #withCsvFile}) */
    public TaskSpec withKind(Kind k) {
        return new TaskSpec(k, k == Kind.CSV ? csvFile : Optional.empty(), seaConceptS, samplePeriodS);
    }

    /** @return a copy training on a CSV file */
    public TaskSpec withCsvFile(Path file) {
        return new TaskSpec(Kind.CSV, Optional.of(file), seaConceptS, samplePeriodS);
    }

    /** @return a copy with another SEA concept span, s */
    public TaskSpec withSeaConceptS(double s) {
        return new TaskSpec(kind, csvFile, s, samplePeriodS);
    }

    /** @return a copy with another sample period, s */
    public TaskSpec withSamplePeriodS(double s) {
        return new TaskSpec(kind, csvFile, seaConceptS, s);
    }

    /**
     * Builds the stream for one satellite.
     *
     * @param schedule the satellite's onboard schedule (the span it covers is the stream's length)
     * @param solar    the solar-array scenario (failure time already absolute)
     * @param seed     the stream's seed
     * @return the stream
     * @throws TaskDataException if a CSV file cannot be read
     */
    public DriftTask create(OnboardSchedule schedule, SolarArrayScenario solar, long seed) {
        double durationS = schedule.durationS();
        return switch (kind) {
            case SOLAR_ARRAY -> new SolarArrayTask(schedule, solar.withSeed(seed));
            case SEA -> new SeaTask(seed, SEA_NOISE_PERCENT, samplePeriodS, durationS, seaConceptS);
            case HYPERPLANE -> HyperplaneTask.moaDefaults(seed, samplePeriodS, durationS);
            case CSV -> CsvTask.open(csvFile.orElseThrow());
        };
    }
}
