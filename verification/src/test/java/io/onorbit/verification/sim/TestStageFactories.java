package io.onorbit.verification.sim;

/** Public access to the test doubles for tests in other packages. */
public final class TestStageFactories {

    private TestStageFactories() {
    }

    /** @return a factory whose battery holds at 0.8 (never breaks in a day) and whose radio sends a packet per call */
    public static StageFactory batteryAndRadio() {
        return new ScriptedStages(1e12, true);
    }
}
