package io.driftless.desired;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Linux capability names as Docker takes them ({@code NET_ADMIN}, not {@code CAP_NET_ADMIN}), and Docker's defaults. */
public final class Capabilities {
    /** Every capability Docker knows (moby's list), plus ALL. */
    public static final List<String> NAMES = List.of("ALL", "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE",
            "BLOCK_SUSPEND", "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER",
            "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD",
            "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP",
            "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYSLOG", "SYS_MODULE", "SYS_NICE", "SYS_PACCT",
            "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM");

    /**
     * What every Docker container already has (moby's default set). Adding one of these back (after
     * {@code drop: [ALL]}, the usual hardening) grants nothing an ordinary container lacks.
     */
    public static final Set<String> DOCKER_DEFAULTS = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
            "SYS_CHROOT");

    private Capabilities() {
    }

    /** Why {@code name} is not a capability name as Docker takes it, or empty when it is one. */
    public static Optional<String> problemWith(String name) {
        if (NAMES.contains(name)) {
            return Optional.empty();
        }
        String upper = name.toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("CAP_") ? upper.substring(4) : upper;
        if (NAMES.contains(bare)) {
            return Optional.of(Values.quoted(name) + " is written " + bare + " here (capitals, without CAP_)");
        }
        String suggestion = Spelling.didYouMean(bare, NAMES);
        return Optional.of(Values.quoted(name) + " is not a Linux capability"
                + (suggestion.isEmpty() ? "; names look like NET_ADMIN or SYS_TIME (or ALL)" : suggestion));
    }
}
