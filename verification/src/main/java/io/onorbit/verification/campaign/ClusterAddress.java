package io.onorbit.verification.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cluster member's address, {@code HOST:PORT}.
 *
 * @param host host name or IP address
 * @param port TCP port, 1-65535
 */
public record ClusterAddress(String host, int port) {

    public ClusterAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside [1, 65535]");
        }
    }

    /**
     * @param text {@code HOST:PORT}
     * @return the address
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ClusterAddress parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (e.g. 127.0.0.1:5701)");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port '" + t.substring(colon + 1) + "' is not a number");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new ClusterAddress(host, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
    }

    /**
     * @param text {@code HOST:PORT[,HOST:PORT...]}
     * @return the addresses, in order
     */
    public static List<ClusterAddress> parseList(String text) {
        List<ClusterAddress> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no HOST:PORT");
        }
        return out;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
