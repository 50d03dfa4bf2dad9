package io.driftless.desired;

import static io.driftless.testing.Manifests.assertError;
import static io.driftless.testing.Manifests.assertOnlyError;
import static io.driftless.testing.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.testing.Manifests;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Errors about the YAML itself and the shape of the keys, before any rule about what a value means. */
class YamlStructureErrorsTest {

    @Test
    void invalidYamlIsReportedWhereTheParserStopped() {
        ManifestError error = assertOnlyError("""
                version: 1
                services:
                  web:
                    image: acme/web: 1
                """, 4, 20, "not valid YAML: mapping values are not allowed here");
        assertEquals(Manifests.FILE, error.file());
        assertEquals(Manifests.FILE + ":4:20: " + error.message(), error.toString());
    }

    @Test
    void misalignedKeysPointAtTheIndentation() {
        assertOnlyError("version: 1\nservices:\n  web:\n    image: a\n   port: 80\n", 5, 4,
                "not valid YAML: expected <block end>, but found '<block mapping start>' (while parsing a block mapping "
                        + "on line 3); check the indentation: the keys of one mapping must start in the same column");
        assertOnlyError("version: 1\nservices:\n  web: *base\n", 3, 8,
                "found undefined alias base; an alias (*name) must come after its anchor (&name)");
    }

    @Test
    void aKeyWithALineBreakStaysOnOneLineInTheMessage() {
        assertOnlyError("version: 1\n\"a\\nb\": 1\n", 2, 1, "a\\u000ab: unknown key.");
    }

    @Test
    void tabIndentationSaysToUseSpaces() {
        assertOnlyError("version: 1\nservices:\n\tweb: {}\n", 3, 1, "tab character here; YAML indents with spaces only");
    }

    @Test
    void anUnclosedFlowListIsReportedAtTheEnd() {
        assertOnlyError("version: 1\nservices: [\n", 3, 1, "not valid YAML");
    }

    @Test
    void aSecondDocumentIsRefused() {
        assertOnlyError("version: 1\n---\nversion: 1\n", 2, 1, "a manifest is one document, so remove the extra ---");
    }

    @Test
    void anEmptyFileOrOneWithOnlyCommentsSaysWhatToWrite() {
        assertOnlyError("", 1, 1, "the file is empty; a manifest starts with version: 1");
        assertOnlyError("# nothing yet\n\n", 1, 1, "the file is empty");
        assertOnlyError(null, 1, 1, "the file is empty");
    }

    @Test
    void theTopLevelMustBeAMapping() {
        assertOnlyError("- web\n- worker\n", 1, 1, "the top level must be keys like version: 1 and services:, found a list");
        assertOnlyError("\n  just text\n", 2, 3, "the top level must be keys like version: 1 and services:, found the text \"just text\"");
    }

