package io.driftless.desired;

import static io.driftless.testing.Manifests.assertError;
import static io.driftless.testing.Manifests.assertOnlyError;
import static io.driftless.testing.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.driftless.testing.Manifests;
import org.junit.jupiter.api.Test;

/** The rules of {@code services.<name>}; MINIMAL's service {@code web} starts on line 3, its keys on line 4. */
class ServiceRulesTest {
    private static final String WEB = Manifests.MINIMAL;

    @Test
    void aServiceNameMustFitIntoAContainerName() {
        assertOnlyError("version: 1\nservices:\n  Web_1: {image: acme/web}\n", 3, 3,
                "services.Web_1: \"Web_1\" is not a valid service name; use 1 to 32 lowercase letters, digits and dashes");
        assertOnlyError("version: 1\nservices:\n  -web: {image: acme/web}\n", 3, 3, "is not a valid service name");
        assertOnlyError("version: 1\nservices:\n  " + "a".repeat(33) + ": {image: acme/web}\n", 3, 3,
                "is not a valid service name");
        Manifests.parse("version: 1\nservices:\n  " + "a".repeat(32) + ": {image: acme/web}\n  7: {image: acme/web}\n");
    }

    @Test
    void imageIsRequiredAndMustBeADockerReference() {
        assertOnlyError("version: 1\nservices:\n  web:\n    port: 80\n    health: {path: /h}\n", 3, 3,
                "services.web: image is required, for example image: registry.example.com/acme/web:1.4.2");
        assertOnlyError(WEB.replace("acme/web:1", "acme/Web:1"), 4, 12,
                "services.web.image: \"acme/Web:1\" has uppercase letters in \"Web\"; repository names must be lowercase");
        assertOnlyError(WEB.replace("acme/web:1", "\"acme/web:\""), 4, 12, "has an empty tag after ':'");
        assertOnlyError(WEB.replace("acme/web:1", "\"acme/web 1\""), 4, 12, "contains a space");
        assertOnlyError(WEB.replace("acme/web:1", "acme/web@sha256:abc"), 4, 12,
                "has a digest that is not sha256: followed by 64 lowercase hex digits");
        assertOnlyError(WEB.replace("acme/web:1", "[acme/web]"), 4, 12, "expected text, found a list");
    }

    @Test
    void portIsAWholeNumberFrom1To65535() {
        assertOnlyError(WEB.replace("8080", "0"), 5, 11, "services.web.port: 0 is out of range; use a whole number from 1 to 65535");
        assertOnlyError(WEB.replace("8080", "65536"), 5, 11, "65536 is out of range");
        assertOnlyError(WEB.replace("8080", "80.5"), 5, 11, "expected a whole number from 1 to 65535, found the number 80.5");
        assertOnlyError(WEB.replace("8080", "http"), 5, 11, "found the text \"http\"");
    }

    @Test
    void envNamesAreShellNamesAndValuesAreScalars() {
        assertOnlyError(WEB + "    env:\n      1ST: x\n", 8, 7,
                "services.web.env.1ST: \"1ST\" is not a valid variable name");
        assertOnlyError(WEB + "    env:\n      A-B: x\n", 8, 7, "\"A-B\" is not a valid variable name");
        assertOnlyError(WEB + "    env:\n      EMPTY:\n", 8, 13,
                "services.web.env.EMPTY: has no value; write EMPTY: \"\" for an empty one");
        assertOnlyError(WEB + "    env:\n      LIST: [a, b]\n", 8, 13, "services.web.env.LIST: expected text, found a list");
    }

    @Test
    void commandIsANonEmptyListOfText() {
        assertOnlyError(WEB + "    command: []\n", 7, 14, "services.web.command: is empty; leave command out");
        assertOnlyError(WEB + "    command:\n", 7, 13, "services.web.command: is empty");
        assertOnlyError(WEB + "    command: [/app, {a: b}]\n", 7, 21,
                "services.web.command[1]: expected text, found a mapping");
        assertEquals(java.util.List.of("sleep", "10"),
                Manifests.parse(WEB + "    command: [sleep, 10]\n").services().get("web").command());
    }

    @Test
    void volumesAreSourceColonAbsoluteTarget() {
        assertOnlyError(WEB + "    volumes: [\"./data:/srv\"]\n", 7, 15,
                "services.web.volumes[0]: \"./data:/srv\" has the relative source \"./data\"; use an absolute host path or a named volume");
        assertOnlyError(WEB + "    volumes: [\"data:srv\"]\n", 7, 15, "the path inside the container must be absolute");
        assertOnlyError(WEB + "    volumes: [\"data:/srv:rx\"]\n", 7, 15, "ends in \"rx\"; the only options are ro and rw");
        assertOnlyError(WEB + "    volumes: [data]\n", 7, 15, "is not source:target or source:target:ro");
        assertOnlyError(WEB + "    volumes:\n      - aa:/srv\n      - /b:/srv:ro\n", 9, 9,
                "services.web.volumes[1]: /srv is already mounted on line 8");
        Manifests.parse(WEB + "    volumes: [\"uploads:/srv/uploads:ro\", \"/var/lib/app:/data:rw\", \"x.y_z-1:/z\"]\n");
    }

