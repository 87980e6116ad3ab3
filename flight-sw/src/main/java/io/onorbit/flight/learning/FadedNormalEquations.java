package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.optimizer.QuadraticEnergy;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The normal equations of the output layer's least-squares fit, over the regressor
 * h = [last hidden layer, 1] (n = width + 1): the sums S = sum f_i h_i h_i^T, r = sum f_i h_i y_i and
 * W = sum f_i, posed as the proximal quadratic in the step d = w - w0 from the current weights
 * E(d) = 1/(2W) sum f_i (h_i.(w0 + d) - y_i)^2 + mu/2 |d|^2, i.e. A = S / W + mu I and
 * b = (r - S w0) / W ({@link QuadraticEnergy}, which the analog engine solves).
 *
 * <p>Two memories, one arithmetic:
 * <ul>
 *   <li><b>Batch</b> (no forgetting factor): f_i = 1 and the sums hold one update's rows
 *       ({@link #reset} after each update): the exact last-layer update.</li>
 *   <li><b>Faded</b> (forgetting factor lambda in (0, 1)): f_i = lambda^(t - i), every older sample's
 *       weight multiplied by lambda as each new one is added, never cleared but by a
 *       {@link #reset}: exponentially weighted recursive least squares (Haykin, Adaptive Filter
 *       Theory, 4th ed., ch. 9-10 "the method of least squares" and "RLS"; Ljung and Soderstrom
 *       1983, "Theory and practice of recursive identification"), a memory of 1 / (1 - lambda)
 *       samples, refitted whole at every update instead of by the Riccati recursion of P = A^-1:
 *       the same minimiser, posed as the energy the engine settles. A reset is covariance resetting
 *       (Goodwin and Sin 1984, "Adaptive filtering, prediction and control", sec. 3.3): after a
 *       detected change the old concept's weight is dropped and the fit restarts from the
 *       samples since the change.</li>
 * </ul>
 * In the faded memory the sums are kept and A and b are written into arrays of their own; in the
 * batch memory they are written over the sums (the next update clears them), as before. All
 * arrays through the trainer's {@link MemoryAccountant}. Not thread-safe.
 */
public final class FadedNormalEquations {

    private final int n;
    /** lambda; empty: the batch memory */
    private final OptionalDouble forgetting;
    /** S, upper triangle, row-major n x n (the lower is unused until posed) */
    private final double[] matrix;
    /** r */
    private final double[] vector;
    /** A as posed: {@link #matrix} itself in the batch memory */
    private final double[] posedMatrix;
    /** b as posed: {@link #vector} itself in the batch memory */
    private final double[] posedVector;
    /** W, the summed weights (samples) */
    private double weightSamples;

    /**
     * @param n                 regressor length (last hidden width + 1)
     * @param forgettingFactor  lambda in (0, 1) for the faded memory; empty for the batch memory
     * @param memory            where the arrays are allocated
     */
    public FadedNormalEquations(int n, OptionalDouble forgettingFactor, MemoryAccountant memory) {
        if (n < 1) {
            throw new IllegalArgumentException("normal equations: regressor length " + n + " must be >= 1");
        }
        forgettingFactor.ifPresent(l -> {
            if (!(l > 0 && l < 1)) {
                throw new IllegalArgumentException("normal equations: forgetting factor " + l + " must be in (0, 1)");
            }
        });
        this.n = n;
        this.forgetting = forgettingFactor;
        this.matrix = memory.doubles("normal matrix H^T H", MemoryCategory.OPTIMIZER_STATE, n * n);
        this.vector = memory.doubles("normal vector H^T y", MemoryCategory.OPTIMIZER_STATE, n);
        boolean faded = forgettingFactor.isPresent();
        this.posedMatrix = faded ? memory.doubles("posed matrix S / W + mu I (faded sums kept)",
                MemoryCategory.OPTIMIZER_STATE, n * n) : matrix;
        this.posedVector = faded ? memory.doubles("posed vector (r - S w0) / W (faded sums kept)",
                MemoryCategory.OPTIMIZER_STATE, n) : vector;
        // QuadraticEnergy copies A and b
        memory.reserve("quadratic energy copy (optimizer interface)", MemoryCategory.OPTIMIZER_STATE,
                8L * (n * (long) n + n));
    }

    /** @return the regressor length n */
    public int size() {
        return n;
    }

    /** @return W: the summed sample weights (with fading, at most 1 / (1 - lambda)) */
    public double weightSamples() {
        return weightSamples;
    }

    /**
     * Adds the sample the model just predicted: h = [its last hidden layer, 1], label y; with
     * fading every earlier sample's weight is first multiplied by lambda.
     */
    public void add(DenseNetwork model, float y) {
        if (forgetting.isPresent()) {
            fade(forgetting.getAsDouble());
        }
        int m = n - 1;
        for (int i = 0; i < n; i++) {
            double hi = i < m ? model.lastHidden(i) : 1.0;
            vector[i] += hi * y;
            int row = i * n;
            for (int j = i; j < n; j++) {
                matrix[row + j] += hi * (j < m ? model.lastHidden(j) : 1.0);
            }
        }
        weightSamples += 1;
    }

    /** Multiplies every sum by {@code factor} (upper triangle only: the lower is never read). */
    private void fade(double factor) {
        for (int i = 0; i < n; i++) {
            vector[i] *= factor;
            int row = i * n;
            for (int j = i; j < n; j++) {
                matrix[row + j] *= factor;
            }
        }
        weightSamples *= factor;
    }

    /** Forgets every sample: the batch memory after each update, the faded one on a detected change. */
    public void reset() {
        Arrays.fill(matrix, 0.0);
        Arrays.fill(vector, 0.0);
        weightSamples = 0;
    }

    /**
     * The energy of the step d from the current weights: A = S / W + mu I, b = (r - S w0) / W (with
     * no sample yet, A = mu I and b = 0: the zero step). In the batch memory the sums are
     * overwritten ({@link #reset} before the next sample).
     *
     * @param anchor  the current weights w0 are {@code anchor[offset .. offset + n)}
     * @param offset  where the output layer's weights start in {@code anchor}
     * @param proximalWeight mu &gt; 0
     * @return the energy (a copy: the arrays may change afterwards)
     */
    public QuadraticEnergy pose(double[] anchor, int offset, double proximalWeight) {
        double w = weightSamples;
        for (int i = 0; i < n; i++) {
            double hw = 0;
            for (int j = 0; j < n; j++) {
                hw += matrix[i <= j ? i * n + j : j * n + i] * anchor[offset + j];
            }
            posedVector[i] = w > 0 ? (vector[i] - hw) / w : 0.0;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = (w > 0 ? matrix[i * n + j] / w : 0.0) + (i == j ? proximalWeight : 0.0);
                posedMatrix[i * n + j] = v;
                posedMatrix[j * n + i] = v;
            }
        }
        return new QuadraticEnergy(posedMatrix, posedVector);
    }

    /** @return bytes {@link #save} writes: the sums and their weight (the posed copies are rebuilt at each pose) */
    int savedBytes() {
        return 8 * (matrix.length + vector.length) + 8;
    }

    /** Writes the faded sums (a checkpoint). */
    void save(ByteBuffer out) {
        SavedArrays.put(out, matrix);
        SavedArrays.put(out, vector);
        out.putDouble(weightSamples);
    }

    /** Reads what {@link #save} wrote. */
    void resume(ByteBuffer in) {
        SavedArrays.get(in, matrix);
        SavedArrays.get(in, vector);
        weightSamples = in.getDouble();
    }
}
