package io.onorbit.flight.learning;

/**
 * How the trainer scales each sample's gradient before the damped step d = -eta g (every
 * trainable subset but the exact last layer, whose update is a least-squares solve).
 */
public enum StepRule {

    /**
     * Plain stochastic gradient: g is the batch mean of the per-sample gradients e_i J_i (e the
     * prediction error, J = dy/dw over the trained parameters). Stable only while eta times the
     * largest eigenvalue of the mean J J^T stays below 2 (the LMS limit), which a network with
     * saturated units or many inputs reaches at rates that are slow elsewhere.
     */
    SGD,

    /**
     * Normalised LMS (Nagumo and Noda 1967; Haykin, Adaptive Filter Theory, ch. 6), applied to the
     * network's output gradient as in normalised gradient descent for nonlinear filters (Mandic
     * 2004): each sample's gradient is divided by {@code delta + |J_i|^2}, so the step
     * -eta e_i J_i / (delta + |J_i|^2) removes the fraction eta |J_i|^2 / (delta + |J_i|^2) of that
     * sample's error to first order whatever the scale of its inputs and activations. The batch
     * mean of such normalised rank-one steps has eigenvalues in [0, 1), so the linearised update
     * is stable for every eta in (0, 2): the rate is a fraction of the error removed, not a step
     * length, and the same value is fast and stable on every task.
     */
    NLMS;

    /**
     * NLMS regulariser delta (output unit squared per parameter squared). Keeps the step finite
     * when the output barely depends on the trained parameters (every trained unit saturated);
     * small against the 1 that the output bias, trained by every gradient subset, alone adds to
     * |J|^2, so it never sets the step size in practice.
     */
    public static final double NLMS_REGULARISER = 1e-3;

    /** Largest normalised rate (exclusive): the NLMS stability limit. */
    public static final double NLMS_MAX_RATE = 2.0;
}
