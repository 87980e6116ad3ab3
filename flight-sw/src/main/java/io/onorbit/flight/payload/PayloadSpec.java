package io.onorbit.flight.payload;

import java.util.Objects;

/**
 * The training payload's hardware, as the power system sees it.
 *
 * <p>Defaults (orders of magnitude from the parts' published classes; replace them with the
 * measured draws of the board that flies):
 * <ul>
 *   <li>{@link #analogMcuHost()}: a low-power Cortex-M4F-class MCU at 80 MHz (about 100 µA/MHz in
 *       run mode at 3.3 V, i.e. about 26 mW for the core) with its SRAM, sensor interface and
 *       regulator, about 0.09 W, plus the analog engine at its highest bias, 10 mW
 *       ({@code AnalogOptimizer.Settings.defaults()}): {@code active_w} 0.1 W. Idle: stop mode
 *       with SRAM retained and the regulator's quiescent draw, 5 mW. 50 M counted operations/s.</li>
 *   <li>{@link #digitalProcessor()}: a Zynq-7000-class SoC payload processor (dual Cortex-A9 plus
 *       DDR memory, as flown on many cubesats) running the whole update in software: 2 W
 *       running, 0.6 W idle with DDR in self-refresh. 100 M counted operations/s, the
 *       {@code DigitalOptimizer} default.</li>
 * </ul>
 *
 * @param engine     what solves the update
 * @param activeW    draw while {@link PowerState#TRAINING}, W (&gt; 0): the mean draw of the board
 *                   while its training application runs, static power included
 * @param idleW      draw while {@link PowerState#IDLE}, W, in [0, activeW); 0 means the payload is
 *                   switched off whenever it is not training
 * @param hostOpsPerS counted operations (arithmetic and memory accesses) the host executes per
 *                   second while training (&gt; 0); sets how long the host's work takes
 */
public record PayloadSpec(PayloadEngine engine, double activeW, double idleW, double hostOpsPerS) {

    public PayloadSpec {
        Objects.requireNonNull(engine, "engine");
        if (!(activeW > 0) || Double.isInfinite(activeW)) {
            throw new IllegalArgumentException("training payload activeW " + activeW + " must be > 0 and finite");
        }
        if (!(idleW >= 0 && idleW < activeW)) {
            throw new IllegalArgumentException("training payload idleW " + idleW + " must be in [0, activeW "
                    + activeW + ")");
        }
        if (!(hostOpsPerS > 0) || Double.isInfinite(hostOpsPerS)) {
            throw new IllegalArgumentException("training payload hostOpsPerS " + hostOpsPerS + " must be > 0 and finite");
        }
    }

    /** @return the MCU host plus the analog engine (see the class note for the figures' source) */
    public static PayloadSpec analogMcuHost() {
        return new PayloadSpec(PayloadEngine.ANALOG, 0.1, 0.005, 5e7);
    }

    /** @return the digital processor alternative (see the class note for the figures' source) */
    public static PayloadSpec digitalProcessor() {
        return new PayloadSpec(PayloadEngine.DIGITAL, 2.0, 0.6, 1e8);
    }

    /** @return the documented defaults of {@code engine} */
    public static PayloadSpec defaults(PayloadEngine engine) {
        return engine == PayloadEngine.ANALOG ? analogMcuHost() : digitalProcessor();
    }

    /** @return true if the payload is switched off rather than idled when it is not training */
    public boolean switchedOffWhenIdle() {
        return idleW == 0;
    }

    public PayloadSpec withActiveW(double v) {
        return new PayloadSpec(engine, v, idleW, hostOpsPerS);
    }

    public PayloadSpec withIdleW(double v) {
        return new PayloadSpec(engine, activeW, v, hostOpsPerS);
    }

    public PayloadSpec withHostOpsPerS(double v) {
        return new PayloadSpec(engine, activeW, idleW, v);
    }

    /** @return the draw in {@code state}, W */
    public double drawW(PowerState state) {
        return switch (state) {
            case OFF -> 0;
            case IDLE -> idleW;
            case TRAINING -> activeW;
        };
    }
}
