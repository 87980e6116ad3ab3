package io.onorbit.flight.learning.task;

import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.SplittableRandom;

/**
 * The default task: predict the solar array's output power from what the spacecraft senses, fed
 * by the mission's own {@link OnboardSchedule} (Sun direction and lighting ratio), while the real
 * array ages.
 *
 * <p>Truth: P = P_nom * cos(incidence) * lighting * (1 - d t) * (healthy strings / strings)
 * * (1 + gamma (T - 28 C)), with P_nom = 1361 W/m^2 / r_AU^2 * 0.5 m^2 * 0.28 (a 0.5 m^2
 * triple-junction panel), gamma = -0.003 /K, d the gradual degradation per year, a string failure
 * at a given time (abrupt drift), and telemetry noise. The panel is body-mounted facing zenith
 * (+x of the local orbital frame). Its temperature T follows a first-order thermal model
 * (time constant 900 s) towards -60 C + 130 K * cos(incidence) * lighting. The temperature
 * sensor's bias drifts linearly (sensor drift), so the model's input itself shifts.
 *
 * <p>Features (dimensionless): [cos incidence, lighting ratio, cos incidence * lighting,
 * (measured T - 20 C) / 50 K]. Label: array power as a fraction of P_nom (multiply by
 * {@link #nominalPowerW()} for watts).
 *
 * <p>Why it matters: power fault detection compares telemetry with the model's prediction; a
 * stale model that still expects the lost string's power (or the pre-degradation output) makes the
 * residual exceed its threshold every sunlit pass, i.e. raises false alarms, until it is
 * retrained.
 */
public final class SolarArrayTask extends TaskStream {

    /** Temperature coefficient of power, 1/K (triple-junction GaAs is about -0.2 to -0.35 %/K). */
    public static final double GAMMA_PER_K = -0.003;
    private static final double SOLAR_CONSTANT_W_M2 = 1361.0;
    private static final double AREA_M2 = 0.5;
    private static final double EFFICIENCY = 0.28;
    private static final double THERMAL_TAU_S = 900.0;
    private static final double SECONDS_PER_YEAR = 365.25 * 86400;

    private final OnboardSchedule schedule;
    private final SolarArrayScenario scenario;
    private final SplittableRandom rng;
    private final double nominalPowerW;
    private double temperatureC = 20.0;
    private double conceptTimeS;

    /**
     * @param schedule the mission's onboard schedule (the span it covers is the stream's length)
     * @param scenario how the array ages
     */
    public SolarArrayTask(OnboardSchedule schedule, SolarArrayScenario scenario) {
        super("solar-array", 4, "fraction of nominal array power", false, scenario.samplePeriodS(), schedule.durationS());
        this.schedule = schedule;
        this.scenario = scenario;
        this.rng = new SplittableRandom(scenario.seed());
        double au = schedule.sun().sunDistanceAu();
        this.nominalPowerW = SOLAR_CONSTANT_W_M2 / (au * au) * AREA_M2 * EFFICIENCY;
    }

    @Override
    public boolean driftsGradually() {
        return scenario.degradationPerYear() > 0 || scenario.sensorBiasDriftKPerDay() != 0;
    }

    @Override
    public float next(float[] xOut) {
        double t = advance();
        conceptTimeS = t;
        double cosInc = schedule.sun().incidenceCos(t, 1, 0, 0);
        double light = schedule.lightingRatioAt(t);
        double lit = cosInc * light;
        double equilibriumC = -60.0 + 130.0 * lit;
        double decay = index() == 0 ? 0.0 : Math.exp(-scenario.samplePeriodS() / THERMAL_TAU_S);
        temperatureC = equilibriumC + (temperatureC - equilibriumC) * decay;
        double measuredC = temperatureC + biasK(t) + 0.5 * rng.nextGaussian();
        xOut[0] = (float) cosInc;
        xOut[1] = (float) light;
        xOut[2] = (float) lit;
        xOut[3] = (float) ((measuredC - 20.0) / 50.0);
        double p = lit * health(t) * (1 + GAMMA_PER_K * (temperatureC - 28.0));
        return (float) (p + scenario.noiseFraction() * rng.nextGaussian());
    }

    /** @return fraction of nominal output the array can give at {@code tS}: degradation times healthy strings */
    public double health(double tS) {
        double strings = scenario.strings();
        double healthy = tS >= scenario.stringFailureTimeS() ? strings - scenario.failedStrings() : strings;
        return aged(tS) * healthy / strings;
    }

    /** @return fraction of nominal output left by gradual degradation alone at {@code tS} */
    private double aged(double tS) {
        return 1.0 - scenario.degradationPerYear() * tS / SECONDS_PER_YEAR;
    }

    /** @return temperature sensor bias at {@code tS}, K */
    public double biasK(double tS) {
        return scenario.sensorBiasDriftKPerDay() * tS / 86400.0;
    }

    @Override
    public double[] abruptDriftTimesS() {
        return scenario.failedStrings() > 0 && scenario.stringFailureTimeS() < schedule.durationS()
                ? new double[] {scenario.stringFailureTimeS()} : new double[0];
    }

    @Override
    public boolean knowsConcept() {
        return true;
    }

    @Override
    public double currentConceptLabel(float[] x) {
        return label(x, health(conceptTimeS));
    }

    /** The only abrupt drift is the string failure: before it, every string gave power. */
    @Override
    public double preDriftConceptLabel(float[] x) {
        return label(x, aged(conceptTimeS));
    }

    private double label(float[] x, double health) {
        double trueC = 20.0 + 50.0 * x[3] - biasK(conceptTimeS);
        return x[2] * health * (1 + GAMMA_PER_K * (trueC - 28.0));
    }

    /** @return P_nom, W: the label's scale */
    public double nominalPowerW() {
        return nominalPowerW;
    }
}
