package io.onorbit.flight.packet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * APID of each (satellite, product): {@code baseApid + satelliteIndex * STRIDE + product.ordinal()}.
 * Immutable.
 */
public final class ApidPlan {

    /** APIDs reserved per satellite (room for new products). */
    public static final int STRIDE = 8;

    /** Where an APID goes. */
    public record Route(String satellite, Product product) {
    }

    private final List<String> satellites;
    private final int baseApid;
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * @param satellites satellite names, distinct, in a fixed order both ends agree on
     * @param baseApid   first APID, &ge; 1; the last must stay below the idle APID 0x7FF
     */
    public ApidPlan(List<String> satellites, int baseApid) {
        this.satellites = List.copyOf(satellites);
        this.baseApid = baseApid;
        if (baseApid < 1 || baseApid + (long) satellites.size() * STRIDE > SpacePacket.MAX_APID) {
            throw new IllegalArgumentException("baseApid " + baseApid + " with " + satellites.size()
                    + " satellites x " + STRIDE + " must keep APIDs in 1..2046");
        }
        for (int i = 0; i < this.satellites.size(); i++) {
            if (index.put(this.satellites.get(i), i) != null) {
                throw new IllegalArgumentException("satellite " + this.satellites.get(i) + " listed twice");
            }
        }
    }

    public List<String> satellites() {
        return satellites;
    }

    public int baseApid() {
        return baseApid;
    }

    /** @return the APID of {@code product} for {@code satellite} */
    public int apid(String satellite, Product product) {
        Integer i = index.get(satellite);
        if (i == null) {
            throw new IllegalArgumentException("satellite " + satellite + " has no APIDs (known: " + satellites + ")");
        }
        return baseApid + i * STRIDE + product.ordinal();
    }

    /** @return the satellite and product of {@code apid}, if assigned */
    public Optional<Route> route(int apid) {
        int off = apid - baseApid;
        if (off < 0 || off / STRIDE >= satellites.size() || off % STRIDE >= Product.values().length) {
            return Optional.empty();
        }
        return Optional.of(new Route(satellites.get(off / STRIDE), Product.values()[off % STRIDE]));
    }

    /** @return true if {@code apid} is assigned */
    public boolean isKnown(int apid) {
        return route(apid).isPresent();
    }
}
