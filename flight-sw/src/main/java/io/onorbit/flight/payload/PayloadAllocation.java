package io.onorbit.flight.payload;

/**
 * How one step is split between the payload's power states, from the envelope's allowance.
 *
 * <p>The envelope is a mean power over the step. A payload that idles ({@code idleW > 0}) is
 * powered for the whole step when the envelope covers its idle draw, training for the fraction
 * d = min(1, (envelope − idle) / (active − idle)) and idling for the rest, so that its mean draw
 * d·active + (1 − d)·idle never exceeds the envelope; below its idle draw it is off for the
 * step. A payload switched off when idle ({@code idleW = 0}) trains for d = min(1, envelope /
 * active) of the step and is off for the rest. Either way the payload never draws more than the
 * envelope over the step, and takes all of it whenever it cannot train for the whole step.
 *
 * @param trainingS time in {@link PowerState#TRAINING}, s
 * @param idleS     time in {@link PowerState#IDLE}, s
 * @param offS      time in {@link PowerState#OFF}, s
 * @param drawnJ    energy drawn over the step, J (state draws times state times)
 */
public record PayloadAllocation(double trainingS, double idleS, double offS, double drawnJ) {

    public PayloadAllocation {
        if (!(trainingS >= 0) || !(idleS >= 0) || !(offS >= 0) || !(drawnJ >= 0)) {
            throw new IllegalArgumentException("payload allocation: times and energy must be >= 0");
        }
    }

    /**
     * @param spec      the payload
     * @param envelopeW the envelope's mean allowance over the step, W (&ge; 0; NaN is treated as 0)
     * @param dtS       step length, s (&gt; 0)
     * @return the split of the step
     */
    public static PayloadAllocation of(PayloadSpec spec, double envelopeW, double dtS) {
        if (!(dtS > 0)) {
            throw new IllegalArgumentException("payload allocation: dtS " + dtS + " must be > 0");
        }
        double e = envelopeW > 0 ? envelopeW : 0; // NaN and negatives: no allowance
        double active = spec.activeW();
        double idle = spec.idleW();
        if (spec.switchedOffWhenIdle()) {
            double d = Math.min(1, e / active);
            double on = d * dtS;
            return new PayloadAllocation(on, 0, dtS - on, active * on);
        }
        if (e < idle) {
            return new PayloadAllocation(0, 0, dtS, 0);
        }
        double d = Math.min(1, (e - idle) / (active - idle));
        double on = d * dtS;
        double rest = dtS - on;
        return new PayloadAllocation(on, rest, 0, active * on + idle * rest);
    }

    /** @return the step's length, s */
    public double dtS() {
        return trainingS + idleS + offS;
    }

    /** @return the fraction of the step spent training, in [0, 1] */
    public double duty() {
        double dt = dtS();
        return dt > 0 ? trainingS / dt : 0;
    }

    /** @return the mean draw over the step, W */
    public double meanPowerW() {
        double dt = dtS();
        return dt > 0 ? drawnJ / dt : 0;
    }
}
