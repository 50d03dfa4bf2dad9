package io.driftless.backup;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SwapSqlTest {
    private final SwapSql sql = new SwapSql("app", "driftless_restore_20261121040000", "app_replaced_20261121040000");

    @Test
    void theTargetIsClosedToPublicOnItsOwn() {
        assertEquals("revoke connect on database \"app\" from public", sql.closeTarget());
    }

    @Test
    void theSwapEndsTheOtherSessionsThenRenamesBothAndReopensTheRestoredDatabase() {
        assertEquals(List.of(
                "select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = 'app' and pid <> pg_backend_pid()",
                "alter database \"app\" rename to \"app_replaced_20261121040000\"",
                "alter database \"driftless_restore_20261121040000\" rename to \"app\"",
                "grant connect on database \"app\" to public"), sql.swap());
    }

    @Test
    void aFailedSwapReopensTheTarget() {
        assertEquals("grant connect on database \"app\" to public", sql.reopenTarget());
    }

    @Test
    void namesWithQuotesMeanThemselves() {
        SwapSql odd = new SwapSql("My\"App's", "driftless_restore_20261121040000", "My\"App's_replaced_20261121040000");

        assertEquals("revoke connect on database \"My\"\"App's\" from public", odd.closeTarget());
        assertEquals("select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = 'My\"App''s' and pid "
                + "<> pg_backend_pid()", odd.swap().getFirst());
    }
}
