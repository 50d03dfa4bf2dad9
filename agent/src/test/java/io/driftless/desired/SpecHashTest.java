package io.driftless.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.driftless.testing.Manifests;
import org.junit.jupiter.api.Test;

/** The spec hash changes exactly when the running container has to be replaced. */
class SpecHashTest {
    private static final String WEB = """
            version: 1
            services:
              web:
                image: acme/web:1
                port: 8080
                env: {A: "1", B: "2"}
                command: [/app/server, --fast]
                volumes: ["data:/data"]
                health: {path: /healthz, interval: 1s}
                rollout: {drain: 10s}
                routes: [{host: app.example.com}]
            """;

    private static String hash(String yaml) {
        return Manifests.parse(yaml).services().get("web").specHash();
    }

    @Test
    void theHashIsStableAndShort() {
        assertEquals(hash(WEB), hash(WEB));
        assertEquals(16, hash(WEB).length());
    }

    @Test
    void aServiceThatAsksNothingOfTheHostKeepsTheHashItHadBeforeHostAccessExisted() {
        // Pinned from the agent before privileged/network/pid/capabilities/devices/user were keys: a new hash would
        // make an upgraded agent replace every running container.
        assertEquals("516ff24fb6413f9b", hash(WEB));
        assertEquals(hash(WEB), hash(WEB + "    privileged: false\n    network: agent\n    pid: container\n"
                + "    capabilities: {}\n    devices: []\n"));
    }

    @Test
    void eachHostAccessKeyNeedsANewContainer() {
        // network: host takes neither routes nor blue-green, so the keys are tried on a recreate worker.
        String worker = WEB.replace("    routes: [{host: app.example.com}]\n", "").replace("{drain: 10s}", "{strategy: recreate}");
        for (String key : new String[]{"privileged: true", "network: host", "pid: host", "capabilities: {add: [NET_ADMIN]}",
                "capabilities: {drop: [NET_RAW]}", "devices: [/dev/fuse]", "user: \"1000:1000\""}) {
            assertNotEquals(hash(worker), hash(worker + "    " + key + "\n"), key);
        }
        assertNotEquals(hash(WEB + "    capabilities: {add: [NET_ADMIN]}\n"), hash(WEB + "    capabilities: {drop: [NET_ADMIN]}\n"));
        assertNotEquals(hash(WEB + "    user: \"1000\"\n"), hash(WEB + "    user: \"1000:1000\"\n"));
    }

    @Test
    void envOrderDoesNotChangeIt() {
        assertEquals(hash(WEB), hash(WEB.replace("{A: \"1\", B: \"2\"}", "{B: \"2\", A: \"1\"}")));
    }

    @Test
    void everythingThatNeedsANewContainerChangesIt() {
        String base = hash(WEB);
        assertNotEquals(base, hash(WEB.replace("acme/web:1", "acme/web:2")));
        assertNotEquals(base, hash(WEB.replace("port: 8080", "port: 8081")));
        assertNotEquals(base, hash(WEB.replace("B: \"2\"", "B: \"3\"")));
        assertNotEquals(base, hash(WEB.replace("B: \"2\"", "C: \"2\"")));
        assertNotEquals(base, hash(WEB.replace(", B: \"2\"", "")));
        assertNotEquals(base, hash(WEB.replace("--fast", "--slow")));
        assertNotEquals(base, hash(WEB.replace("[/app/server, --fast]", "[--fast, /app/server]")));
        assertNotEquals(base, hash(WEB.replace("    command: [/app/server, --fast]\n", "")));
        assertNotEquals(base, hash(WEB.replace("data:/data", "data:/data:ro")));
        assertNotEquals(base, hash(WEB.replace("    volumes: [\"data:/data\"]\n", "")));
    }

    @Test
    void healthRoutesAndRolloutDoNotChangeIt() {
        String base = hash(WEB);
        assertEquals(base, hash(WEB.replace("{path: /healthz, interval: 1s}", "{path: /ready, interval: 5s, successes: 1}")));
        assertEquals(base, hash(WEB.replace("{host: app.example.com}", "{host: www.example.com, path: /*}")));
        assertEquals(base, hash(WEB.replace("    routes: [{host: app.example.com}]\n", "")));
        assertEquals(base, hash(WEB.replace("{drain: 10s}", "{strategy: recreate, drain: 1s, monitor: 30s}")));
    }

    @Test
    void aSnapshotDoesNotChangeIt() {
        // Asking for a snapshot before the next rollout must not itself roll the service out.
        String backups = "backups:\n  db:\n    postgres: {container: db, database: app, user: app}\n"
                + "    schedule: \"0 3 * * *\"\n    keep: {last: 1}\n";
        assertEquals("516ff24fb6413f9b", hash(WEB + backups));
        assertEquals("516ff24fb6413f9b", hash(WEB.replace("    routes:", "    snapshot: {backup: db}\n    routes:") + backups));
        assertEquals("516ff24fb6413f9b", hash(WEB.replace("    routes:",
                "    snapshot: {backup: db, restoreOnFailure: true}\n    routes:") + backups));
    }

    @Test
    void commandArgumentsCannotBeConfusedByJoining() {
        assertNotEquals(hash(WEB.replace("[/app/server, --fast]", "[\"a b\"]")),
                hash(WEB.replace("[/app/server, --fast]", "[a, b]")));
    }
}
