package io.onorbit.flight.learning;

/**
 * Settings of the output layer's recursive least-squares fit ({@code learning.output_rls}): with a
 * gradient subset the output layer's weights (last hidden width + 1) leave the gradient step and
 * are refitted at every update on exponentially faded normal equations
 * ({@link FadedNormalEquations}; Haykin, Adaptive Filter Theory, ch. 10), while the hidden rows keep
 * their step; with {@code last_layer} the exact update's sums fade instead of holding one batch.
 *
 * @param memorySamples  the fit's memory 1 / (1 - lambda), samples, in [2, 1e9]: each older sample's
 *                       weight fades by lambda = 1 - 1 / memory per new sample
 * @param proximalWeight mu &gt; 0, at most 1e6: the pull towards the current weights, relative to the
 *                       faded mean of h h^T (A = S / W + mu I); small: the fit follows its data;
 *                       it also bounds A's condition number, which the analog engine's settle time
 *                       and converters see
 */
public record OutputRlsSettings(double memorySamples, double proximalWeight) {

    public OutputRlsSettings {
        if (!(memorySamples >= 2 && memorySamples <= 1e9)) {
            throw new IllegalArgumentException("learning: output RLS memorySamples " + memorySamples
                    + " must be in [2, 1e9]");
        }
        if (!(proximalWeight > 0 && proximalWeight <= 1e6)) {
            throw new IllegalArgumentException("learning: output RLS proximalWeight " + proximalWeight
                    + " must be in (0, 1e6]");
        }
    }

    /**
     * @return what {@code learning.output_rls} takes for a key it does not set: a memory of 500
     *         samples (a third of a day of the 60 s stream) and mu = 0.1 (at 0.01 no update of SEA's 20 days
     *         was applied on the analog engine's 8-bit crossbar); BENCHMARKS.md, "The output layer by
     *         recursive least squares"
     */
    public static OutputRlsSettings defaults() {
        return new OutputRlsSettings(DEFAULT_MEMORY, DEFAULT_MU);
    }

    static final double DEFAULT_MEMORY = 500;
    static final double DEFAULT_MU = 0.1;

    /** @return lambda = 1 - 1 / memory, in [0.5, 1) */
    public double forgettingFactor() {
        return 1 - 1 / memorySamples;
    }
}
