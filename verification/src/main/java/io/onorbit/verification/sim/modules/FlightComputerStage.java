package io.onorbit.verification.sim.modules;

import io.onorbit.flight.executive.FlightConfig;
import io.onorbit.flight.executive.FlightSoftware;
import io.onorbit.flight.executive.FlightTopology;
import io.onorbit.flight.executive.Hardware;
import io.onorbit.flight.executive.SpacecraftClock;
import io.onorbit.flight.optimizer.ObservedOptimizer;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.storage.FileOps;
import io.onorbit.verification.sim.FlightStage;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The real flight software on the loop's emulated hardware: each boot is
 * {@link FlightTopology#boot} on the emulated flash, clock and transmitter; the training engine is
 * hardware (its devices' mismatch and noise do not change at a reset) and its draw is measured at
 * its interface, so the battery and the envelope invariant use what it really drew rather than
 * what the software reports.
 */
public final class FlightComputerStage implements FlightStage {

    private final FlightConfig config;
    private final RecordingOptimizer recorded = new RecordingOptimizer();
    private final Optimizer engine;
    /** the model's size, read once: the config hands out copies of the golden image */
    private final int modelParameters;

    /**
     * @param config what the flight software is loaded with
     * @param engine the training engine
     */
    public FlightComputerStage(FlightConfig config, Optimizer engine) {
        this.config = config;
        this.engine = new ObservedOptimizer(engine, recorded);
        this.modelParameters = config.golden().length;
    }

    @Override
    public FlightSoftware boot(FileOps flash, Path flashDir, SpacecraftClock clock, Consumer<byte[]> transmitter) {
        return FlightTopology.boot(config, new Hardware(flash, flashDir, clock, transmitter, engine));
    }

    @Override
    public EngineDraw drainEngine() {
        double[] d = recorded.drain();
        return d[0] == 0 && d[1] == 0 ? EngineDraw.NONE : new EngineDraw(d[0], d[1]);
    }

    @Override
    public int modelParameters() {
        return modelParameters;
    }

    @Override
    public String name() {
        return "flight computer with " + engine.name();
    }
}
