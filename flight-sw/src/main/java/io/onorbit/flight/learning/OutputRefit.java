package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.optimizer.SolveFigures;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Gradient mode with {@link LearningSettings#outputRls}: the output layer leaves the gradient step and is refitted
 * at each update by exponentially weighted recursive least squares, the proximal quadratic of its
 * {@link FadedNormalEquations} posed as a second energy to the same optimizer (so it is solved by the analog
 * engine and its energy is charged by the caller like the first one's).
 *
 * <p>Inputs: each new sample, added to the faded sums after the model predicted it (by the caller, through
 * {@link #sums}); at an update the weights w0 it starts from. Output: the output layer's part of the update's step
 * (trainable indices from {@code offset} on). Memory: the sums, the solve's start and solution, and the optimizer's
 * read-out (reserved), through the trainer's accountant. Not thread-safe.
 */
final class OutputRefit {

    private final FadedNormalEquations sums;
    /** The first trainable index of the output layer. */
    private final int offset;
    private final double proximalWeight;
    /** The solve's start: the zero step. */
    private final double[] zeroStep;
    /** The step the optimizer found, written by it. */
    private final double[] solution;

    /**
     * @param settings the memory (forgetting factor) and proximal weight mu
     * @param offset   the output layer's first trainable index, &ge; 0
     * @param outputs  its trainable parameters (last hidden width + 1)
     * @param memory   where the sums and the solve's arrays are allocated
     */
    OutputRefit(OutputRlsSettings settings, int offset, int outputs, MemoryAccountant memory) {
        Objects.requireNonNull(settings, "settings");
        if (offset < 0) {
            throw new IllegalArgumentException("output refit: offset " + offset + " must be >= 0");
        }
        this.offset = offset;
        this.proximalWeight = settings.proximalWeight();
        this.sums = new FadedNormalEquations(outputs, OptionalDouble.of(settings.forgettingFactor()), memory);
        this.zeroStep = memory.doubles("output refit start (zero step)", MemoryCategory.OPTIMIZER_STATE, outputs);
        this.solution = memory.doubles("output refit solution", MemoryCategory.OPTIMIZER_STATE, outputs);
        memory.reserve("output refit's output (inside the optimizer)", MemoryCategory.OPTIMIZER_STATE, 8L * outputs);
    }

    /** @return the faded normal equations of the output layer (each new sample is added to them) */
    FadedNormalEquations sums() {
        return sums;
    }

    /**
     * Poses the refit from the weights {@code anchor} and solves it; if it settled, its step becomes the output
     * layer's part of {@code step}.
     *
     * @return the solve's figures, to be charged whether or not it converged
     */
    SolveFigures solveInto(Optimizer optimizer, double[] anchor, double envelopePowerW, double[] step) {
        SolveFigures r = optimizer.minimizeInto(sums.pose(anchor, offset, proximalWeight), zeroStep, envelopePowerW,
                solution);
        if (r.converged()) {
            System.arraycopy(solution, 0, step, offset, solution.length);
        }
        return r;
    }

    /** A catch-up pass (no new sample came): the output layer's part of {@code step} is zero, the layer stays. */
    void keep(double[] step) {
        Arrays.fill(step, offset, offset + solution.length, 0.0);
    }
}
