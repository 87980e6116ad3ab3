package io.onorbit.flight.power;

/**
 * Electrical loads other than training, as mean power over a step.
 *
 * <ul>
 *   <li>bus: always on (computer, attitude control, power system, receiver);</li>
 *   <li>payload: on for the first {@code payloadDutyCycle} of every {@code payloadPeriodS},
 *       counted from the schedule epoch;</li>
 *   <li>radio transmitter: on whenever any contact window is open;</li>
 *   <li>heaters: {@code heaterW} times the fraction of the Sun hidden (full power in umbra).</li>
 * </ul>
 *
 * @param busW             always-on load, W (&ge; 0)
 * @param payloadW         payload load while on, W (&ge; 0)
 * @param payloadDutyCycle fraction of each period the payload is on, in [0, 1]
 * @param payloadPeriodS   payload cycle period, s (&gt; 0)
 * @param radioTxW         transmitter load during passes, W (&ge; 0)
 * @param heaterW          heater load in full shadow, W (&ge; 0)
 */
public record LoadProfile(double busW, double payloadW, double payloadDutyCycle, double payloadPeriodS,
                          double radioTxW, double heaterW) {

    public LoadProfile {
        Checks.nonNegative("loads busW", busW);
        Checks.nonNegative("loads payloadW", payloadW);
        Checks.inRange("loads payloadDutyCycle", payloadDutyCycle, 0.0, 1.0);
        Checks.positive("loads payloadPeriodS", payloadPeriodS);
        Checks.nonNegative("loads radioTxW", radioTxW);
        Checks.nonNegative("loads heaterW", heaterW);
    }

    /**
     * 6U cubesat default: 6 W bus, 10 W payload at 30% duty over a 5400 s cycle, 12 W S-band
     * transmitter during passes, 4 W of heaters in eclipse.
     */
    public static LoadProfile sixUCubesat() {
        return new LoadProfile(6.0, 10.0, 0.30, 5400.0, 12.0, 4.0);
    }

    public LoadProfile withBusW(double v) {
        return new LoadProfile(v, payloadW, payloadDutyCycle, payloadPeriodS, radioTxW, heaterW);
    }

    public LoadProfile withPayload(double watts, double dutyCycle, double periodS) {
        return new LoadProfile(busW, watts, dutyCycle, periodS, radioTxW, heaterW);
    }

    public LoadProfile withRadioTxW(double v) {
        return new LoadProfile(busW, payloadW, payloadDutyCycle, payloadPeriodS, v, heaterW);
    }

    public LoadProfile withHeaterW(double v) {
        return new LoadProfile(busW, payloadW, payloadDutyCycle, payloadPeriodS, radioTxW, v);
    }

    /** @return fraction of [t0S, t1S] the payload is on, exact for the periodic duty cycle */
    double payloadOnFraction(double t0S, double t1S) {
        if (payloadDutyCycle <= 0 || payloadW <= 0) {
            return 0;
        }
        if (t1S <= t0S) {
            double phase = t0S - Math.floor(t0S / payloadPeriodS) * payloadPeriodS;
            return phase < payloadDutyCycle * payloadPeriodS ? 1 : 0;
        }
        return (onTimeUntil(t1S) - onTimeUntil(t0S)) / (t1S - t0S);
    }

    /** @return total payload-on time in [0, tS], s (cumulative, so differences give overlaps) */
    private double onTimeUntil(double tS) {
        double on = payloadDutyCycle * payloadPeriodS;
        double cycles = Math.floor(tS / payloadPeriodS);
        double phase = tS - cycles * payloadPeriodS;
        return cycles * on + Math.min(phase, on);
    }
}
