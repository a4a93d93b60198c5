package dance.normal.server.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which peers may say who the client is. A request's address is its TCP peer, unless the peer is a configured
 * proxy: then X-Forwarded-For is read from the right, skipping trusted proxies, and the first address that is not
 * one is the client (what the nearest trusted proxy saw). Entries further left were written by the client and are
 * never believed. Only IP literals are parsed, so nothing here asks DNS.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<String> specs;
    private final List<Range> ranges;

    private TrustedProxies(List<String> specs, List<Range> ranges) {
        this.specs = List.copyOf(specs);
        this.ranges = List.copyOf(ranges);
    }

    /** Ranges like {@code 10.0.0.0/8}, {@code 192.0.2.7} or {@code fd00::/8}; throws for anything else. */
    public static TrustedProxies parse(List<String> specs) {
        List<Range> ranges = new ArrayList<>();
        for (String spec : specs) {
            String s = spec.strip();
            int slash = s.indexOf('/');
            byte[] network = literal(slash < 0 ? s : s.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("--trusted-proxy must be an IP address or CIDR range like "
                        + "10.0.0.0/8, not \"" + spec + "\"");
            }
            int bits = network.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("--trusted-proxy has a prefix length out of range: \""
                            + spec + "\"");
                }
            }
            ranges.add(new Range(network, bits));
        }
        return new TrustedProxies(specs, ranges);
    }

    public List<String> specs() {
        return specs;
    }

    public boolean trusts(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /** The client's address for limits: {@code peer}, or what a trusted proxy in front of it saw. */
    public String clientAddress(String peer, String forwardedFor) {
        if (ranges.isEmpty() || forwardedFor == null || forwardedFor.isBlank() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop) == null) {
                return peer; // not an address: the proxy did not write this, so nothing further is believed
            }
            if (!trusts(hop)) {
                return hop;
            }
        }
        return hops.getFirst();
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for anything else (host names are never resolved). */
    private static byte[] literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45 || !text.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(text).getAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
