package io.onorbit.flight.payload;

import io.onorbit.flight.optimizer.DigitalEnergyCosts;

/**
 * Counted operations of the host's share of training (forward passes, the backward pass or the
 * normal-equation sums, replay, building the problem handed to the solver), priced like
 * {@code flight.optimizer.DigitalOptimizer} prices its own: arithmetic at the
 * {@link DigitalEnergyCosts} figures (Horowitz, ISSCC 2014), each memory access at the price of
 * the working set's level, and the instruction overhead on every operation.
 *
 * @param multiplies     fp32 multiplies
 * @param adds           fp32 adds
 * @param divides        divides, square roots and transcendental functions (tanh), each priced as
 *                       {@link DigitalEnergyCosts#divideAsMultiplies()} multiplies
 * @param memoryAccesses loads and stores
 */
public record HostWork(long multiplies, long adds, long divides, long memoryAccesses) {

    /** No work. */
    public static final HostWork NONE = new HostWork(0, 0, 0, 0);

    public HostWork {
        if (multiplies < 0 || adds < 0 || divides < 0 || memoryAccesses < 0) {
            throw new IllegalArgumentException("host work counts must be >= 0");
        }
    }

    /** @return the sum of both counts */
    public HostWork plus(HostWork o) {
        return new HostWork(multiplies + o.multiplies, adds + o.adds, divides + o.divides,
                memoryAccesses + o.memoryAccesses);
    }

    /** @return this work done {@code k} times */
    public HostWork times(long k) {
        if (k < 0) {
            throw new IllegalArgumentException("host work repeated " + k + " times");
        }
        return new HostWork(multiplies * k, adds * k, divides * k, memoryAccesses * k);
    }

    /** @return instructions: every arithmetic operation and every memory access counts as one */
    public long instructions() {
        return multiplies + adds + divides + memoryAccesses;
    }

    /** @return multiply-accumulates' worth of arithmetic (the smaller of multiplies and adds) */
    public long macs() {
        return Math.min(multiplies, adds);
    }

    /**
     * @param costs           energy per operation
     * @param workingSetBytes bytes the host touches (sets the memory level an access is priced at)
     * @return the dynamic energy of this work, J
     */
    public double energyJ(DigitalEnergyCosts costs, long workingSetBytes) {
        double pj = multiplies * costs.fp32MultiplyPj() + divides * costs.divideAsMultiplies() * costs.fp32MultiplyPj()
                + adds * costs.fp32AddPj() + memoryAccesses * costs.memoryAccessPj(workingSetBytes)
                + instructions() * costs.instructionOverheadPj();
        return pj * 1e-12;
    }

    /** @return time the host needs for this work at {@code opsPerS} instructions per second, s */
    public double timeS(double opsPerS) {
        return instructions() / opsPerS;
    }
}
