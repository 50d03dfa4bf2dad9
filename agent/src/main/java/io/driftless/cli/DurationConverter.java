package io.driftless.cli;

import io.driftless.desired.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Flags take durations the way the manifest writes them: 30s, 500ms, 1m30s. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
