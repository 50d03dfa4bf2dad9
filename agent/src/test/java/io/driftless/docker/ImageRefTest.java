package io.driftless.docker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageRefTest {
    @Test
    void tagIsSplitOffAfterTheLastSlash() {
        assertEquals(new ImageRef("registry.example.com/acme/web", "1.4.2"), ImageRef.parse("registry.example.com/acme/web:1.4.2"));
    }

    @Test
    void registryPortIsNotMistakenForATag() {
        assertEquals(new ImageRef("localhost:5000/web", "latest"), ImageRef.parse("localhost:5000/web"));
        assertEquals(new ImageRef("localhost:5000/web", "2"), ImageRef.parse("localhost:5000/web:2"));
    }

    @Test
    void missingTagMeansLatestSoThePullDoesNotFetchEveryTag() {
        assertEquals(new ImageRef("busybox", "latest"), ImageRef.parse("busybox"));
    }

    @Test
    void digestReferenceIsPulledWhole() {
        String pinned = "ghcr.io/acme/web@sha256:" + "a".repeat(64);
        assertEquals(new ImageRef(pinned, null), ImageRef.parse(pinned));
    }
}