    @Test
    void healthNeedsAPathThatStartsWithASlash() {
        assertOnlyError(WEB.replace("{path: /healthz}", "{interval: 2s}"), 6, 5,
                "services.web.health: path is required, for example path: /healthz");
        assertOnlyError(WEB.replace("{path: /healthz}", "{path: healthz}"), 6, 20,
                "services.web.health.path: \"healthz\" is not a URL path; it starts with / and has no spaces");
    }

    @Test
    void durationsAreGoStyleWithAUnit() {
        assertOnlyError(WEB.replace("{path: /healthz}", "{path: /h, interval: 5 seconds}"), 6, 34,
                "services.web.health.interval: \"5 seconds\" is not a duration; write it like 5s, 500ms or 1m30s");
        assertOnlyError(WEB.replace("{path: /healthz}", "{path: /h, interval: 5}"), 6, 34,
                "services.web.health.interval: \"5\" has no unit; write it like 5s, 500ms or 1m30s");
        assertOnlyError(WEB.replace("{path: /healthz}", "{path: /h, timeout: -1s}"), 6, 33,
                "services.web.health.timeout: \"-1s\" is negative");
        assertOnlyError(WEB.replace("{path: /healthz}", "{path: /h, deadline: 2d}"), 6, 34,
                "services.web.health.deadline: \"2d\" is not a duration; write it like 5s");
        assertOnlyError(WEB.replace("{path: /healthz}", "{path: /h, interval: 0s}"), 6, 34,
                "services.web.health.interval: must be longer than 0s");
        assertOnlyError(WEB + "    rollout: {drain: 25h}\n", 7, 22, "services.web.rollout.drain: \"25h\" is longer than the limit of 24h");
    }

    @Test
    void aHealthGateMustBeAbleToPass() {
        assertOnlyError(WEB.replace("{path: /healthz}", "{path: /h, timeout: 10s, deadline: 5s}"), 6, 33,
                "services.web.health.timeout: the timeout of 10s is longer than the deadline of 5s");
        assertOnlyError(WEB.replace("{path: /healthz}", "{path: /h, successes: 0}"), 6, 35,
                "services.web.health.successes: 0 is out of range; use a whole number from 1 to 1000");
        assertOnlyError(WEB.replace("{path: /healthz}", "{path: /h, successes: 11, interval: 1s, deadline: 10s}"), 6, 35,
                "services.web.health: 11 successes 1s apart take at least 10s, which does not fit in the deadline of 10s");
    }

    @Test
    void blueGreenNeedsAPortAndAHealthCheck() {
        assertOnlyError("version: 1\nservices:\n  web:\n    image: acme/web\n    port: 8080\n", 3, 3,
                "services.web: blue-green rollout needs a health check: add health.path (or set rollout.strategy: recreate)");
        assertOnlyError("version: 1\nservices:\n  web:\n    image: acme/web\n    port: 8080\n"
                + "    rollout: {strategy: blue-green}\n", 3, 3, "services.web: blue-green rollout needs a health check");
        assertOnlyError("version: 1\nservices:\n  worker:\n    image: acme/worker\n    rollout: {strategy: blue-green}\n",
                5, 25, "services.worker.rollout.strategy: blue-green needs a port to switch traffic on");
        assertOnlyError(WEB + "    rollout: {strategy: canary}\n", 7, 25,
                "services.web.rollout.strategy: \"canary\" is not one of blue-green, recreate");
    }

    @Test
    void routesNeedAPortAndValidHostsAndPaths() {
        assertOnlyError("version: 1\nservices:\n  web:\n    image: acme/web\n    routes: [{path: /*}]\n", 5, 5,
                "services.web.routes: routes need a port to send traffic to");
        assertOnlyError(WEB + "    routes: [{host: \"https://app.example.com\"}]\n", 7, 21,
                "services.web.routes[0].host: \"https://app.example.com\" is not a host name");
        assertOnlyError(WEB + "    routes: [{host: \"a.*.example.com\"}]\n", 7, 21, "is not a host name");
        assertOnlyError(WEB + "    routes: [{path: api}]\n", 7, 21, "services.web.routes[0].path: \"api\" is not a URL path");
        assertOnlyError(WEB + "    routes:\n      -\n", 8, 8,
                "services.web.routes[0]: is empty; write host: and/or path:, or {} to send every request here");
        assertOnlyError(WEB + "    routes: [{host: a.example.com, port: 80}]\n", 7, 36,
                "services.web.routes[0].port: unknown key. Allowed here: host, path");
    }

    @Test
    void aRouteClaimedTwiceNamesBothServices() {
        String yaml = """
                version: 1
                services:
                  web:
                    image: acme/web
                    port: 80
                    health: {path: /h}
                    routes: [{host: app.example.com, path: /*}]
                  api:
                    image: acme/api
                    port: 80
                    health: {path: /h}
                    routes:
                      - {host: App.Example.com, path: /*}
                      - {host: app.example.com, path: /api/*}
                      - {host: app.example.com, path: /api/*}
                """;

        assertEquals(2, errors(yaml).size());
        assertError(yaml, 13, 9, "services.api.routes[0]: host App.Example.com and path /* is already routed to "
                + "services.web on line 7; each host and path can lead to only one service");
        assertError(yaml, 15, 9, "services.api.routes[2]: host app.example.com and path /api/* is already listed for "
                + "services.api on line 14");
    }
}
