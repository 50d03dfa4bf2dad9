package io.driftless.cli;

/** How the agent writes its log: {@code text} for humans on stderr, {@code json} one object per line on stdout. */
public enum LogFormat {
    text, json
}
