package io.driftless.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What restoring a dump on a server needs before it starts, shared by the drill and the break-glass restore: the
 * password, the server's major version, and that major's {@code pg_restore}, {@code createdb} and {@code dropdb}.
 */
record RestoreClient(String password, PgCommands commands) {

    /** Which of the three checks failed; each caller names it with its own step. */
    enum Missing { PASSWORD, CONNECT, CLIENT }

    static RestoreClient of(PgTools tools, PgServer server, Path root, PgConnection connection,
                            Optional<Path> passwordFile) throws NotReady {
        String password;
        try {
            password = PolicyPassword.read(passwordFile);
        } catch (PolicyPassword.Unusable e) {
            throw new NotReady(Missing.PASSWORD, e.getMessage());
        }
        PgServer.Facts facts;
        try {
            facts = server.facts(connection, password);
        } catch (PgServer.Unreachable e) {
            throw new NotReady(Missing.CONNECT, e.getMessage());
        }
        PgCommands commands = new PgCommands(root, facts.major());
        for (Path program : List.of(commands.pgRestore(), commands.createdbProgram(), commands.dropdbProgram())) {
            boolean installed;
            try {
                installed = tools.installed(program);
            } catch (IOException e) {
                throw new NotReady(Missing.CLIENT, "cannot look for " + program + ": " + e.getMessage());
            }
            if (!installed) {
                throw new NotReady(Missing.CLIENT, "the server runs PostgreSQL " + facts.major() + " and " + program
                        + " is not installed" + tools.container().map(c -> " in " + c).orElse("") + "; "
                        + commands.install(tools.container()));
            }
        }
        return new RestoreClient(password, commands);
    }

    static final class NotReady extends Exception {
        final Missing missing;

        NotReady(Missing missing, String reason) {
            super(reason, null, false, false);
            this.missing = missing;
        }
    }
}
