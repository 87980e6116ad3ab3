package io.onorbit.verification.soak;

/**
 * One broken invariant.
 *
 * @param invariant  invariant name
 * @param satellite  satellite name
 * @param step       step index
 * @param trueTimeS  step start, s since epoch
 * @param reason     what was wrong
 * @param state      the satellite's state in that step, one line
 */
public record Violation(String invariant, String satellite, long step, double trueTimeS, String reason, String state) {

    @Override
    public String toString() {
        return "invariant " + invariant + " broken at step " + step + " (t=" + trueTimeS + " s) on " + satellite
                + ": " + reason + "\n  state: " + state;
    }
}
