package io.onorbit.verification.soak;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one satellite did in one step, as raw facts for the invariant checks and the report. A
 * quantity whose stage is not part of the run (no power stage, no flight computer) or that did
 * not happen (the radio was not keyed) is an empty {@link Optional}, never a NaN or -1.
 *
 * @param satellite          satellite name
 * @param step               step index from 0
 * @param trueTimeS          step start, true s since epoch
 * @param onboardTimeS       step start on the flight computer's clock
 * @param dtS                step length, s
 * @param battery            the battery after the step (empty without a power stage)
 * @param envelopeW          training envelope at the step start, W (empty: no flight computer up, or
 *                           none planned yet)
 * @param optimizerPeakPowerW highest optimizer power drawn in the step, W
 * @param trainingEnergyJ    optimizer energy drawn in the step, J
 * @param contactOverlapS    seconds of the step inside a true contact window (carrier available)
 * @param downlinkBps        downlink rate of that contact, bit/s (0 outside contact)
 * @param keying             the true interval the radio was keyed in the step (empty: it was not)
 * @param uplinkS            seconds of the step in which the ground's uplink could reach the
 *                           satellite: inside a true contact with an uplink rate, outside its
 *                           acquisition margins (the radio's rule, as {@code plan} counts uplink
 *                           bytes), pass not lost
 * @param bytesTransmitted   bytes the radio sent in the step
 * @param downlinkPackets    the packets sent (before the channel touched them)
 * @param memory             the trainer's memory now (empty without a flight computer)
 * @param generatedIds       deltas created in the step
 * @param corruptedIds       deltas the queue reported corrupted in the step
 * @param mergedIds          deltas the queue merged into newer ones in the step
 * @param queuedIds          deltas in the queue after the step (empty if the queue could not be read or
 *                           there is no flight computer)
 * @param appliedUpdates     uplinked model updates the spacecraft applied in the step, in order
 * @param beaconsSentMs      ground times of the time beacons the ground really sent in the step, ms
 * @param beaconsAcceptedMs  ground times of the beacons the spacecraft accepted (set its clock from) in the step, ms
 * @param error              an exception a stage threw in the step, if one did
 */
public record StepState(String satellite, long step, double trueTimeS, double onboardTimeS, double dtS,
                        Optional<BatteryState> battery, OptionalDouble envelopeW,
                        double optimizerPeakPowerW, double trainingEnergyJ, double contactOverlapS, double downlinkBps,
                        Optional<KeyingInterval> keying, double uplinkS,
                        long bytesTransmitted, List<byte[]> downlinkPackets,
                        Optional<TrainerMemory> memory,
                        long[] generatedIds, long[] corruptedIds, long[] mergedIds,
                        Optional<long[]> queuedIds, List<AppliedUpdate> appliedUpdates, long[] beaconsSentMs,
                        long[] beaconsAcceptedMs, Optional<Throwable> error) {

    /**
     * The battery after the step, as the power stage reports it.
     *
     * @param soc         state of charge as the battery model holds it, fraction
     * @param socFloor    hard floor, fraction
     * @param realDrawSoc state of charge had the cell served the whole draw of the step (loads,
     *                    training, fault loads) without any protection cut at the floor, fraction;
     *                    below {@code socFloor} is a floor crossing
     * @param unservedWh  demand the battery refused at its floor in the step, Wh
     */
    public record BatteryState(double soc, double socFloor, double realDrawSoc, double unservedWh) { }

    /**
     * When the radio was keyed in the step, on the true clock.
     *
     * @param trueStartS first keying, true s since epoch
     * @param trueEndS   end of the last transmission, true s since epoch
     */
    public record KeyingInterval(double trueStartS, double trueEndS) { }

    /**
     * @param usedBytes   trainer memory now, bytes
     * @param budgetBytes trainer budget, bytes
     */
    public record TrainerMemory(long usedBytes, long budgetBytes) { }

    /**
     * A model update as the spacecraft applied it.
     *
     * @param counter    command counter it carried
     * @param version    global version number it claims to install
     * @param parameters the parameters the spacecraft installed (not a claim: the model it now flies)
     */
    public record AppliedUpdate(long counter, long version, float[] parameters) { }

    /** @return a one-line description for a violation report ("none" for what the step did not have) */
    public String describe() {
        String batteryText = battery.map(b -> String.format(Locale.ROOT, "soc=%.5f real_draw_soc=%.5f floor=%.5f unserved=%.4gWh",
                b.soc(), b.realDrawSoc(), b.socFloor(), b.unservedWh())).orElse("battery=none");
        String keyingText = keying.map(k -> String.format(Locale.ROOT, "[%.1f, %.1f]s", k.trueStartS(), k.trueEndS()))
                .orElse("none");
        String memoryText = memory.map(m -> m.usedBytes() + "/" + m.budgetBytes() + "B").orElse("none");
        return String.format(Locale.ROOT,
                "sat=%s step=%d t=%.1fs onboard_t=%.1fs %s envelope=%s optimizer=%.4fW "
                        + "contact=%.1fs tx=%dB tx_true=%s memory=%s queued=%s error=%s",
                satellite, step, trueTimeS, onboardTimeS, batteryText,
                envelopeW.isPresent() ? String.format(Locale.ROOT, "%.4fW", envelopeW.getAsDouble()) : "none", optimizerPeakPowerW,
                contactOverlapS, bytesTransmitted, keyingText, memoryText,
                queuedIds.map(q -> Integer.toString(q.length)).orElse("none"), error.map(Throwable::toString).orElse("none"));
    }
}
