package io.driftless.desired.compose;

import io.driftless.desired.Manifest;
import io.driftless.desired.ManifestParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compose subset that translates, validated by the manifest parser; and each refusal with its position. */
public class ComposeTranslatorTest {
    public static final String APP_AND_DB = """
            services:
              web:
                image: ghcr.io/acme/web:1.4.2
                ports:
                  - "8080:80"
                environment:
                  - APP_ENV=production
                  - DATABASE_URL=postgres://app@db:5432/app
                command: ["/app/server", "--port", "80"]
                healthcheck:
                  test: ["CMD", "curl", "-f", "http://localhost:80/healthz"]
                  interval: 10s
                restart: unless-stopped
                depends_on: [db]
              db:
                image: postgres:15
                environment:
                  POSTGRES_PASSWORD: example
                  POSTGRES_DB: app
                volumes:
                  - pgdata:/var/lib/postgresql/data
                  - /srv/init:/docker-entrypoint-initdb.d:ro
            volumes:
              pgdata:
            """;

    @Test
    void anAppAndItsDatabaseTranslateToAManifestTheParserAccepts() throws Exception {
        ComposeTranslator.Result result = ComposeTranslator.translate("docker-compose.yml", APP_AND_DB);

        assertEquals(List.of(), result.refusals());
        Manifest manifest = ManifestParser.parse("driftless.yaml", result.manifest());
        assertEquals(2, manifest.services().size(), result.manifest());
        String text = result.manifest();
        assertTrue(text.contains("port: 80\n"), text);
        assertTrue(text.contains("path: \"/healthz\"\n"), text);
        assertTrue(text.contains("host: \"web.example.com\"   # edit"), text);
        assertTrue(text.contains("\"DATABASE_URL\": \"postgres://app@db:5432/app\""), text);
        assertTrue(text.contains("command: [\"/app/server\", \"--port\", \"80\"]"), text);
        assertTrue(text.contains("allow-volume-path"), text);
        assertTrue(text.contains("# backups:\n#   db:"), text);
        assertTrue(text.contains("rollout: {strategy: recreate}"), text);
        assertTrue(text.contains("# edit: a secret here would be committed"), text);
    }

    @Test
    void eachRefusedKeyIsNamedWithItsPositionServiceAndReason() {
        String compose = """
                services:
                  api:
                    build: .
                    container_name: api
                    network_mode: host
                    privileged: true
                  proxy:
                    image: caddy:2
                    ports: ["80:80"]
                """;

        List<String> refusals = ComposeTranslator.translate("c.yml", compose).refusals().stream().map(Object::toString).toList();

        assertEquals(6, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).startsWith("c.yml:3:5: service api: build is refused: the agent deploys images"), refusals.get(0));
        assertTrue(refusals.get(1).startsWith("c.yml:4:5: service api: container_name is refused: the agent names containers"), refusals.get(1));
        assertTrue(refusals.get(2).startsWith("c.yml:5:5: service api: network_mode is refused"), refusals.get(2));
        assertTrue(refusals.get(3).startsWith("c.yml:6:5: service api: privileged is refused"), refusals.get(3));
        assertTrue(refusals.get(4).startsWith("c.yml:2:3: service api: has no image"), refusals.get(4));
        assertTrue(refusals.get(5).startsWith("c.yml:8:12: service proxy: the agent owns the host's Caddy"), refusals.get(5));
    }

    @Test
    void aPortWithoutAnHttpHealthcheckGetsAPlaceholderPathToEdit() throws Exception {
        String compose = "services:\n  web:\n    image: nginx:1.27\n    ports: [\"80\"]\n    environment: {A: \"1\"}\n";

        ComposeTranslator.Result result = ComposeTranslator.translate("c.yml", compose);

        assertEquals(List.of(), result.refusals());
        ManifestParser.parse("driftless.yaml", result.manifest());
        assertTrue(result.manifest().contains("path: \"/\"   # edit"), result.manifest());
    }

    @Test
    void anEnvironmentVariableWithoutAValueIsRefusedWhereItStands() {
        String compose = "services:\n  web:\n    image: nginx:1.27\n    environment:\n      TOKEN:\n";

        List<ComposeTranslator.Refusal> refusals = ComposeTranslator.translate("c.yml", compose).refusals();

        assertEquals(1, refusals.size(), refusals.toString());
        assertEquals("c.yml:5:7: service web: TOKEN takes its value from the shell; write its value", refusals.get(0).toString());
    }
}
