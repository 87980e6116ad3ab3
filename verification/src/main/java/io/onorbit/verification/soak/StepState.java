package io.onorbit.verification.soak;

import java.util.List;

/**
 * What one satellite did in one step, as raw facts for the invariant checks and the report.
 * NaN (or -1 for counts) marks a quantity whose stage is not available.
 *
 * @param satellite          satellite name
 * @param step               step index from 0
 * @param trueTimeS          step start, true s since epoch
 * @param onboardTimeS       step start on the flight computer's clock
 * @param dtS                step length, s
 * @param soc                state of charge after the step as the battery model holds it, fraction
 * @param socFloor           hard floor, fraction
 * @param realDrawSoc        state of charge after the step had the cell served the whole draw of the
 *                           step (loads, training, fault loads) without any protection cut at the
 *                           floor, fraction (NaN absent); below {@code socFloor} is a floor crossing
 * @param unservedWh         demand the battery refused at its floor in the step, Wh (NaN absent)
 * @param envelopeW          training envelope at the step start, W
 * @param optimizerPeakPowerW highest optimizer power drawn in the step, W
 * @param trainingEnergyJ    optimizer energy drawn in the step, J
 * @param contactOverlapS    seconds of the step inside a true contact window (carrier available)
 * @param downlinkBps        downlink rate of that contact, bit/s (0 outside contact)
 * @param txTrueStartS       true time the radio started keying in the step, s since epoch (NaN: it did not)
 * @param txTrueEndS         true time it stopped, s since epoch (NaN: it did not)
 * @param uplinkS            seconds of the step in which the ground's uplink could reach the
 *                           satellite: inside a true contact with an uplink rate, outside its
 *                           acquisition margins (the radio's rule, as {@code plan} counts uplink
 *                           bytes), pass not lost
 * @param bytesTransmitted   bytes the radio sent in the step
 * @param downlinkPackets    the packets sent (before the channel touched them)
 * @param memoryUsedBytes    trainer memory now, bytes (-1 absent)
 * @param memoryBudgetBytes  trainer budget, bytes (-1 absent)
 * @param generatedIds       deltas created in the step
 * @param corruptedIds       deltas the queue reported corrupted in the step
 * @param mergedIds          deltas the queue merged into newer ones in the step
 * @param queuedIds          deltas in the queue after the step (null if the link stage is absent)
 * @param appliedUpdates     uplinked model updates the spacecraft applied in the step, in order
 * @param beaconsSentMs      ground times of the time beacons the ground really sent in the step, ms
 * @param beaconsAcceptedMs  ground times of the beacons the spacecraft accepted (set its clock from) in the step, ms
 * @param error              an exception a stage threw in the step, or null
 */
public record StepState(String satellite, long step, double trueTimeS, double onboardTimeS, double dtS,
                        double soc, double socFloor, double realDrawSoc, double unservedWh, double envelopeW,
                        double optimizerPeakPowerW, double trainingEnergyJ, double contactOverlapS, double downlinkBps,
                        double txTrueStartS, double txTrueEndS, double uplinkS,
                        long bytesTransmitted, List<byte[]> downlinkPackets,
                        long memoryUsedBytes, long memoryBudgetBytes,
                        long[] generatedIds, long[] corruptedIds, long[] mergedIds,
                        long[] queuedIds, List<AppliedUpdate> appliedUpdates, long[] beaconsSentMs,
                        long[] beaconsAcceptedMs, Throwable error) {

    /**
     * A model update as the spacecraft applied it.
     *
     * @param counter    command counter it carried
     * @param version    global version number it claims to install
     * @param parameters the parameters the spacecraft installed (not a claim: the model it now flies)
     */
    public record AppliedUpdate(long counter, long version, float[] parameters) { }

    /** @return a one-line description for a violation report */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "sat=%s step=%d t=%.1fs onboard_t=%.1fs soc=%.5f real_draw_soc=%.5f floor=%.5f unserved=%.4gWh envelope=%.4fW optimizer=%.4fW "
                        + "contact=%.1fs tx=%dB tx_true=[%.1f, %.1f]s memory=%d/%dB queued=%d error=%s",
                satellite, step, trueTimeS, onboardTimeS, soc, realDrawSoc, socFloor, unservedWh, envelopeW, optimizerPeakPowerW,
                contactOverlapS, bytesTransmitted, txTrueStartS, txTrueEndS, memoryUsedBytes, memoryBudgetBytes,
                queuedIds == null ? -1 : queuedIds.length, error);
    }
}
