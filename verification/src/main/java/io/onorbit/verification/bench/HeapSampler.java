package io.onorbit.verification.bench;

import io.onorbit.verification.sim.MissionSimulator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples heap used after a full GC every {@code everyS} simulated seconds, from the simulator's
 * progress callback (which runs between ground synchronizations, when no satellite thread works),
 * and fits a least-squares line to the samples after a warm-up.
 */
final class HeapSampler implements MissionSimulator.ProgressListener {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final double everyS;
    private double nextS;
    final List<double[]> samples = new ArrayList<>(); // {simulated day, heap bytes}

    HeapSampler(double everyS) {
        this.everyS = everyS;
    }

    @Override
    public void progress(double doneS, double totalS) {
        if (doneS < nextS) {
            return;
        }
        nextS = doneS + everyS;
        System.gc();
        samples.add(new double[] {doneS / 86400.0, memory.getHeapMemoryUsage().getUsed()});
    }

    /**
     * @param warmupFraction share of the samples to skip at the start
     * @return {slope bytes per day, mean bytes, samples used}
     */
    double[] fit(double warmupFraction) {
        int from = (int) Math.floor(samples.size() * warmupFraction);
        List<double[]> s = samples.subList(from, samples.size());
        return leastSquares(s);
    }

    static double[] leastSquares(List<double[]> s) {
        int n = s.size();
        double mx = 0;
        double my = 0;
        for (double[] p : s) {
            mx += p[0];
            my += p[1];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (double[] p : s) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return new double[] {sxx == 0 ? 0 : sxy / sxx, my, n};
    }
}
