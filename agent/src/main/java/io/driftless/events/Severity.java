package io.driftless.events;

/** How loudly an event is told: the log level, and whether a notification is a failure or good news. */
public enum Severity { INFO, WARN, ERROR }
