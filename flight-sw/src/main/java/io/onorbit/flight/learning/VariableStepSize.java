package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import java.nio.ByteBuffer;

/**
 * The rate of {@link StepRule#VSS_NLMS} at each update (Shin, Sayed and Song 2004): with g the update's batch-mean
 * normalised gradient, p = a p + (1 - a) g and q = a q + (1 - a) |g|^2 (a = {@link StepRule#VSS_SMOOTHING}, both
 * starting at 0), and the rate max(eta_min, eta_max r / (r + C)) with r = |p|^2 / q
 * (C = {@link StepRule#VSS_HALF_STEP_COHERENCE}). r is at most 1 (|p|^2 &le; q by Jensen), so the rate never
 * exceeds eta_max; a zero gradient (every error 0) leaves it at eta_min. p is kept in float (one per trained
 * parameter, through the trainer's accountant), q in double. Not thread-safe.
 */
final class VariableStepSize {

    private final double largestRate;
    private final double smallestRate;
    /** p, the smoothed normalised gradient. */
    private final float[] smoothedGrad;
    /** q, the smoothed squared norm of the normalised gradients. */
    private double smoothedSquaredNorm;

    /**
     * @param largestRate  eta_max, in (0, {@link StepRule#NLMS_MAX_RATE})
     * @param smallestRate eta_min, in (0, eta_max]
     * @param parameters   trained parameters (the gradient's length), &ge; 1
     * @param memory       where p is allocated
     */
    VariableStepSize(double largestRate, double smallestRate, int parameters, MemoryAccountant memory) {
        if (!(largestRate > 0 && largestRate < StepRule.NLMS_MAX_RATE && smallestRate > 0 && smallestRate <= largestRate)) {
            throw new IllegalArgumentException("variable step: rates " + smallestRate + " to " + largestRate
                    + " must satisfy 0 < smallest <= largest < " + StepRule.NLMS_MAX_RATE);
        }
        if (parameters < 1) {
            throw new IllegalArgumentException("variable step: " + parameters + " parameters, must be >= 1");
        }
        this.largestRate = largestRate;
        this.smallestRate = smallestRate;
        this.smoothedGrad = memory.floats("smoothed normalised gradient (variable step)", MemoryCategory.OPTIMIZER_STATE,
                parameters);
    }

    /**
     * Smooths this update's mean normalised gradient into p and q.
     *
     * @param grad g, one entry per trained parameter (read only)
     * @return the rate for this update, in [eta_min, eta_max]
     */
    double next(float[] grad) {
        double a = StepRule.VSS_SMOOTHING;
        double gSquared = 0;
        double pSquared = 0;
        for (int k = 0; k < smoothedGrad.length; k++) {
            float g = grad[k];
            float p = (float) (a * smoothedGrad[k] + (1 - a) * g);
            smoothedGrad[k] = p;
            gSquared += (double) g * g;
            pSquared += (double) p * p;
        }
        smoothedSquaredNorm = a * smoothedSquaredNorm + (1 - a) * gSquared;
        double coherence = smoothedSquaredNorm > 0 ? Math.min(1.0, pSquared / smoothedSquaredNorm) : 0.0;
        double eta = largestRate * coherence / (coherence + StepRule.VSS_HALF_STEP_COHERENCE);
        return Math.max(eta, smallestRate);
    }

    /** @return bytes {@link #save} writes: p (a float per trained parameter) and q */
    int savedBytes() {
        return 4 * smoothedGrad.length + 8;
    }

    /** Writes p and q (a checkpoint: without them a restarted rule's coherence starts from nothing). */
    void save(ByteBuffer out) {
        SavedArrays.put(out, smoothedGrad);
        out.putDouble(smoothedSquaredNorm);
    }

    /** Reads what {@link #save} wrote. */
    void resume(ByteBuffer in) {
        SavedArrays.get(in, smoothedGrad);
        smoothedSquaredNorm = in.getDouble();
    }
}
