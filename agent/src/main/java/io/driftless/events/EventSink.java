package io.driftless.events;

/** Where the reconciler and the executor tell what happened. */
@FunctionalInterface
public interface EventSink {
    EventSink NONE = event -> {
    };

    void publish(AgentEvent event);
}
