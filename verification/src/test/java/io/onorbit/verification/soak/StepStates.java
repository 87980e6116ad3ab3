package io.onorbit.verification.soak;

import io.onorbit.verification.soak.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** A mutable builder of {@link StepState} for invariant tests: starts healthy, each setter breaks one thing. */
final class StepStates {

    double soc = 0.6;
    double socFloor = 0.3;
    double realDrawSoc = Double.NaN; // NaN: the same as soc
    double unservedWh = 0;
    OptionalDouble envelopeW = OptionalDouble.of(2.0);
    double optimizerW = 1.5;
    double energyJ = Double.NaN; // NaN: optimizerW for the whole 30 s step
    double overlapS = 30;
    double downlinkBps = 9600;
    /** True keying interval relative to the step start, s (NaN start: the whole step). */
    double txFromS = Double.NaN;
    double txUntilS = Double.NaN;
    double uplinkS = 0;
    List<byte[]> packets = new ArrayList<>();
    long memoryUsed = 40_000;
    long memoryBudget = 65_536;
    long[] generated = {};
    long[] corrupted = {};
    long[] merged = {};
    long[] queued = {};
    List<StepState.AppliedUpdate> applied = List.of();
    long[] beaconsSent = new long[0];
    long[] beaconsAccepted = new long[0];
    Throwable error;
    long step;

    /** A CCSDS telemetry packet with the given APID and sequence count, built from the standard's bit layout. */
    static byte[] packet(int apid, int sequenceCount, int dataBytes) {
        byte[] p = new byte[6 + dataBytes];
        p[0] = (byte) (0x08 | ((apid >> 8) & 0x07)); // version 0, type TM, secondary header flag 1
        p[1] = (byte) (apid & 0xFF);
        p[2] = (byte) (0xC0 | ((sequenceCount >> 8) & 0x3F)); // unsegmented
        p[3] = (byte) (sequenceCount & 0xFF);
        int length = dataBytes - 1;
        p[4] = (byte) (length >> 8);
        p[5] = (byte) length;
        return p;
    }

    StepStates send(byte[]... ps) {
        packets = new ArrayList<>(List.of(ps));
        return this;
    }

    /** @return the step's start, true s (steps are 30 s long from t = 0) */
    double startS() {
        return step * 30.0;
    }

    StepState build() {
        long bytes = packets.stream().mapToLong(p -> p.length).sum();
        double t = startS();
        double from = Double.isNaN(txFromS) ? 0 : txFromS;
        double until = Double.isNaN(txUntilS) ? 30 : txUntilS;
        return new StepState("sat-1", step++, t, t, 30, Optional.of(new StepState.BatteryState(soc, socFloor,
                Double.isNaN(realDrawSoc) ? soc : realDrawSoc, unservedWh)), envelopeW, optimizerW,
                Double.isNaN(energyJ) ? optimizerW * 30 : energyJ, overlapS, downlinkBps,
                bytes > 0 ? Optional.of(new StepState.KeyingInterval(t + from, t + until)) : Optional.empty(), uplinkS,
                bytes, packets, Optional.of(new StepState.TrainerMemory(memoryUsed, memoryBudget)), generated, corrupted,
                merged, Optional.of(queued), applied, beaconsSent, beaconsAccepted, Optional.ofNullable(error));
    }
}
