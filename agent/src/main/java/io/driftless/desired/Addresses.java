package io.driftless.desired;

import java.util.Optional;
import java.util.regex.Pattern;

/** Listen addresses (host:port) and host names for routes. */
final class Addresses {
    static final String LISTEN_EXAMPLE = "write it like \":80\", \"127.0.0.1:8080\" or \"[::1]:443\"";

    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private Addresses() {
    }

    /** Why {@code address} is not {@code [host]:port}, or empty when it is. */
    static Optional<String> listenProblem(String address) {
        String shown = Values.quoted(address);
        int colon = address.lastIndexOf(':');
        if (colon < 0 || colon < address.lastIndexOf(']')) {
            return Optional.of(shown + " has no port; " + LISTEN_EXAMPLE);
        }
        String host = address.substring(0, colon);
        String port = address.substring(colon + 1);
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return Optional.of(shown + " has the port " + Values.quoted(port) + ", but a port is a number from 1 to 65535; "
                    + LISTEN_EXAMPLE);
        }
        if (host.isEmpty() || isIpv4(host) || isDnsName(host)) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]") && IPV6.matcher(host.substring(1, host.length() - 1)).matches()) {
            return Optional.empty();
        }
        if (host.contains(":") && !host.startsWith("[")) {
            return Optional.of(shown + " has an IPv6 host without brackets; " + LISTEN_EXAMPLE);
        }
        return Optional.of(shown + " has the host " + Values.quoted(host) + ", which is not an IP address or host name; "
                + LISTEN_EXAMPLE);
    }

    /** Why {@code host} is not a DNS name or a {@code *.example.com} wildcard, or empty when it is. */
    static Optional<String> hostProblem(String host) {
        String name = host.startsWith("*.") ? host.substring(2) : host;
        if (isDnsName(name) || (!host.startsWith("*.") && isIpv4(host))) {
            return Optional.empty();
        }
        return Optional.of(Values.quoted(host) + " is not a host name; write it like app.example.com or *.example.com "
                + "(no scheme, port or path)");
    }

    static boolean isDnsName(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // No top-level domain is all digits: "300.1.1.1" is a mistyped IP address, not a name.
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    private static boolean isIpv4(String host) {
        var match = IPV4.matcher(host);
        if (!match.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(match.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
