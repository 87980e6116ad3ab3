package io.onorbit.orbit.spec;

import io.onorbit.orbit.context.OrbitContext;
import java.util.Objects;
import org.orekit.attitudes.FrameAlignedProvider;
import org.orekit.frames.Frame;
import org.orekit.propagation.Propagator;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;

/**
 * A two-line element set, propagated with SGP4/SDP4 (Orekit's {@link TLEPropagator}) in TEME.
 *
 * @param line1 first line (69 characters, with its checksum)
 * @param line2 second line (69 characters, with its checksum)
 */
public record TleSpec(String line1, String line2) implements OrbitSpec {

    /** Spacecraft mass given to the propagator, kg (irrelevant to the geometry). */
    private static final double MASS_KG = 100.0;

    public TleSpec {
        Objects.requireNonNull(line1, "line1");
        Objects.requireNonNull(line2, "line2");
        String problem = problem(line1, line2);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Checks the two lines the way a user needs to hear about it.
     *
     * @return null if the lines are a valid TLE, else one short reason
     */
    public static String problem(String line1, String line2) {
        String[] lines = {line1, line2};
        for (int i = 0; i < 2; i++) {
            String l = lines[i];
            if (l.length() != 69) {
                return "line " + (i + 1) + " has " + l.length() + " characters, a TLE line has 69";
            }
            if (l.charAt(0) != (char) ('1' + i)) {
                return "line " + (i + 1) + " must start with '" + (i + 1) + "'";
            }
            int expected = checksum(l);
            char last = l.charAt(68);
            if (!Character.isDigit(last) || last - '0' != expected) {
                return "line " + (i + 1) + " checksum is '" + last + "' but the line sums to " + expected;
            }
        }
        if (!TLE.isFormatOK(line1, line2)) {
            return "lines are not a valid TLE (field format or satellite numbers differ)";
        }
        return null;
    }

    /** @return the modulo-10 checksum of the first 68 characters (digits count, '-' counts 1) */
    public static int checksum(String line) {
        int sum = 0;
        for (int i = 0; i < 68; i++) {
            char c = line.charAt(i);
            if (Character.isDigit(c)) {
                sum += c - '0';
            } else if (c == '-') {
                sum += 1;
            }
        }
        return sum % 10;
    }

    /** @return the parsed TLE, dated with the context's UTC */
    public TLE tle(OrbitContext context) {
        return new TLE(line1, line2, context.utc());
    }

    @Override
    public Propagator propagator(OrbitContext context) {
        Frame teme = context.data().getFrames().getTEME();
        return TLEPropagator.selectExtrapolator(tle(context), new FrameAlignedProvider(teme), MASS_KG, teme);
    }

    @Override
    public String describe() {
        return "TLE " + line1.substring(2, 7).trim();
    }
}
