package io.driftless.rollout;

import io.driftless.events.Reason;

import java.time.Duration;

/** How carrying out a plan ended. Exceptions of the drivers become one of these at the executor. */
public sealed interface Outcome {

    /** Every step done: the host runs the plan's commit. */
    record Converged(String revision, Duration took) implements Outcome {
    }

    /**
     * A step failed. When it failed before the switch, no route moved and the candidates are gone; when the
     * monitor window failed, the routes went back to the old containers.
     *
     * @param service the service at fault, or null when it was the host (Caddy, Docker)
     * @param message what an operator reads
     */
    record Failed(String revision, Reason reason, String service, String message) implements Outcome {
        /**
         * True when the host, not the commit, failed (Docker or Caddy unreachable): the commit is not marked
         * failed and the next pass tries it again.
         */
        public boolean hostFault() {
            return reason.hostFault();
        }

        public String headline() {
            return (service == null ? "" : "service " + service + ": ") + message;
        }
    }
}
