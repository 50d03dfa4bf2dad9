package io.driftless.desired;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The desired state of one host at one commit: what {@code driftless.yaml} says, parsed and validated.
 *
 * @param services        by name, in the order the file lists them
 * @param backups         by name, in the order the file lists them
 * @param allowRemoveAll  {@code allowRemoveAll: true} in the file: the author means it when the manifest
 *                        lists no services and every running one should be pruned
 */
public record Manifest(int version, Proxy proxy, Map<String, Service> services,
                       Map<String, Backup> backups, boolean allowRemoveAll) {
    public Manifest {
        Objects.requireNonNull(proxy, "proxy");
        services = Collections2.orderedCopy(services);
        backups = Collections2.orderedCopy(backups);
    }

    /** The proxy settings and routes the agent renders into Caddy. */
    public record Proxy(List<String> listen, Tls tls) {
        public static final Proxy DEFAULT = new Proxy(List.of(":80", ":443"), Tls.AUTO);

        public Proxy {
            listen = List.copyOf(listen);
            Objects.requireNonNull(tls, "tls");
        }
    }

    /** {@code proxy.tls}. The route table carries the {@link #key()}, the word the manifest and Caddy's adapter share. */
    public enum Tls {
        AUTO, INTERNAL, OFF;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @throws IllegalArgumentException when {@code key} is none of auto, internal, off */
        public static Tls of(String key) {
            for (Tls tls : values()) {
                if (tls.key().equals(key)) {
                    return tls;
                }
            }
            throw new IllegalArgumentException("proxy.tls is '" + key + "': use auto, internal or off");
        }
    }
}
