package io.onorbit.flight.executive;

import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.storage.FileOps;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The hardware ports the flight software is wired to; they outlive a reset of the processor.
 *
 * @param flash       file operations on the flight computer's flash
 * @param flashDir    the flight software's folder on it
 * @param clock       the real-time clock
 * @param transmitter the downlink transmitter: every packet the radio lets out goes here
 * @param engine      the training engine (analog optimizer or digital processor)
 */
public record Hardware(FileOps flash, Path flashDir, SpacecraftClock clock, Consumer<byte[]> transmitter,
                       Optimizer engine) {

    public Hardware {
        Objects.requireNonNull(flash, "flash");
        Objects.requireNonNull(flashDir, "flashDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(transmitter, "transmitter");
        Objects.requireNonNull(engine, "engine");
    }
}
