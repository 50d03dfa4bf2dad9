package io.driftless.testing;

import java.util.List;

/**
 * The local PostgreSQL image of {@code scripts/pg-image.sh} (the host's PostgreSQL 15 in a rootfs, no registry),
 * built on demand. A container of it trusts its local socket; {@code PG_APP_USER}/{@code PG_APP_DB} in its
 * environment make a CREATEDB role and its database on first start.
 */
public final class PgImage {
    public static final String REF = "driftless-demo/postgres:15";
    private static volatile boolean ensured;

    private PgImage() {
    }

    /** Builds the image when it is missing or older than the script; fails the test with the script's output. */
    public static String ensure() {
        Components.require("dockerd (to build the PostgreSQL image)");
        if (!ensured) {
            synchronized (PgImage.class) {
                if (!ensured) {
                    AppImages.runScript("scripts/pg-image.sh", List.of());
                    ensured = true;
                }
            }
        }
        return REF;
    }
}
