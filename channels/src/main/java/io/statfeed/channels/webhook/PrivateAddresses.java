package io.statfeed.channels.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses a webhook must not reach: anything that is not the public internet. A URL
 * someone typed into a form must not make Statfeed talk to itself, the cloud's metadata service
 * (169.254.169.254), the database or anything else behind the firewall.
 */
final class PrivateAddresses {
    private PrivateAddresses() {
    }

    /** What kind of non-public address this is ("loopback", "private", ...), or empty when it is public. */
    static Optional<String> kind(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            Optional<Inet4Address> embedded = embeddedIpv4(v6);
            if (embedded.isPresent()) {
                return kind(embedded.get()).map(kind -> kind + " (inside an IPv6 address)");
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("any-local");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4Kind(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("private"); // fc00::/7, unique local
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4Kind(int a, int b, int c, int d) {
        if (a == 0) {
            return Optional.of("any-local"); // 0.0.0.0/8: Linux connects 0.x to this host
        }
        if (a == 100 && (b & 0xc0) == 64) {
            return Optional.of("carrier-grade NAT"); // 100.64.0.0/10
        }
        if (a == 192 && b == 0 && c == 0) {
            return Optional.of("reserved"); // 192.0.0.0/24, IETF protocol assignments
        }
        if (a == 198 && (b & 0xfe) == 18) {
            return Optional.of("reserved"); // 198.18.0.0/15, benchmarking
        }
        if (a >= 240) {
            return Optional.of(a == 255 && b == 255 && c == 255 && d == 255 ? "broadcast" : "reserved"); // 240.0.0.0/4
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address some IPv6 forms carry and route to: IPv4-compatible ::a.b.c.d,
     * NAT64 64:ff9b::/96 and 6to4 2002:AABB:CCDD::/48. (IPv4-mapped ::ffff:a.b.c.d Java already
     * turns into an {@link Inet4Address}.)
     */
    private static Optional<Inet4Address> embeddedIpv4(Inet6Address address) {
        byte[] b = address.getAddress();
        byte[] v4;
        if (allZero(b, 0, 12) && !allZero(b, 12, 16)
                && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] == 1)) { // not ::1, loopback of its own
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            v4 = Arrays.copyOfRange(b, 2, 6);
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
