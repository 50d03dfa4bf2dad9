package io.driftless.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventBusTest {
    final AgentEvent event = new AgentEvent.SourceBack(Instant.EPOCH, 2);

    @Test
    void everySubscriberHearsEachEventInTheOrderTheySubscribed() {
        List<String> heard = new ArrayList<>();
        EventBus bus = new EventBus((e, x) -> heard.add("error"));
        bus.subscribe(e -> heard.add("journal")).subscribe(e -> heard.add("metrics"));

        bus.publish(event);

        assertEquals(List.of("journal", "metrics"), heard);
    }

    @Test
    void aSubscriberAddedFirstHearsEachEventBeforeTheOthers() {
        List<String> heard = new ArrayList<>();
        EventBus bus = new EventBus((e, x) -> heard.add("error"));
        bus.subscribe(e -> heard.add("journal")).subscribeFirst(e -> heard.add("progress"));

        bus.publish(event);

        assertEquals(List.of("progress", "journal"), heard);
    }

    @Test
    void anOutletThatFailsStopsNeitherTheOthersNorThePublisher() {
        List<String> heard = new ArrayList<>();
        EventBus bus = new EventBus((e, x) -> heard.add("onError: " + x.getMessage()));
        bus.subscribe(e -> {
            throw new IllegalStateException("webhook down");
        }).subscribe(e -> heard.add("journal"));

        bus.publish(event);

        assertEquals(List.of("onError: webhook down", "journal"), heard);
    }

    @Test
    void reasonsKnowWhoseFaultTheyAreAndKeepTheirWords() {
        assertEquals("HealthGateFailed", Reason.HEALTH_GATE_FAILED.code());
        assertEquals(Reason.Fault.HOST, Reason.DOCKER_ERROR.fault());
        assertEquals(Reason.Fault.COMMIT, Reason.CONTAINER_REFUSED.fault());
        for (Reason r : Reason.values()) {
            assertEquals(r, Reason.ofCode(r.code()).orElseThrow(), "codes are unique: " + r);
            assertEquals(r.code().matches("[A-Z][A-Za-z]*"), true, "a single CamelCase word: " + r.code());
        }
    }
}
