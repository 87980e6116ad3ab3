package io.onorbit.verification.sim;

import io.onorbit.flight.executive.FlightSoftware;
import io.onorbit.flight.executive.SpacecraftClock;
import io.onorbit.flight.storage.FileOps;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One spacecraft's flight computer as the loop powers it: the loop boots it on the emulated flash
 * and hardware, drives it, and at a reset throws the instance away and boots a new one. The
 * stage itself is the hardware that outlives resets (the training engine, whose draw it
 * measures at its interface); it decides nothing.
 */
public interface FlightStage {

    /**
     * Boots the flight software from what is on {@code flash}; every call makes a new instance
     * with nothing in RAM from the previous one.
     *
     * @param flash       the flash's file operations (the loop's emulation: resets may tear writes)
     * @param flashDir    the flight software's folder on it
     * @param clock       the real-time clock
     * @param transmitter receives every packet the radio lets out
     */
    FlightSoftware boot(FileOps flash, Path flashDir, SpacecraftClock clock, Consumer<byte[]> transmitter);

    /** @return what the training engine drew since the last call, measured at its interface */
    EngineDraw drainEngine();

    /** @return parameters of the onboard model (a dense delta would be 4 bytes each) */
    int modelParameters();

    /** @return a short name of the implementation for the summary */
    String name();

    /**
     * @param peakPowerW highest operating power of any update, W
     * @param energyJ    energy drawn, J
     */
    record EngineDraw(double peakPowerW, double energyJ) {
        public static final EngineDraw NONE = new EngineDraw(0, 0);
    }
}
