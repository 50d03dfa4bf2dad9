package io.driftless.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Turns docker-java's exceptions into one line an operator can read. */
public final class DockerFailures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 240;

    private DockerFailures() {
    }

    /**
     * The daemon's own words: docker-java puts the raw answer in the message
     * ({@code Status 404: {"message":"No such container: x"}}); this keeps only the message text.
     */
    public static String reason(Throwable failure) {
        if (failure instanceof DockerException) {
            String raw = String.valueOf(failure.getMessage());
            int brace = raw.indexOf('{');
            if (brace >= 0) {
                try {
                    JsonNode message = JSON.readTree(raw.substring(brace)).get("message");
                    if (message != null && message.isTextual()) {
                        return oneLine(message.asText());
                    }
                } catch (IOException notJson) {
                    // fall through to the raw text
                }
            }
            return oneLine(raw.replaceFirst("^Status \\d+: ", ""));
        }
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return oneLine(message);
    }

    /** True when the failure is "nobody answers on the socket", not a daemon that said no. */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoSuchFileException) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof SocketException || t instanceof IOException) {
                if (message.contains("connection refused") || message.contains("no such file")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when the daemon answered, but only to say it is going away (a restart of dockerd cancels what is in
     * flight with these words): that says nothing about the request, and the same call works once it is back.
     */
    public static boolean daemonStopping(String reason) {
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        return r.contains("the client connection is closing") || r.contains("context canceled")
                || r.contains("daemon is shutting down") || r.contains("transport is closing");
    }

    /**
     * True when the talk with the daemon broke off (reset, timeout, closed socket) rather than the daemon
     * saying no: a daemon restarting looks like this, and asking again shortly may work.
     */
    public static boolean brokenConnection(Throwable failure) {
        if (failure instanceof DockerException) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return unreachable(failure);
    }

    static String oneLine(String text) {
        String line = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
        return line.length() > MAX ? line.substring(0, MAX - 1) + "…" : line;
    }
}
