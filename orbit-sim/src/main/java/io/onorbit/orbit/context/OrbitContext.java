package io.onorbit.orbit.context;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.data.DataContext;
import org.orekit.data.DirectoryCrawler;
import org.orekit.data.LazyLoadedDataContext;
import org.orekit.frames.Frame;
import org.orekit.time.TimeScale;
import org.orekit.utils.Constants;
import org.orekit.utils.ExtendedPositionProvider;
import org.orekit.utils.IERSConventions;

/**
 * Everything orbit-sim needs from Orekit, built once and passed in: the data context, UTC, the
 * inertial frame (EME2000), the Earth-fixed frame (ITRF, IERS 2010 conventions, simple EOP), the
 * Earth ellipsoid (WGS84) and the Sun.
 *
 * <p>{@link #fileFree()} needs no files at all; {@link #fromFolder(Path)} reads a full orekit-data
 * folder (JPL ephemerides for the Sun, real EOP, leap seconds) into a private context, never into
 * Orekit's default one.
 */
public final class OrbitContext {

    /** Sun radius used for eclipses, m (IAU 2015 nominal). */
    public static final double SUN_RADIUS_M = Constants.SUN_RADIUS;

    private static volatile OrbitContext fileFreeInstance;

    private final DataContext data;
    private final boolean fileFree;
    private final String description;
    private final TimeScale utc;
    private final Frame inertial;
    private final Frame itrf;
    private final Frame cirf;
    private final OneAxisEllipsoid earth;
    private final ExtendedPositionProvider sun;

    private OrbitContext(DataContext data, boolean fileFree, String description) {
        this.data = data;
        this.fileFree = fileFree;
        this.description = description;
        this.utc = data.getTimeScales().getUTC();
        this.inertial = data.getFrames().getEME2000();
        this.itrf = data.getFrames().getITRF(IERSConventions.IERS_2010, true);
        this.cirf = data.getFrames().getCIRF(IERSConventions.IERS_2010, true);
        this.earth = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS, Constants.WGS84_EARTH_FLATTENING, itrf);
        this.sun = data.getCelestialBodies().getSun();
    }

    /** @return the shared file-free context (built on first use; immutable afterwards) */
    public static OrbitContext fileFree() {
        OrbitContext c = fileFreeInstance;
        if (c == null) {
            synchronized (OrbitContext.class) {
                c = fileFreeInstance;
                if (c == null) {
                    c = new OrbitContext(new FileFreeDataContext(), true,
                            "built-in (no files): leap seconds to 2017, zero EOP, analytical Sun");
                    fileFreeInstance = c;
                }
            }
        }
        return c;
    }

    /**
     * @param folder a full orekit-data folder (or one holding at least leap seconds, EOP and a JPL
     *               ephemeris covering the dates used)
     * @return a context reading that folder
     * @throws IllegalArgumentException if the folder does not exist
     */
    public static OrbitContext fromFolder(Path folder) {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("orekit-data folder " + folder + " does not exist or is not a folder");
        }
        LazyLoadedDataContext ctx = new LazyLoadedDataContext();
        ctx.getDataProvidersManager().addProvider(new DirectoryCrawler(folder.toFile()));
        return new OrbitContext(ctx, false, "orekit-data folder " + folder);
    }

    /**
     * The context a command should use: {@code folder} if given, else the {@code OREKIT_DATA}
     * environment variable if set, else the file-free one.
     */
    public static OrbitContext select(Path folder) {
        if (folder != null) {
            return fromFolder(folder);
        }
        String env = System.getenv("OREKIT_DATA");
        if (env != null && !env.isBlank()) {
            return fromFolder(Path.of(env));
        }
        return fileFree();
    }

    public DataContext data() {
        return data;
    }

    /** @return true if no data files are used */
    public boolean isFileFree() {
        return fileFree;
    }

    /** @return one line saying where the data come from, for reports */
    public String description() {
        return description;
    }

    public TimeScale utc() {
        return utc;
    }

    /** @return EME2000, the frame orbits are defined in */
    public Frame inertial() {
        return inertial;
    }

    /** @return ITRF (IERS 2010, simple EOP), the Earth-fixed frame */
    public Frame itrf() {
        return itrf;
    }

    /** @return CIRF (IERS 2010, simple EOP): where precession-nutation ends and the Earth's spin begins */
    public Frame cirf() {
        return cirf;
    }

    /** @return the WGS84 ellipsoid in ITRF */
    public OneAxisEllipsoid earth() {
        return earth;
    }

    /** @return the Sun's position provider */
    public ExtendedPositionProvider sun() {
        return sun;
    }
}
