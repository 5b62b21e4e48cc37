package io.statfeed.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}), such as the proxies whose
 * {@code X-Forwarded-For} a server believes. Only literal addresses: nothing here asks DNS.
 */
public record AddressBlock(InetAddress network, int prefixBits) {
    private static final Pattern FORM = Pattern.compile(
            "((?:[0-9]{1,3}\\.){3}[0-9]{1,3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/([0-9]{1,3}))?");

    public AddressBlock {
        int bits = network.getAddress().length * 8;
        if (prefixBits < 0 || prefixBits > bits) {
            throw new IllegalArgumentException("prefix /" + prefixBits + " of " + network.getHostAddress());
        }
    }

    /** Whether {@code address} is in this block (an IPv4 address is never in an IPv6 block). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (n[full] & mask);
    }

    /** A literal IPv4 or IPv6 address, or empty: never a host name, so never a DNS query. */
    public static Optional<InetAddress> literal(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches() || m.group(2) != null) {
            return Optional.empty();
        }
        return address(m.group(1));
    }

    static AddressBlock parse(String variable, String text) {
        Matcher m = FORM.matcher(text.strip());
        Optional<InetAddress> address = m.matches() ? address(m.group(1)) : Optional.empty();
        if (address.isEmpty()) {
            throw new ConfigException(variable + " must be a comma-separated list of IP addresses or CIDR blocks"
                    + " such as 127.0.0.1,10.0.0.0/8, got '" + text + "'");
        }
        int bits = address.get().getAddress().length * 8;
        int prefix = m.group(2) == null ? bits : Integer.parseInt(m.group(2));
        if (prefix > bits) {
            throw new ConfigException(variable + ": /" + prefix + " is longer than the " + bits
                    + " bits of " + m.group(1));
        }
        return new AddressBlock(address.get(), prefix);
    }

    private static Optional<InetAddress> address(String literal) {
        if (literal.indexOf(':') < 0) {
            for (String part : literal.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(literal)); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixBits;
    }
}
