package io.onorbit.orbit.spec;

import io.onorbit.orbit.context.OrbitContext;
import java.nio.file.Path;
import java.util.Objects;
import org.orekit.attitudes.FrameAlignedProvider;
import org.orekit.data.DataSource;
import org.orekit.files.ccsds.ndm.ParserBuilder;
import org.orekit.files.ccsds.ndm.odm.omm.Omm;
import org.orekit.files.ccsds.ndm.odm.opm.Opm;
import org.orekit.frames.Frame;
import org.orekit.orbits.Orbit;
import org.orekit.propagation.Propagator;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.utils.Constants;

/**
 * An orbit from a CCSDS Orbit Parameter Message (state vector, propagated with Eckstein-Hechler
 * or the numerical J2 model) or Orbit Mean-elements Message (SGP4 mean elements, propagated as a
 * TLE), read with Orekit's parsers.
 *
 * @param file    the OPM or OMM file (KVN or XML)
 * @param message which kind of message the file holds
 * @param kind    propagator for an OPM (ignored for an OMM, which is always SGP4)
 */
public record CcsdsSpec(Path file, Message message, PropagatorKind kind) implements OrbitSpec {

    /** The two CCSDS orbit messages supported. */
    public enum Message { OPM, OMM }

    public CcsdsSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(kind, "kind");
    }

    /** @return the OPM's orbit, in its own frame (throws Orekit's exception if the file is bad) */
    public Orbit opmOrbit(OrbitContext context) {
        Opm opm = new ParserBuilder(context.data()).withMu(Constants.EIGEN5C_EARTH_MU).buildOpmParser()
                .parseMessage(new DataSource(file.toFile()));
        return opm.generateCartesianOrbit();
    }

    /** @return the OMM parsed (throws Orekit's exception if the file is bad) */
    public Omm omm(OrbitContext context) {
        return new ParserBuilder(context.data()).withMu(Constants.EIGEN5C_EARTH_MU).buildOmmParser()
                .parseMessage(new DataSource(file.toFile()));
    }

    @Override
    public Propagator propagator(OrbitContext context) {
        if (message == Message.OMM) {
            Frame teme = context.data().getFrames().getTEME();
            return TLEPropagator.selectExtrapolator(omm(context).generateTLE(), new FrameAlignedProvider(teme), 100.0, teme);
        }
        Orbit orbit = opmOrbit(context);
        org.orekit.orbits.KeplerianOrbit k = new org.orekit.orbits.KeplerianOrbit(
                orbit.getPVCoordinates(context.inertial()), context.inertial(), orbit.getDate(), orbit.getMu());
        KeplerianSpec spec = new KeplerianSpec(orbit.getDate().toInstant(context.data().getTimeScales()), k.getA(), k.getE(),
                Math.toDegrees(k.getI()), Math.toDegrees(k.getRightAscensionOfAscendingNode()),
                Math.toDegrees(k.getPerigeeArgument()), Math.toDegrees(k.getTrueAnomaly()), kind);
        return spec.propagator(context);
    }

    @Override
    public String describe() {
        return message + " " + file.getFileName();
    }
}
