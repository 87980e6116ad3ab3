package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.SampleBatch;
import io.onorbit.flight.learning.model.TrainableSubset;
import java.util.Arrays;
import java.util.Objects;

/**
 * The gradient-mode batch: the sum over an update's samples of each one's squared-error gradient e J over the
 * trained parameters (J = dy/dw, e = prediction - label), scaled per {@link StepRule}: as is for
 * {@link StepRule#SGD}, by 1 / (delta + |J|^2) for the normalised rules ({@link #normalisedScale}); then its mean,
 * which the damped step d = -eta g follows.
 *
 * <p>A new sample's gradient is added when it is predicted, at the weights it was predicted with (a global model
 * may be merged into them before the update). An update's replayed samples pass forward together in one
 * {@link SampleBatch} and backward slot by slot in the order they were drawn, so that the sums are those of one
 * sample at a time. The sum array is the caller's (the proximal energy reads it); the replayed samples' batch and
 * labels are allocated here, through the trainer's accountant. Not thread-safe.
 */
final class BatchGradient {

    private final DenseNetwork model;
    private final TrainableSubset subset;
    private final boolean normalised;
    /** The summed (after {@link #mean}, the mean) gradient, one entry per trained parameter. */
    private final float[] sum;
    /** An update's replayed samples, passed forward together and backward slot by slot. */
    private final SampleBatch replayed;
    /** The label of each slot of {@link #replayed}. */
    private final float[] replayedLabels;
    /** The damped step's energy eta g.d + |d|^2 / 2 on {@link #sum} (it reads the array, copies nothing). */
    private final ProximalGradientEnergy energy;

    /**
     * @param model     the trained model
     * @param subset    its trained parameters
     * @param rule      how each sample's gradient is scaled
     * @param sum       where the gradient is summed, {@code subset.size()} long
     * @param slots     replayed samples an update holds at most, &ge; 1
     * @param memory    where the replayed samples' batch and labels are allocated
     */
    BatchGradient(DenseNetwork model, TrainableSubset subset, StepRule rule, float[] sum, int slots,
                  MemoryAccountant memory) {
        this.model = Objects.requireNonNull(model, "model");
        this.subset = Objects.requireNonNull(subset, "subset");
        this.normalised = Objects.requireNonNull(rule, "rule").normalised();
        if (sum.length != subset.size()) {
            throw new IllegalArgumentException("batch gradient: sum of " + sum.length + " entries for "
                    + subset.size() + " trained parameters");
        }
        this.sum = sum;
        this.replayed = model.newBatch(slots, memory);
        this.replayedLabels = memory.floats("replayed sample labels", MemoryCategory.REPLAY, slots);
        this.energy = new ProximalGradientEnergy(sum);
    }

    /** Adds the gradient of the sample the model just predicted (its latest forward pass), error {@code error}. */
    void addPredicted(float error) {
        if (!normalised) {
            model.backward(error, subset, sum, 1f);
        } else if (error != 0f) { // a zero error adds nothing
            model.propagate(error, subset);
            model.addGradient(subset, sum, normalisedScale(error, model.gradientSquaredNorm(subset)));
        }
    }

    /** Puts a replayed sample into slot {@code slot} (below the capacity), for {@link #addReplayed}. */
    void setReplayed(int slot, float[] x, float y) {
        replayed.setInput(slot, x);
        replayedLabels[slot] = y;
    }

    /** The forward pass of the first {@code drawn} replayed slots together, then each slot's gradient in order. */
    void addReplayed(int drawn) {
        model.predict(replayed, 0, drawn);
        for (int s = 0; s < drawn; s++) {
            float error = replayed.output(s) - replayedLabels[s];
            if (!normalised) {
                model.backward(replayed, s, error, subset, sum, 1f);
            } else if (error != 0f) {
                model.propagate(replayed, s, error, subset);
                model.addGradient(replayed, s, subset, sum,
                        normalisedScale(error, model.gradientSquaredNorm(replayed, s, subset)));
            }
        }
    }

    /**
     * The factor of a sample's gradient e J in the batch sum, 1 / (delta + |J|^2) (delta =
     * {@link StepRule#NLMS_REGULARISER}): e J / (delta + |J|^2) is added. |J|^2 is the squared norm of e J (in
     * closed form, {@link DenseNetwork#gradientSquaredNorm}) divided by e^2; a regularised normalisation written
     * as e^2 / (delta e^2 + |e J|^2).
     *
     * @param error       the sample's error e (not 0)
     * @param squaredNorm |e J|^2
     * @return the factor, dimensionless
     */
    static float normalisedScale(float error, double squaredNorm) {
        double e2 = (double) error * error;
        return (float) (e2 / (StepRule.NLMS_REGULARISER * e2 + squaredNorm));
    }

    /** The sum becomes the mean over {@code rows} samples (a loop of its own: the JIT compiles it apart). */
    void mean(int rows) {
        float inv = 1f / rows;
        for (int k = 0; k < sum.length; k++) {
            sum[k] *= inv;
        }
    }

    /**
     * @param stepSize eta &gt; 0
     * @return the energy whose minimum is the damped step d = -eta g from the current sum (after {@link #mean}, g)
     */
    ProximalGradientEnergy energy(double stepSize) {
        energy.setStepSize(stepSize);
        return energy;
    }

    /** Empties the sum for the next batch. */
    void clear() {
        Arrays.fill(sum, 0f);
    }
}
