package io.onorbit.verification.soak;

import io.onorbit.flight.executive.ExecutiveEvents;
import io.onorbit.flight.executive.FlightSoftware;
import io.onorbit.flight.executive.PowerTelemetry;
import io.onorbit.flight.executive.SensorBatch;
import io.onorbit.flight.executive.TickReport;
import java.util.List;
import java.util.OptionalDouble;

/** Flight software passed through unchanged, for test doubles that alter one port. */
abstract class DelegatingFlightSoftware implements FlightSoftware {
    protected final FlightSoftware inner;

    DelegatingFlightSoftware(FlightSoftware inner) {
        this.inner = inner;
    }

    @Override
    public TickReport tick(double dtS, SensorBatch samples, PowerTelemetry power) {
        return inner.tick(dtS, samples, power);
    }

    @Override
    public void beacon(byte[] frame) {
        inner.beacon(frame);
    }

    @Override
    public int downlink(double fromS, double untilS) {
        return inner.downlink(fromS, untilS);
    }

    @Override
    public void uplink(List<byte[]> packets) {
        inner.uplink(packets);
    }

    @Override
    public ExecutiveEvents drainEvents() {
        return inner.drainEvents();
    }

    @Override
    public OptionalDouble envelopeW() {
        return inner.envelopeW();
    }

    @Override
    public ExecutiveEvents.AppliedUpdate heldGlobal() {
        return inner.heldGlobal();
    }

    @Override
    public long[] queuedDeltaIds() {
        return inner.queuedDeltaIds();
    }

    @Override
    public long memoryUsedBytes() {
        return inner.memoryUsedBytes();
    }

    @Override
    public long memoryBudgetBytes() {
        return inner.memoryBudgetBytes();
    }

    @Override
    public float[] parameters() {
        return inner.parameters();
    }
}
