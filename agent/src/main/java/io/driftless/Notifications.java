package io.driftless;

import io.driftless.cli.AgentOptions;
import io.driftless.io.SecretFile;
import io.driftless.notify.NoticeRules;
import io.driftless.notify.Notifier;
import io.driftless.notify.Target;
import io.driftless.time.Sleeper;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The {@code --notify} outlet from the flags: targets parsed and the secret file read before anything starts. */
final class Notifications {
    private Notifications() {
    }

    /**
     * @throws IllegalArgumentException naming the flag (and never a webhook URL) when a URL or the secret file is wrong
     */
    static Notifier from(AgentOptions o, Clock clock) {
        List<Target> targets = o.notify.stream().filter(u -> !u.isBlank()).map(Target::parse).toList();
        Optional<byte[]> secret = Optional.empty();
        if (o.notifySecretFile != null) {
            try {
                secret = Optional.of(new SecretFile(o.notifySecretFile, "--notify-secret-file", "the secret",
                        "--notify-secret-file").read());
            } catch (SecretFile.Unusable e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return new Notifier(targets, secret, new NoticeRules(clock, o.notifySourceDownAfter), Notifier.Settings.DEFAULTS,
                Sleeper.REAL, UnaryOperator.identity());
    }
}
