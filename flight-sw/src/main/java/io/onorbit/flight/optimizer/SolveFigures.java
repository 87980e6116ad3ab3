package io.onorbit.flight.optimizer;

/**
 * What one update cost and how it ended, without the point reached (which
 * {@link Optimizer#minimizeInto} writes into the caller's array).
 *
 * @param powerW      operating power drawn while solving, W
 * @param settleTimeS time to settle (analog) or compute (digital), s
 * @param energyJ     total energy spent: power x time plus conversions or memory traffic, J
 * @param converged   true if it settled to its tolerance
 * @param operations  iterations (digital) or integrator steps (analog), for reports
 */
public record SolveFigures(double powerW, double settleTimeS, double energyJ, boolean converged, long operations) {

    public SolveFigures {
        if (!(powerW >= 0) || !(settleTimeS >= 0) || !(energyJ >= 0)) {
            throw new IllegalArgumentException("optimization result: power, time and energy must be >= 0");
        }
    }
}
