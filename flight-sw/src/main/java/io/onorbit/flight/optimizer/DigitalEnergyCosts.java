package io.onorbit.flight.optimizer;

/**
 * Energy per operation of a digital processor, pJ. Defaults are the 45 nm, 0.9 V figures of
 * M. Horowitz, "Computing's energy problem (and what we can do about it)", ISSCC 2014, pp. 10-14:
 * fp32 multiply 3.7 pJ, fp32 add 0.9 pJ; 64-bit memory access 10 pJ from an 8 KB cache, 20 pJ from
 * 32 KB, 100 pJ from 1 MB, 1.3 to 2.6 nJ from DRAM (we take 1300 pJ); and about 70 pJ of
 * instruction overhead (fetch, decode, register file, control) per instruction on a simple RISC
 * core, from the same talk. A 32-bit access is charged as a 64-bit one (conservative); a square
 * root or a division is charged as {@code divideAsMultiplies} multiplies.
 *
 * @param fp32MultiplyPj     energy per fp32 multiply, pJ
 * @param fp32AddPj          energy per fp32 add, pJ
 * @param cache8kPj          per access, working set up to 8 KB, pJ
 * @param cache32kPj         per access, working set up to 32 KB, pJ
 * @param cache1mPj          per access, working set up to 1 MB, pJ
 * @param dramPj             per access, larger working sets, pJ
 * @param instructionOverheadPj per instruction (each arithmetic op and each memory access), pJ
 * @param divideAsMultiplies cost of a divide or square root in multiplies
 */
public record DigitalEnergyCosts(double fp32MultiplyPj, double fp32AddPj, double cache8kPj, double cache32kPj,
                                 double cache1mPj, double dramPj, double instructionOverheadPj,
                                 double divideAsMultiplies) {

    public DigitalEnergyCosts {
        double[] all = {fp32MultiplyPj, fp32AddPj, cache8kPj, cache32kPj, cache1mPj, dramPj, instructionOverheadPj,
            divideAsMultiplies};
        for (double v : all) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("digital energy costs must be finite and >= 0, got " + v);
            }
        }
    }

    /** @return Horowitz ISSCC 2014, 45 nm */
    public static DigitalEnergyCosts horowitz45nm() {
        return new DigitalEnergyCosts(3.7, 0.9, 10, 20, 100, 1300, 70, 4);
    }

    /** @return a copy without instruction overhead: arithmetic and memory only (an accelerator's floor) */
    public DigitalEnergyCosts withoutInstructionOverhead() {
        return new DigitalEnergyCosts(fp32MultiplyPj, fp32AddPj, cache8kPj, cache32kPj, cache1mPj, dramPj, 0,
                divideAsMultiplies);
    }

    /** @return energy per memory access for a working set of {@code bytes}, pJ */
    public double memoryAccessPj(long bytes) {
        if (bytes <= 8 * 1024) {
            return cache8kPj;
        }
        if (bytes <= 32 * 1024) {
            return cache32kPj;
        }
        return bytes <= 1024 * 1024 ? cache1mPj : dramPj;
    }
}
