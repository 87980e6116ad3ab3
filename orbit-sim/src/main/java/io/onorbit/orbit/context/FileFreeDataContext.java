package io.onorbit.orbit.context;

import java.util.List;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.bodies.CelestialBodies;
import org.orekit.bodies.CelestialBody;
import org.orekit.data.DataContext;
import org.orekit.data.DataProvidersManager;
import org.orekit.forces.gravity.potential.GravityFields;
import org.orekit.forces.gravity.potential.LazyLoadedGravityFields;
import org.orekit.frames.Frame;
import org.orekit.frames.Frames;
import org.orekit.models.earth.GeoMagneticFields;
import org.orekit.models.earth.LazyLoadedGeoMagneticFields;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScales;
import org.orekit.utils.Constants;
import org.orekit.utils.ExtendedPositionProvider;
import org.orekit.utils.IERSConventions;

/**
 * An Orekit {@link DataContext} built entirely in code: leap seconds from {@link LeapSeconds}, an
 * empty Earth-orientation history (Orekit then uses zero EOP: UT1 = UTC, no polar motion, no
 * nutation corrections), and a Sun from {@link PerihelionCorrectedSun}. Nothing is read from disk
 * and Orekit's default (lazy, file-loading) context is never touched.
 *
 * <p>Limits: bodies other than the Sun and the Earth, gravity-field files and magnetic-field
 * files are not available (asking for them fails with a message pointing to
 * {@code --orekit-data}); ICRF needs the planetary ephemerides and is unavailable too.
 */
public final class FileFreeDataContext implements DataContext {

    private final TimeScales timeScales;
    private final Frames frames;
    private final CelestialBodies bodies;
    private final GravityFields gravity;
    private final GeoMagneticFields magnetic;

    /** Builds the context; cheap (no I/O), done once per process by {@link OrbitContext#fileFree()}. */
    public FileFreeDataContext() {
        this.timeScales = TimeScales.of(LeapSeconds.offsets(), (conventions, scales) -> List.of());
        this.frames = Frames.of(timeScales, () -> {
            throw unavailable("ICRF (solar-system barycentre)");
        });
        // Empty managers: these never fall back to the default context, and fail if asked for data.
        DataProvidersManager none = new DataProvidersManager();
        this.gravity = new LazyLoadedGravityFields(none, timeScales.getTT());
        this.magnetic = new LazyLoadedGeoMagneticFields(none);
        this.bodies = new Bodies(new PerihelionCorrectedSun(this), frames);
    }

    @Override
    public TimeScales getTimeScales() {
        return timeScales;
    }

    @Override
    public Frames getFrames() {
        return frames;
    }

    @Override
    public CelestialBodies getCelestialBodies() {
        return bodies;
    }

    @Override
    public GravityFields getGravityFields() {
        return gravity;
    }

    @Override
    public GeoMagneticFields getGeoMagneticFields() {
        return magnetic;
    }

    static UnsupportedOperationException unavailable(String what) {
        return new UnsupportedOperationException(what + " is not available without orekit-data; "
                + "pass --orekit-data DIR or set OREKIT_DATA");
    }

    /** The Sun (analytical) and the Earth (GCRF-centred, ITRF-oriented); nothing else. */
    private static final class Bodies implements CelestialBodies {
        private final CelestialBody sun;
        private final CelestialBody earth;

        Bodies(ExtendedPositionProvider sunPosition, Frames frames) {
            this.sun = new SimpleBody("Sun", Constants.IAU_2015_NOMINAL_SUN_GM, sunPosition, null, null);
            this.earth = new SimpleBody("Earth", Constants.IERS2010_EARTH_MU,
                    new EarthCentre(frames.getGCRF()), frames.getGCRF(), frames.getITRF(IERSConventions.IERS_2010, true));
        }

        @Override
        public CelestialBody getSolarSystemBarycenter() {
            throw unavailable("the solar-system barycentre");
        }

        @Override
        public CelestialBody getSun() {
            return sun;
        }

        @Override
        public CelestialBody getMercury() {
            throw unavailable("Mercury");
        }

        @Override
        public CelestialBody getVenus() {
            throw unavailable("Venus");
        }

        @Override
        public CelestialBody getEarthMoonBarycenter() {
            throw unavailable("the Earth-Moon barycentre");
        }

        @Override
        public CelestialBody getEarth() {
            return earth;
        }

        @Override
        public CelestialBody getMoon() {
            throw unavailable("the Moon");
        }

        @Override
        public CelestialBody getMars() {
            throw unavailable("Mars");
        }

        @Override
        public CelestialBody getJupiter() {
            throw unavailable("Jupiter");
        }

        @Override
        public CelestialBody getSaturn() {
            throw unavailable("Saturn");
        }

        @Override
        public CelestialBody getUranus() {
            throw unavailable("Uranus");
        }

        @Override
        public CelestialBody getNeptune() {
            throw unavailable("Neptune");
        }

        @Override
        public CelestialBody getPluto() {
            throw unavailable("Pluto");
        }

        @Override
        public CelestialBody getBody(String name) {
            if ("sun".equalsIgnoreCase(name)) {
                return sun;
            }
            if ("earth".equalsIgnoreCase(name)) {
                return earth;
            }
            throw unavailable(name);
        }
    }

    /** The origin of GCRF, seen from any frame. */
    private static final class EarthCentre implements ExtendedPositionProvider {
        private final Frame gcrf;

        EarthCentre(Frame gcrf) {
            this.gcrf = gcrf;
        }

        @Override
        public Vector3D getPosition(AbsoluteDate date, Frame frame) {
            return gcrf.getStaticTransformTo(frame, date).transformPosition(Vector3D.ZERO);
        }

        @Override
        public <T extends org.hipparchus.CalculusFieldElement<T>> org.hipparchus.geometry.euclidean.threed.FieldVector3D<T>
                getPosition(org.orekit.time.FieldAbsoluteDate<T> date, Frame frame) {
            return gcrf.getStaticTransformTo(frame, date).transformPosition(
                    org.hipparchus.geometry.euclidean.threed.FieldVector3D.getZero(date.getField()));
        }
    }

    /** A body known only by its position; its frames exist only where given. */
    private static final class SimpleBody implements CelestialBody {
        private final String name;
        private final double gm;
        private final ExtendedPositionProvider position;
        private final Frame inertial;
        private final Frame bodyFixed;

        SimpleBody(String name, double gm, ExtendedPositionProvider position, Frame inertial, Frame bodyFixed) {
            this.name = name;
            this.gm = gm;
            this.position = position;
            this.inertial = inertial;
            this.bodyFixed = bodyFixed;
        }

        @Override
        public Vector3D getPosition(AbsoluteDate date, Frame frame) {
            return position.getPosition(date, frame);
        }

        @Override
        public <T extends org.hipparchus.CalculusFieldElement<T>> org.hipparchus.geometry.euclidean.threed.FieldVector3D<T>
                getPosition(org.orekit.time.FieldAbsoluteDate<T> date, Frame frame) {
            return position.getPosition(date, frame);
        }

        @Override
        public Frame getInertiallyOrientedFrame() {
            if (inertial == null) {
                throw unavailable(name + "-centred frames");
            }
            return inertial;
        }

        @Override
        public Frame getBodyOrientedFrame() {
            if (bodyFixed == null) {
                throw unavailable(name + "-centred frames");
            }
            return bodyFixed;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public double getGM() {
            return gm;
        }
    }
}
