package io.onorbit.verification.soak;

import io.onorbit.verification.sim.StepState;
import java.util.ArrayList;
import java.util.List;

/** A mutable builder of {@link StepState} for invariant tests: starts healthy, each setter breaks one thing. */
final class StepStates {

    double soc = 0.6;
    double socFloor = 0.3;
    double unservedWh = 0;
    double envelopeW = 2.0;
    double optimizerW = 1.5;
    double energyJ = Double.NaN; // NaN: optimizerW for the whole 30 s step
    double overlapS = 30;
    double downlinkBps = 9600;
    List<byte[]> packets = new ArrayList<>();
    long memoryUsed = 40_000;
    long memoryBudget = 65_536;
    long[] generated = {};
    long[] delivered = {};
    long[] corrupted = {};
    long[] merged = {};
    long[] queued = {};
    long[] counters = {};
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

    StepState build() {
        long bytes = packets.stream().mapToLong(p -> p.length).sum();
        return new StepState("sat-1", step++, step * 30.0, step * 30.0, 30, soc, socFloor, unservedWh, envelopeW, optimizerW,
                Double.isNaN(energyJ) ? optimizerW * 30 : energyJ, overlapS, downlinkBps, bytes, packets, memoryUsed, memoryBudget,
                generated, delivered, corrupted, merged, queued, counters, error);
    }
}
