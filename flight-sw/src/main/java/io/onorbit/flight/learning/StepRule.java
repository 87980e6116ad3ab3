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
     * length, and the same value is fast and stable on every task. A fixed rate trades tracking
     * against noise: at eta the steady-state excess error of NLMS is about eta / (2 - eta) times
     * the label noise variance (19 times at 1.9).
     */
    NLMS,

    /**
     * Variable step-size NLMS (Shin, Sayed and Song 2004, "Variable step-size NLMS and affine
     * projection algorithms", IEEE Signal Processing Letters 11(2)): the normalised step above,
     * with its rate set at each update from how consistently the normalised gradients point the
     * same way. With g_k the update's batch-mean normalised gradient, the trainer keeps
     * p_k = a p_(k-1) + (1 - a) g_k and q_k = a q_(k-1) + (1 - a) |g_k|^2 and uses
     * eta_k = eta_max r_k / (r_k + C), r_k = |p_k|^2 / q_k. Far from the optimum (after a drift)
     * the gradients agree, r approaches 1 and the step approaches eta_max; at the optimum they
     * are label noise, r falls to about (1 - a) / (1 + a) and so does the step, which removes
     * most of the fixed rate's excess error. The paper's C is an absolute level of |p|^2; here it
     * is relative to q (the gradients' own mean square), so the rule means the same on every
     * task and input scale. {@code learningRate} is eta_max and {@code minLearningRate} the
     * floor the rate is clipped to (the bounds [mu_min, mu_max] of Kwong and Johnston 1992).
     */
    VSS_NLMS;

    /** @return true for the rules that normalise each sample's gradient (rate below {@link #NLMS_MAX_RATE}) */
    public boolean normalised() {
        return this != SGD;
    }

    /**
     * NLMS regulariser delta (output unit squared per parameter squared). Keeps the step finite
     * when the output barely depends on the trained parameters (every trained unit saturated);
     * small against the 1 that the output bias, trained by every gradient subset, alone adds to
     * |J|^2, so it never sets the step size in practice.
     */
    public static final double NLMS_REGULARISER = 1e-3;

    /** Largest normalised rate (exclusive): the NLMS stability limit. */
    public static final double NLMS_MAX_RATE = 2.0;

    /**
     * {@link #VSS_NLMS} smoothing factor a of p and q: a memory of 1 / (1 - a) = 10 updates
     * (40 samples, 40 min of the default 60 s stream with batches of 4), so pure noise leaves r
     * near (1 - a) / (1 + a) = 0.05 while a drift raises r past C within a few updates.
     */
    public static final double VSS_SMOOTHING = 0.9;

    /**
     * {@link #VSS_NLMS} constant C: the gradient coherence r at which the step is half of eta_max.
     * Measured against 0.05 and with smoothing 0.98 (BENCHMARKS.md, "Drift recovery: the variable
     * step"): the drift figures barely moved; the floor ({@code min_learning_rate}) decides them.
     */
    public static final double VSS_HALF_STEP_COHERENCE = 0.1;
}
