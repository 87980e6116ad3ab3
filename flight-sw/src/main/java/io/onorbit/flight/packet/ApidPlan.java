package io.onorbit.flight.packet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The constellation's packet addressing: one APID per {@link Product} ({@code baseApid +
 * product.ordinal()}), shared by every satellite, and a satellite number (its position in the
 * list, 0..65535) that {@link Packetizer} writes into every packet's segment header and
 * {@link Reassembler} checks. CCSDS APIDs have 11 bits, too few to give each of 10 000 satellites
 * its own; like the spacecraft id of a transfer frame, the number says which spacecraft a stream
 * belongs to, and each spacecraft keeps its own sequence counts per APID. Immutable.
 */
public final class ApidPlan {

    /** APIDs reserved from the base (room for new products). */
    public static final int PRODUCT_SLOTS = 8;
    /** Most satellites: the segment header's satellite number has 16 bits. */
    public static final int MAX_SATELLITES = 1 << 16;

    private final List<String> satellites;
    private final int baseApid;
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * @param satellites satellite names, distinct, in a fixed order both ends agree on (at most
     *                   {@link #MAX_SATELLITES})
     * @param baseApid   first APID, 1..2040, so that the products' APIDs stay below the idle APID 0x7FF
     */
    public ApidPlan(List<String> satellites, int baseApid) {
        this.satellites = List.copyOf(satellites);
        this.baseApid = baseApid;
        if (baseApid < 1 || baseApid > SpacePacket.MAX_APID + 1 - PRODUCT_SLOTS) {
            throw new IllegalArgumentException("baseApid " + baseApid + " must be in 1.."
                    + (SpacePacket.MAX_APID + 1 - PRODUCT_SLOTS) + " so that the product APIDs stay below the idle APID 2047");
        }
        if (this.satellites.size() > MAX_SATELLITES) {
            throw new IllegalArgumentException(this.satellites.size() + " satellites: at most " + MAX_SATELLITES
                    + " fit the 16-bit satellite number");
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

    /** @return the APID of {@code product} (the same for every satellite of the plan) */
    public int apid(Product product) {
        return baseApid + product.ordinal();
    }

    /**
     * @return the APID of {@code product} on {@code satellite}'s streams
     * @throws IllegalArgumentException if the satellite is not in the plan
     */
    public int apid(String satellite, Product product) {
        number(satellite);
        return apid(product);
    }

    /**
     * @return the satellite number carried in {@code satellite}'s packets
     * @throws IllegalArgumentException if the satellite is not in the plan
     */
    public int number(String satellite) {
        Integer i = index.get(satellite);
        if (i == null) {
            throw new IllegalArgumentException("satellite " + satellite + " has no number (known: "
                    + (satellites.size() <= 8 ? satellites.toString() : satellites.size() + " satellites") + ")");
        }
        return i;
    }

    /**
     * Both ends of a satellite's link check this when they are built: a packetizer stamping
     * another satellite's number would send every packet to the wrong end.
     *
     * @throws IllegalArgumentException if {@code packetizer} does not write {@code satellite}'s number
     */
    public void requireWrites(Packetizer packetizer, String satellite) {
        if (packetizer.satelliteNumber() != number(satellite)) {
            throw new IllegalArgumentException("packetizer writes satellite number " + packetizer.satelliteNumber()
                    + ", but " + satellite + " is number " + number(satellite));
        }
    }

    /** @return the satellite with number {@code number}, if any */
    public Optional<String> satellite(int number) {
        return number >= 0 && number < satellites.size() ? Optional.of(satellites.get(number)) : Optional.empty();
    }

    /** @return the product carried on {@code apid}, if assigned */
    public Optional<Product> product(int apid) {
        int off = apid - baseApid;
        if (off < 0 || off >= Product.values().length) {
            return Optional.empty();
        }
        return Optional.of(Product.values()[off]);
    }

    /** @return true if {@code apid} is assigned */
    public boolean isKnown(int apid) {
        return product(apid).isPresent();
    }
}
