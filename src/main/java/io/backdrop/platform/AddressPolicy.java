package io.backdrop.platform;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses Backdrop may connect to when it reads something a manifest or an API answer
 * names. A manifest is input from outside: left unchecked, an image cell could make Backdrop read
 * the cloud's metadata service or an admin page on the local network and upload it to the API.
 * By default only public addresses are allowed; named hosts, or every private range, can be let
 * through for users whose images are on an internal server.
 *
 * @param allowPrivate whether loopback, private, link-local and other non-public addresses are allowed
 * @param allowedHosts host names or address literals allowed whatever they resolve to (lower case)
 */
public record AddressPolicy(boolean allowPrivate, Set<String> allowedHosts) {

    public AddressPolicy {
        allowedHosts = allowedHosts.stream().map(AddressPolicy::normalized).collect(Collectors.toUnmodifiableSet());
    }

    /** Public addresses only. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(false, Set.of());
    }

    /** This policy, with one more host allowed whatever it resolves to. */
    public AddressPolicy allowingHost(String host) {
        return new AddressPolicy(allowPrivate, union(allowedHosts, normalized(host)));
    }

    /** Whether a connection to {@code address}, which {@code host} resolved to, is allowed. */
    public boolean permits(String host, InetAddress address) {
        return allowPrivate || allowedHosts.contains(normalized(host)) || isPublic(address);
    }

    /**
     * Whether an address is reachable on the public internet: not loopback, unspecified, private
     * (RFC 1918, IPv6 unique local), link-local (169.254.0.0/16 holds the cloud metadata service),
     * shared (100.64.0.0/10), multicast, reserved or for documentation, and no IPv6 form that
     * carries such an IPv4 address inside it.
     */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        return b.length == 4 ? isPublicV4(b, 0) : isPublicV6(b);
    }

    private static boolean isPublicV4(byte[] bytes, int at) {
        int a = bytes[at] & 0xFF;
        int b = bytes[at + 1] & 0xFF;
        int c = bytes[at + 2] & 0xFF;
        return !(a == 0 || a == 10 || a == 127 || a >= 224
                || (a == 100 && b >= 64 && b < 128)
                || (a == 169 && b == 254)
                || (a == 172 && b >= 16 && b < 32)
                || (a == 192 && b == 0 && (c == 0 || c == 2))
                || (a == 192 && b == 88 && c == 99)
                || (a == 192 && b == 168)
                || (a == 198 && (b == 18 || b == 19))
                || (a == 198 && b == 51 && c == 100)
                || (a == 203 && b == 0 && c == 113));
    }

    private static boolean isPublicV6(byte[] b) {
        int first = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int second = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        if ((b[0] & 0xFE) == 0xFC || (first & 0xFFC0) == 0xFEC0 || (first & 0xFFC0) == 0xFE80) {
            return false; // unique local fc00::/7, old site-local fec0::/10, link-local fe80::/10
        }
        if (zeros(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return isPublicV4(b, 12); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (zeros(b, 0, 12)) {
            return isPublicV4(b, 12); // IPv4-compatible ::a.b.c.d (and :: and ::1)
        }
        if (first == 0x0064 && second == 0xFF9B) {
            return zeros(b, 4, 12) && isPublicV4(b, 12); // NAT64 64:ff9b::/96; 64:ff9b:1::/48 is local use
        }
        if (first == 0x2002) {
            return isPublicV4(b, 2); // 6to4 carries an IPv4 address
        }
        if (first == 0x2001 && (second == 0x0000 || second == 0x0DB8)) {
            return false; // Teredo (an obscured IPv4 address) and documentation
        }
        if (first == 0x0100 && second == 0 && zeros(b, 4, 8)) {
            return false; // discard-only 100::/64
        }
        return true;
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Lower case, without the brackets of an IPv6 literal as it is written in a URL. */
    static String normalized(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }

    private static Set<String> union(Set<String> hosts, String host) {
        java.util.HashSet<String> all = new java.util.HashSet<>(hosts);
        all.add(host);
        return all;
    }
}
