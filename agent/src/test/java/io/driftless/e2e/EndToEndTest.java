package io.driftless.e2e;

import io.driftless.testing.E2eHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Gives each end-to-end test a host of its own, and tears it down after. */
abstract class EndToEndTest {
    @TempDir
    Path dir;
    E2eHost host;

    @BeforeEach
    final void startHost(TestInfo info) {
        host = new E2eHost(dir, info.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    final void stopHost() {
        host.close();
    }
}
