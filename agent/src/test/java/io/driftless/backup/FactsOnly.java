package io.driftless.backup;

/** A server whose facts a lambda gives, for tests of a backup, which never runs a query of its own. */
public record FactsOnly(Asked asked) implements PgServer {

    public interface Asked {
        Facts facts(PgConnection connection, String password) throws Unreachable;
    }

    @Override
    public Facts facts(PgConnection connection, String password) throws Unreachable {
        return asked.facts(connection, password);
    }

    @Override
    public Answer answer(PgConnection connection, String password, String query) {
        throw new AssertionError("a backup runs no query: " + query);
    }

    @Override
    public String schemaFingerprint(PgConnection connection, String password) {
        throw new AssertionError("a backup reads no schema fingerprint");
    }

    @Override
    public void execute(PgConnection connection, String password, java.util.List<String> statements) {
        throw new AssertionError("a backup runs no statement: " + statements);
    }
}
