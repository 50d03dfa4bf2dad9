package io.driftless.events;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Hands each event to every subscriber, in the order they subscribed, on the publisher's thread: the journal's line
 * is written before the publisher goes on, so log order is event order. A subscriber that throws does not stop the
 * others nor the publisher (an outlet must never stop a rollout); {@code onError} hears of it. Subscribers that do
 * slow work (a notification's HTTP call) queue it and return.
 */
public final class EventBus implements EventSink {
    private final List<EventSink> subscribers = new CopyOnWriteArrayList<>();
    private final BiConsumer<AgentEvent, RuntimeException> onError;

    public EventBus(BiConsumer<AgentEvent, RuntimeException> onError) {
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    public EventBus subscribe(EventSink subscriber) {
        subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
        return this;
    }

    /** Same, ahead of every subscriber so far: for an outlet that must act before the journal writes the event's lines. */
    public EventBus subscribeFirst(EventSink subscriber) {
        subscribers.addFirst(Objects.requireNonNull(subscriber, "subscriber"));
        return this;
    }

    @Override
    public void publish(AgentEvent event) {
        Objects.requireNonNull(event, "event");
        for (EventSink subscriber : subscribers) {
            try {
                subscriber.publish(event);
            } catch (RuntimeException e) {
                onError.accept(event, e);
            }
        }
    }
}