    @Test
    void versionIsRequiredAndMustBeOne() {
        assertOnlyError("services: {}\n", 1, 1, "version is required, for example version: 1");
        assertOnlyError("version: 2\n", 1, 10, "version: 2 is not supported; this agent reads version: 1");
        assertOnlyError("version: \"1\"\n", 1, 10, "version: expected the number 1, found the text \"1\"");
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysAllowedThereAndTheLikelyTypo() {
        assertOnlyError(Manifests.MINIMAL + "    imgae: acme/web:2\n", 7, 5, "services.web.imgae: unknown key; did you "
                + "mean image? Allowed here: image, port, env, command, volumes, health, rollout, routes, privileged, network, "
                + "pid, capabilities, devices, user, snapshot");
        assertOnlyError("version: 1\nservcies: {}\n", 2, 1, "servcies: unknown key; did you mean services?");
        assertOnlyError("version: 1\nzebra: 1\n", 2, 1,
                "zebra: unknown key. Allowed here: version, proxy, services, backups, allowRemoveAll");
        assertOnlyError(Manifests.MINIMAL.replace("{path: /healthz}", "{path: /healthz, intreval: 2s}"), 6, 30,
                "services.web.health.intreval: unknown key; did you mean interval?");
    }

    @Test
    void aDuplicateKeyPointsAtTheSecondAndNamesTheLineOfTheFirst() {
        assertOnlyError(Manifests.MINIMAL + "    port: 9090\n", 7, 5,
                "services.web.port: is set twice; the first one is on line 5");
        assertOnlyError(Manifests.MINIMAL + "  web:\n    image: acme/other\n", 7, 3,
                "services.web: is set twice; the first one is on line 3");
    }

    @Test
    void aWrongTypeSaysWhatWasExpectedAndWhatWasFound() {
        assertOnlyError(Manifests.MINIMAL.replace("port: 8080", "port: \"8080\""), 5, 11,
                "services.web.port: expected a whole number from 1 to 65535, found the text \"8080\" (remove the quotes)");
        assertOnlyError(Manifests.MINIMAL + "    env: [A, B]\n", 7, 10,
                "services.web.env: expected a mapping (key: value lines), found a list");
        assertOnlyError(Manifests.MINIMAL + "    command: /app/server\n", 7, 14,
                "services.web.command: expected a list, for example [\"/app/server\", \"--verbose\"], found the text \"/app/server\"");
        assertOnlyError("version: 1\nservices: [web]\n", 2, 11, "services: expected a mapping (key: value lines), found a list");
        assertOnlyError("version: 1\nallowRemoveAll: sure\n", 2, 17,
                "allowRemoveAll: expected true or false, found the text \"sure\"");
    }

    @Test
    void explicitTagsAreRefused() {
        assertOnlyError(Manifests.MINIMAL.replace("image: acme/web:1", "image: !custom acme/web:1"), 4, 12,
                "services.web.image: the YAML tag !custom is not allowed in a manifest");
        assertOnlyError(Manifests.MINIMAL + "    env: !!set {A, B}\n", 7, 10, "the YAML tag !!set is not allowed");
        assertOnlyError("version: !!python/object/apply:os.system [\"id\"]\n", 1, 10,
                "a YAML tag that names a program type is not allowed");
    }

    @Test
    void keysMustBePlainNamesAndMergeKeysAreNotSupported() {
        assertOnlyError("version: 1\n? [a, b]\n: c\n", 2, 3, "every key must be a plain name, found a list");
        assertError("""
                version: 1
                services:
                  web:
                    <<: {image: acme/web}
                """, 4, 5, "services.web: merge keys (<<) are not supported; write the keys out in full");
    }

    @Test
    void aNulCharacterIsReportedWhereItIs() {
        assertOnlyError("version: 1\nservices:\0\n", 2, 10, "the character U+0000, which YAML does not allow");
        assertOnlyError(Manifests.MINIMAL + "    env: {A: \"x\\0y\"}\n", 7, 14,
                "services.web.env.A: contains a NUL character");
    }

    @Test
    void anAliasBombIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("version: 1\nx0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 15; level++) {
            bomb.append("x").append(level).append(": &x").append(level).append(" [");
            bomb.append(String.join(", ", java.util.Collections.nCopies(10, "*x" + (level - 1)))).append("]\n");
        }
        List<ManifestError> errors = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> errors(bomb.toString()));

        assertEquals(List.of(new ManifestError(Manifests.FILE, 1, 1, "this YAML cannot be read safely: it uses anchors "
                + "and aliases (*name) more than 100 times; write the values out")), errors);
    }

    @Test
    void aliasesThatPointBackAtThemselvesEndInAnError() {
        List<ManifestError> errors = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> errors("version: 1\nservices: &s\n  web: *s\n"));

        assertTrue(errors.stream().anyMatch(e -> e.message().contains("services.web: image is required")), errors::toString);
    }

    @Test
    void deepNestingIsRefusedWithoutAStackOverflow() {
        String deep = "version: 1\nx: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";

        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertOnlyError(deep, 1, 1, "it nests more than 30 levels deep"));
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeParsing() {
        String huge = "version: 1\n#" + "x".repeat(ManifestParser.MAX_CHARACTERS) + "\n";

        assertOnlyError(huge, 1, 1, "the file is too large");
    }

    @Test
    void everyErrorIsReportedInFileOrder() {
        List<ManifestError> errors = errors("""
                version: 1
                proxy: {tls: sometimes}
                services:
                  web:
                    image: acme/Web
                    port: 99999
                    health: {path: healthz}
                  worker:
                    imgae: acme/worker
                backups:
                  db: {}
                """);

        assertEquals(List.of("2:14", "5:12", "6:11", "7:20", "8:3", "9:5", "11:3", "11:3", "11:3"),
                errors.stream().map(e -> e.line() + ":" + e.column()).toList(), errors::toString);
        assertTrue(errors.get(0).message().startsWith("proxy.tls: \"sometimes\" is not one of auto, internal, off"));
        assertTrue(errors.get(1).message().startsWith("services.web.image: \"acme/Web\" has uppercase letters"));
        assertTrue(errors.get(3).message().startsWith("services.web.health.path: \"healthz\" is not a URL path"));
        assertTrue(errors.get(4).message().startsWith("services.worker: image is required"));
        assertTrue(errors.get(5).message().startsWith("services.worker.imgae: unknown key; did you mean image?"));
        assertTrue(errors.get(6).message().startsWith("backups.db: postgres is required"));
        assertTrue(errors.get(8).message().startsWith("backups.db: keep is required"));
    }
}
