package io.onorbit.verification.power;

import io.onorbit.flight.payload.PayloadSpec;
import io.onorbit.flight.power.PowerBudget;
import io.onorbit.flight.power.PowerModel;
import io.onorbit.flight.power.PowerOracle;
import io.onorbit.flight.power.PowerRun;
import io.onorbit.flight.power.PowerStep;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.power.TrainingEnvelope;
import io.onorbit.flight.schedule.EclipseInterval;
import io.onorbit.flight.schedule.OnboardSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one satellite's power budget over its schedule with the training envelope taking all it
 * allows, splits it into orbits, and compares the training energy with the oracle's.
 *
 * <p>Orbits run from one eclipse entry to the next. Where the schedule has no eclipse for longer
 * than 1.5 median eclipse spacings (or none at all, e.g. a dawn-dusk orbit) the rows are cut every
 * median spacing, or every {@value #DEFAULT_ORBIT_S} s when there is no spacing to measure.
 */
public final class PowerAnalysis {

    /** Row length used when the schedule has fewer than two eclipses, s. */
    public static final double DEFAULT_ORBIT_S = 5400;

    private final List<OrbitRow> orbits;
    private final PowerSummary summary;
    private final List<PayloadPower> payloads;

    private PowerAnalysis(List<OrbitRow> orbits, PowerSummary summary, List<PayloadPower> payloads) {
        this.orbits = List.copyOf(orbits);
        this.summary = summary;
        this.payloads = List.copyOf(payloads);
    }

    /**
     * @param schedule the satellite's onboard schedule
     * @param system   its power system
     * @param stepS    step, s (&gt; 0)
     * @return the analysis
     */
    public static PowerAnalysis run(OnboardSchedule schedule, PowerSystem system, double stepS) {
        return run(schedule, system, stepS, Double.POSITIVE_INFINITY);
    }

    /**
     * @param lookAheadS the envelope's look-ahead, s (infinity: the whole schedule)
     * @see #run(OnboardSchedule, PowerSystem, double)
     */
    public static PowerAnalysis run(OnboardSchedule schedule, PowerSystem system, double stepS, double lookAheadS) {
        return run(schedule, system, stepS, lookAheadS, List.of());
    }

    /**
     * @param payloads training payloads to run on the same envelope, each on its own budget; the
     *                 first is the mission's own
     * @see #run(OnboardSchedule, PowerSystem, double, double)
     */
    public static PowerAnalysis run(OnboardSchedule schedule, PowerSystem system, double stepS, double lookAheadS,
                                    List<PayloadSpec> payloads) {
        PowerModel model = new PowerModel(schedule, system);
        TrainingEnvelope envelope = TrainingEnvelope.plan(model, stepS, lookAheadS);
        double[] bounds = orbitBounds(schedule);
        List<OrbitRow> rows = new ArrayList<>();
        RowAccumulator acc = new RowAccumulator(schedule, bounds, rows);
        PowerBudget b = PowerRun.run(model, stepS, envelope, acc::accept);
        acc.finish();
        double oracle = PowerOracle.maxTrainingEnergyWh(model, stepS);
        double end = schedule.durationS();
        PowerSummary s = new PowerSummary(schedule.satellite(), stepS, b.minSoc(), system.battery().floorSoc(),
                system.marginSoc(), b.floorViolations(), b.trainingWh(), oracle, b.generatedWh(), b.loadWh(),
                b.lossWh(), b.spilledWh(), b.soc(end));
        List<PayloadPower> p = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            p.add(PayloadPower.run(model, envelope, stepS, payloads.get(i), i == 0));
        }
        return new PowerAnalysis(rows, s, p);
    }

    /** @return each training payload on the envelope, the mission's own first (empty if none was asked for) */
    public List<PayloadPower> payloads() {
        return payloads;
    }

    public List<OrbitRow> orbits() {
        return orbits;
    }

    public PowerSummary summary() {
        return summary;
    }

    /** @return increasing row boundaries from 0 to the schedule's end */
    static double[] orbitBounds(OnboardSchedule s) {
        double[] entries = s.eclipses().stream().filter(e -> e.kind() == EclipseInterval.Kind.PENUMBRA)
                .mapToDouble(EclipseInterval::startS).filter(t -> t > 0).sorted().toArray();
        double spacing = DEFAULT_ORBIT_S;
        if (entries.length >= 2) {
            double[] gaps = new double[entries.length - 1];
            for (int i = 1; i < entries.length; i++) {
                gaps[i - 1] = entries[i] - entries[i - 1];
            }
            Arrays.sort(gaps);
            spacing = gaps[gaps.length / 2];
        }
        List<Double> out = new ArrayList<>();
        out.add(0.0);
        double end = s.durationS();
        int k = 0;
        double last = 0;
        while (last < end) {
            double nextEntry = k < entries.length ? entries[k] : Double.POSITIVE_INFINITY;
            double next;
            if (nextEntry - last <= 1.5 * spacing) {
                next = nextEntry;
                k++;
            } else {
                next = last + spacing;
            }
            next = Math.min(next, end);
            if (next > last + 1e-9) {
                out.add(next);
                last = next;
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Sums steps into rows; a step belongs to the row holding its start. */
    private static final class RowAccumulator {
        private final OnboardSchedule schedule;
        private final double[] bounds;
        private final List<OrbitRow> rows;
        private int row;
        private double generated;
        private double consumed;
        private double training;
        private double minSoc = Double.POSITIVE_INFINITY;
        private boolean any;

        RowAccumulator(OnboardSchedule schedule, double[] bounds, List<OrbitRow> rows) {
            this.schedule = schedule;
            this.bounds = bounds;
            this.rows = rows;
        }

        void accept(PowerStep p) {
            while (row + 1 < bounds.length - 1 && p.tS() >= bounds[row + 1] - 1e-9) {
                flush();
                row++;
            }
            generated += p.generatedWh();
            consumed += p.loadWh() + p.trainingWh();
            training += p.trainingWh();
            minSoc = Math.min(minSoc, p.soc());
            any = true;
        }

        void finish() {
            flush();
        }

        private void flush() {
            if (!any) {
                return;
            }
            double start = bounds[row];
            double end = bounds[row + 1];
            double eclipse = 0;
            for (EclipseInterval e : schedule.eclipses()) {
                if (e.kind() == EclipseInterval.Kind.PENUMBRA) {
                    eclipse += Math.max(0, Math.min(end, e.endS()) - Math.max(start, e.startS()));
                }
            }
            rows.add(new OrbitRow(row, start, end, end - start - eclipse, eclipse, generated, consumed, training, minSoc));
            generated = 0;
            consumed = 0;
            training = 0;
            minSoc = Double.POSITIVE_INFINITY;
            any = false;
        }
    }
}
